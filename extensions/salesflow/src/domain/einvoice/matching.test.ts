import { describe, expect, it } from 'vitest';
import { type MatchInvoice, matchResults } from './matching';
import type { EinvoiceResult } from './results';

const E1 = '25312000000000000001';
const E2 = '25312000000000000002';
const US = '91350100M000100Y43';
const BUYER = '91440300708461136T';
const OTHER_BUYER = '91330100799655058B';
const CONFIRMATION = '44030025011100000123';

const result = (over: Partial<EinvoiceResult> = {}): EinvoiceResult => ({
	row: 2,
	number: E1,
	buyerTaxId: BUYER,
	buyerName: '深圳某某科技有限公司',
	sellerTaxId: US,
	date: '2025-01-05',
	amountExcl: '200.00',
	tax: '26.00',
	total: '226.00',
	positive: true,
	redConfirmationNo: null,
	remark: null,
	...over,
});

const red = (over: Partial<EinvoiceResult> = {}) =>
	result({ amountExcl: '-100.00', tax: '-13.00', total: '-113.00', positive: false, redConfirmationNo: CONFIRMATION, ...over });

const inv = (n: number, over: Partial<MatchInvoice> = {}): MatchInvoice => ({
	id: n,
	number: `INV-2025-${String(n).padStart(6, '0')}`,
	direction: 'blue',
	status: 'draft',
	buyer_tax_id: BUYER,
	total: '226.00',
	einvoice_number: null,
	red_confirmation_no: null,
	...over,
});

const redInv = (n: number, over: Partial<MatchInvoice> = {}) =>
	inv(n, { direction: 'red', total: '-113.00', red_confirmation_no: CONFIRMATION, ...over });

const one = (r: EinvoiceResult, invoices: MatchInvoice[], opts = {}) => {
	const [outcome] = matchResults([r], invoices, opts);
	return outcome!.status === 'issue' || outcome!.status === 'already_issued'
		? { status: outcome!.status, invoice: outcome!.invoice.number }
		: outcome;
};

describe('matchResults: which invoice a row issues', () => {
	it.each([
		['our number in 备注', result({ remark: '合同CT-2025-000001 INV-2025-000002' }), [inv(1), inv(2)], 'INV-2025-000002'],
		['our number in 备注, even with another total elsewhere', result({ remark: 'INV-2025-000001' }), [inv(1), inv(3)], 'INV-2025-000001'],
		[
			'one draft with the buyer and exact total',
			result(),
			[inv(1, { total: '226.01' }), inv(2), inv(3, { buyer_tax_id: OTHER_BUYER })],
			'INV-2025-000002',
		],
		[
			'the buyer ID compared trimmed and case-blind',
			result({ buyerTaxId: BUYER.toLowerCase() }),
			[inv(1, { buyer_tax_id: ` ${BUYER} ` })],
			'INV-2025-000001',
		],
		['a total stored as a number', result(), [inv(1, { total: 226 })], 'INV-2025-000001'],
		[
			'the one issuable draft when others are issued or void',
			result(),
			[
				inv(1, { status: 'issued', einvoice_number: E2 }),
				inv(2, { status: 'void' }),
				inv(3),
				inv(4, { status: 'submitted', einvoice_number: E2 }),
			],
			'INV-2025-000003',
		],
		['a submitted invoice', result({ remark: 'INV-2025-000001' }), [inv(1, { status: 'submitted' })], 'INV-2025-000001'],
		['a red draft by its confirmation number', red(), [inv(1, { total: '-113.00' }), redInv(2)], 'INV-2025-000002'],
		['a red draft named in 备注', red({ remark: 'INV-2025-000002' }), [redInv(2, { red_confirmation_no: null })], 'INV-2025-000002'],
		['an unknown number in 备注 falls back to buyer and total', result({ remark: 'INV-2024-000099' }), [inv(1)], 'INV-2025-000001'],
		['a number repeated in 备注', result({ remark: 'INV-2025-000001 / INV-2025-000001' }), [inv(1)], 'INV-2025-000001'],
	])('%s', (_, r, invoices, expected) => {
		expect(one(r, invoices)).toEqual({ status: 'issue', invoice: expected });
	});

	it("returns the caller's own invoice objects, with the row and e-invoice number", () => {
		const invoices = [{ ...inv(1), extra: 'kept' }];
		expect(matchResults([result({ row: 9 })], invoices)).toEqual([{ row: 9, einvoice: E1, status: 'issue', invoice: invoices[0] }]);
	});

	it.each([
		['the seller is us', US],
		['the seller is us, written in lower case with spaces', ` ${US.toLowerCase()} `],
	])('checks companyTaxId: %s', (_, companyTaxId) => {
		expect(one(result(), [inv(1)], { companyTaxId })).toEqual({ status: 'issue', invoice: 'INV-2025-000001' });
	});

	it('cannot check the seller of a row without one', () => {
		expect(one(result({ sellerTaxId: null }), [inv(1)], { companyTaxId: OTHER_BUYER })).toEqual({
			status: 'issue',
			invoice: 'INV-2025-000001',
		});
	});

	it('issues from the statuses given in issuable', () => {
		const pending = [inv(1, { status: 'pending_approval' })];
		expect(one(result(), pending).status).toBe('unmatched');
		expect(one(result(), pending, { issuable: ['draft', 'pending_approval'] })).toEqual({ status: 'issue', invoice: 'INV-2025-000001' });
	});
});

describe('matchResults: already issued', () => {
	it.each([
		['found by its number', result(), [inv(1, { status: 'issued', einvoice_number: E1 }), inv(2)]],
		['and named in 备注', result({ remark: 'INV-2025-000001' }), [inv(1, { status: 'issued', einvoice_number: E1 })]],
		['a red one', red(), [redInv(1, { status: 'issued', einvoice_number: E1 })]],
	])('%s', (_, r, invoices) => {
		expect(one(r, invoices)).toEqual({ status: 'already_issued', invoice: 'INV-2025-000001' });
	});
});

describe('matchResults: unmatched', () => {
	it.each([
		[
			'no draft with the buyer and total',
			result(),
			[inv(1, { total: '226.01' })],
			`no blue draft with buyer ${BUYER} and total 226.00 for e-invoice ${E1}`,
		],
		['no invoices at all', result(), [], `no blue draft with buyer ${BUYER} and total 226.00 for e-invoice ${E1}`],
		[
			'two drafts with the buyer and total',
			result(),
			[inv(1), inv(2)],
			`2 drafts fit e-invoice ${E1} (each a blue draft with buyer ${BUYER} and total 226.00): INV-2025-000001, INV-2025-000002; name one in 备注`,
		],
		[
			'no buyer ID and no number in 备注 (a private buyer)',
			result({ buyerTaxId: null }),
			[inv(1, { buyer_tax_id: null })],
			`e-invoice ${E1} names none of our invoices in 备注 and has no buyer taxpayer ID`,
		],
		[
			'no red draft with the confirmation',
			red(),
			[redInv(1, { red_confirmation_no: '1' })],
			`no red draft with confirmation ${CONFIRMATION} for e-invoice ${E1}`,
		],
		[
			'two red drafts with the confirmation',
			red(),
			[redInv(1), redInv(2)],
			`2 drafts fit e-invoice ${E1} (each a red draft with confirmation ${CONFIRMATION}): INV-2025-000001, INV-2025-000002; name one in 备注`,
		],
		[
			'a matching draft that is not issuable',
			result(),
			[inv(1, { status: 'void' })],
			`no blue draft with buyer ${BUYER} and total 226.00 for e-invoice ${E1}`,
		],
	])('%s', (_, r, invoices, reason) => {
		expect(one(r, invoices)).toEqual({ row: 2, einvoice: E1, status: 'unmatched', reason });
	});
});

describe('matchResults: conflicting', () => {
	it.each([
		[
			'the seller is not us',
			result(),
			[inv(1)],
			{ companyTaxId: OTHER_BUYER },
			'sellerTaxId',
			`e-invoice ${E1} was issued by ${US}, not by us (${OTHER_BUYER})`,
		],
		[
			'the number is on two of our invoices',
			result(),
			[inv(1, { einvoice_number: E1 }), inv(2, { einvoice_number: E1 })],
			{},
			'number',
			`e-invoice ${E1} is on INV-2025-000001 and INV-2025-000002`,
		],
		[
			'the number is on another invoice than 备注 names',
			result({ remark: 'INV-2025-000002' }),
			[inv(1, { status: 'issued', einvoice_number: E1 }), inv(2)],
			{},
			'remark',
			`e-invoice ${E1} is on INV-2025-000001 but its 备注 names INV-2025-000002`,
		],
		[
			'the invoice holding the number has another total',
			result({ amountExcl: '300.00', tax: '39.00', total: '339.00' }),
			[inv(1, { status: 'issued', einvoice_number: E1 })],
			{},
			'total',
			`total 339.00 of e-invoice ${E1} differs from INV-2025-000001 226.00`,
		],
		[
			'备注 names two of our invoices',
			result({ remark: 'INV-2025-000001 INV-2025-000002' }),
			[inv(1), inv(2)],
			{},
			'remark',
			`备注 of e-invoice ${E1} names INV-2025-000001 and INV-2025-000002`,
		],
		[
			'the named invoice already carries another e-invoice',
			result({ remark: 'INV-2025-000001' }),
			[inv(1, { status: 'issued', einvoice_number: E2 })],
			{},
			'number',
			`INV-2025-000001 already carries e-invoice ${E2}, not ${E1}`,
		],
		[
			'the named invoice is void',
			result({ remark: 'INV-2025-000001' }),
			[inv(1, { status: 'void' })],
			{},
			'remark',
			'INV-2025-000001 is void; only draft, submitted invoices can be issued',
		],
		[
			'the total differs from the named draft',
			result({ remark: 'INV-2025-000001' }),
			[inv(1, { total: '226.01' })],
			{},
			'total',
			`total 226.00 of e-invoice ${E1} differs from INV-2025-000001 226.01`,
		],
		[
			'the buyer differs from the named draft',
			result({ remark: 'INV-2025-000001' }),
			[inv(1, { buyer_tax_id: OTHER_BUYER })],
			{},
			'buyerTaxId',
			`buyer taxpayer ID ${BUYER} of e-invoice ${E1} differs from INV-2025-000001 ${OTHER_BUYER}`,
		],
		[
			'a red row names a blue invoice',
			red({ remark: 'INV-2025-000001' }),
			[inv(1, { total: '-113.00' })],
			{},
			'positive',
			`INV-2025-000001 is a blue invoice, e-invoice ${E1} is red`,
		],
		[
			'a red row without a confirmation number',
			red({ redConfirmationNo: null, remark: 'INV-2025-000001' }),
			[redInv(1)],
			{},
			'redConfirmationNo',
			`red e-invoice ${E1} has no red confirmation number (红字确认单编号)`,
		],
		[
			'a red row with another confirmation than the named draft',
			red({ remark: 'INV-2025-000001', redConfirmationNo: '99' }),
			[redInv(1)],
			{},
			'redConfirmationNo',
			`red confirmation 99 of e-invoice ${E1} differs from INV-2025-000001 ${CONFIRMATION}`,
		],
		[
			'the red total differs from the draft found by confirmation',
			red(),
			[redInv(1, { total: '-113.01' })],
			{},
			'total',
			`total -113.00 of e-invoice ${E1} differs from INV-2025-000001 -113.01`,
		],
	])('%s', (_, r, invoices, opts, field, reason) => {
		expect(one(r, invoices, opts)).toEqual({ row: 2, einvoice: E1, status: 'conflicting', field, reason });
	});

	it('two rows of the file claiming the same invoice are both conflicting', () => {
		const outcomes = matchResults(
			[
				result({ row: 3, remark: 'INV-2025-000001' }),
				result({ row: 7, number: E2 }),
				result({ row: 8, number: '25312000000000000003', remark: 'INV-2025-000002' }),
			],
			[inv(1), inv(2, { total: '500.00' })],
		);
		expect(outcomes.map((o) => [o.row, o.status, 'reason' in o ? o.reason : o.invoice.number])).toEqual([
			[3, 'conflicting', `rows 3, 7 of the file claim INV-2025-000001 / e-invoice ${E1}`],
			[7, 'conflicting', `rows 3, 7 of the file claim INV-2025-000001 / e-invoice ${E2}`],
			[8, 'conflicting', 'total 226.00 of e-invoice 25312000000000000003 differs from INV-2025-000002 500.00'],
		]);
	});

	it('one e-invoice number issuing two invoices is conflicting on both rows', () => {
		const outcomes = matchResults(
			[result({ row: 2, remark: 'INV-2025-000001' }), result({ row: 3, remark: 'INV-2025-000002' })],
			[inv(1), inv(2)],
		);
		expect(outcomes.map((o) => [o.status, 'reason' in o && o.reason])).toEqual([
			['conflicting', `rows 2, 3 of the file claim INV-2025-000001 / e-invoice ${E1}`],
			['conflicting', `rows 2, 3 of the file claim INV-2025-000002 / e-invoice ${E1}`],
		]);
	});
});

describe('matchResults over a whole file', () => {
	const invoices = [
		inv(1),
		inv(2, { buyer_tax_id: OTHER_BUYER, total: '500.00' }),
		redInv(3),
		inv(4, { status: 'issued', einvoice_number: '25312000000000000099' }),
		inv(5, { total: '999.00' }),
	];
	const file = [
		result({ row: 2, number: E1, remark: 'INV-2025-000001' }),
		result({ row: 3, number: E2, buyerTaxId: OTHER_BUYER, amountExcl: '442.48', tax: '57.52', total: '500.00' }),
		red({ row: 4, number: '25312000000000000003' }),
		result({ row: 5, number: '25312000000000000099' }),
		result({ row: 6, number: '25312000000000000005', total: '1.00', amountExcl: '1.00', tax: '0.00' }),
	];

	it('decides each row', () => {
		expect(matchResults(file, invoices).map((o) => [o.row, o.status])).toEqual([
			[2, 'issue'],
			[3, 'issue'],
			[4, 'issue'],
			[5, 'already_issued'],
			[6, 'unmatched'],
		]);
	});

	it('is deterministic and each row is decided alone, whatever the order of the file', () => {
		const forward = matchResults(file, invoices);
		expect(matchResults(file, invoices)).toEqual(forward);
		expect(matchResults([...file].reverse(), invoices)).toEqual([...forward].reverse());
	});

	it('a second run after issuing gives only already_issued for the rows that were issued', () => {
		const first = matchResults(file, invoices);
		const issued = new Map(first.flatMap((o) => (o.status === 'issue' ? [[o.invoice.id, o.einvoice] as const] : [])));
		const after = invoices.map((i) => (issued.has(i.id) ? { ...i, status: 'issued', einvoice_number: issued.get(i.id)! } : i));
		const issuedRows = file.filter((_, k) => first[k]!.status !== 'unmatched');
		const second = matchResults(issuedRows, after);
		expect(second.map((o) => o.status)).toEqual(['already_issued', 'already_issued', 'already_issued', 'already_issued']);
		expect(second.map((o) => 'invoice' in o && o.invoice.number)).toEqual([
			'INV-2025-000001',
			'INV-2025-000002',
			'INV-2025-000003',
			'INV-2025-000004',
		]);
	});

	it('an empty file decides nothing', () => {
		expect(matchResults([], invoices)).toEqual([]);
	});
});
