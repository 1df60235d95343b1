// Bad input on every custom route and every hook-guarded write (QUALITY.md "Reliability and
// security"): each generated case is refused with 400/403/404/409 in Directus' error format with a
// code and a message naming the field, and the affected rows stay as they were (counted as admin).
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../extensions/salesflow/src/domain/errors';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { AS_NUMBERS, badCases, extraField, ID, ID_TEXT, POSITIVE_DECIMAL, TEXT, type BadCase, type BadKind } from './bad-input';
import { call, count, ok, userId, type Res } from './helpers';
import { confirmedOrder, customerOf, issuedNote, order, stockedProduct, submit } from './fixtures';

/** Our codes (CONTRACT.md and the domain's) and Directus' own that a refusal may carry. */
const CODES = [
	...Object.keys(ErrorCode),
	'DUPLICATE_STATEMENT',
	'INVALID_QUERY',
	'ROUTE_NOT_FOUND',
	'VALUE_OUT_OF_RANGE',
	'VALUE_TOO_LONG',
	'NOT_NULL_VIOLATION',
	'INVALID_FOREIGN_KEY',
	'FAILED_VALIDATION',
];

type Want = { status: number | number[]; code?: string | string[]; mentions?: RegExp };

function expectRefusal(r: Res, want: Want, label: string): void {
	const detail = `${label} → ${r.status} ${JSON.stringify(r.errors ?? r.data)?.slice(0, 400)}`;
	expect([want.status].flat(), detail).toContain(r.status);
	const e = r.errors?.[0];
	expect(e, detail).toBeTruthy();
	expect(e!.message?.trim().length, detail).toBeGreaterThan(0);
	expect(CODES, detail).toContain(e!.extensions?.code);
	if (want.code) expect([want.code].flat(), detail).toContain(e!.extensions.code);
	if (want.mentions) expect(`${e!.message} ${e!.extensions.field ?? ''}`, detail).toMatch(want.mentions);
}

/** Fixture ids, filled in beforeAll; payload templates refer to them as '@name'. */
const F: Record<string, any> = {};
const resolve = (v: any): any => {
	if (typeof v === 'string' && /^@\w+$/.test(v)) return F[v.slice(1)];
	if (typeof v === 'string' && v.startsWith('/')) return v.replace(/@(\w+)/g, (_, k) => String(F[k]));
	if (Array.isArray(v)) return v.map(resolve);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
	return v;
};

type Counted = string | [string, Record<string, unknown>];
const snapshot = async (counted: Counted[]) =>
	Promise.all(counted.map(async (c) => (typeof c === 'string' ? [c, await count(c)] : [JSON.stringify(c), await count(c[0], c[1])])));

/** The last named segment of a path ("lines.0.quantity" → "quantity"). */
const leaf = (field: string) =>
	field
		.split('.')
		.filter((s) => !/^\d+$/.test(s))
		.pop()!;

/** Default expectation of a spoiled field: 400 INVALID_PAYLOAD naming the field. */
const invalidField = (c: BadCase): Want => ({ status: 400, code: 'INVALID_PAYLOAD', mentions: new RegExp(leaf(c.field)) });

type Send = (body: any) => [method: string, path: string, body?: unknown];
type Table = {
	user: string;
	send: Send;
	cases: BadCase[];
	/** Collections (or [collection, filter]) whose row counts must not change. */
	counts: Counted[];
	/** Anything else that must stay as it was (a row's fields). */
	state?: () => Promise<unknown>;
	want?: (c: BadCase) => Want;
};

const post =
	(path: string): Send =>
	(b) => ['POST', resolve(path), b];
const patch =
	(path: string): Send =>
	(b) => ['PATCH', resolve(path), b];
const get =
	(path: string): Send =>
	(b) => ['GET', `${path}?${queryString(b)}`];
/** A route with the case's `id` in its path. */
const idPath =
	(method: string, path: (id: string) => string, body?: unknown): Send =>
	(b) => [method, path(encodeURIComponent(String(b.id))), resolve(body)];

function queryString(params: Record<string, unknown>): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
	return q.toString();
}

/** One test per case; counts and state are taken once before the table and checked after each case. */
function refusals(title: string, t: Table): void {
	describe(title, () => {
		let before: unknown;
		let stateBefore: unknown;
		beforeAll(async () => {
			before = await snapshot(t.counts);
			stateBefore = await t.state?.();
		});
		for (const c of t.cases) {
			it(c.name, async () => {
				const [method, path, body] = t.send(resolve(c.body));
				const r = await call(t.user, method, path, body);
				expectRefusal(r, (t.want ?? invalidField)(c), c.name);
				const [after, stateAfter] = await Promise.all([snapshot(t.counts), t.state?.()]);
				expect(after).toEqual(before);
				expect(stateAfter).toEqual(stateBefore);
			});
		}
	});
}

/** A hand-made case (a whole body), for shapes the generator does not cover. */
const named = (name: string, field: string, body: unknown): BadCase => ({ name, field, kind: 'object', body });
const extra = (base: Record<string, unknown>) => named('extra field', 'unexpected_field', extraField(base));

const MONEY: BadKind[] = [...POSITIVE_DECIMAL, ...AS_NUMBERS];
/** Path ids: text in a URL. */
const PATH_ID: BadKind[] = ['abc', 'negative', '1e309', 'fullwidth', 'sql-or', 'float-id', 'huge', 'big-id'];
const wantPathId = (c: BadCase): Want =>
	c.kind === 'unknown-id'
		? { status: 404, code: 'NOT_FOUND', mentions: /999999999/ }
		: { status: 400, code: 'INVALID_PAYLOAD', mentions: /id/ };
const UUID_BAD: BadKind[] = ['abc', 'sql', 'sql-or', 'empty', 'fullwidth'];
const ENUM_BAD: BadKind[] = ['abc', 'null', 'boolean', 'sql', 'empty'];
/** A reference to a row: unknown ids are bad input too (400 naming the field). */
const wantRef = invalidField;
const forbidden: Want = { status: 403, code: ['FORBIDDEN', 'NOT_APPROVER'] };
/** A reference to a row the caller may not read: answered exactly like a missing one (nothing tells it exists). */
const notYours: Want = { status: 400, code: 'INVALID_PAYLOAD', mentions: /does not exist or is not yours to use/ };
/** A route naming a row the caller takes no part in: 404, like a missing id. */
const missing: Want = { status: 404, code: 'NOT_FOUND' };

beforeAll(async () => {
	const { product, warehouse } = await stockedProduct(100, 'WH-SH', '100.00');
	F.product = product.id;
	F.warehouse = warehouse.id;
	F.customer = (await customerOf('sales_rep')).id;
	F.foreignCustomer = (await customerOf('sales_rep_2')).id;
	F.rep = userId('sales_rep');
	F.rep2 = userId('sales_rep_2');
	// A draft order of the rep (its line is edited with bad values).
	const draft = await order('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }]);
	F.draftOrder = draft.id;
	F.draftLine = (await ok<any>('admin', 'GET', `/items/sales_orders/${draft.id}?fields=lines`)).lines[0];
	// A submitted order waiting for the sales manager.
	const pending = await order('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }]);
	await submit('sales_rep', 'sales_orders', pending.id);
	F.request = (await ok<any>('admin', 'GET', `/items/sales_orders/${pending.id}?fields=approval_request`)).approval_request;
	expect(F.request, 'a pending approval request').toBeTruthy();
	// A confirmed order of 4 units, 2 delivered (partially shipped: it still takes changes), 1 invoiced and issued.
	const confirmed = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '4', unit_price: '100.00' }]);
	F.order = confirmed.id;
	F.orderLine = confirmed.lines[0].id;
	const note = await issuedNote('sales_rep', confirmed.id, warehouse.id, [{ order_line: F.orderLine, quantity: '2' }]);
	F.shipment = note.id;
	F.shipmentLine = note.lines[0].id;
	const draftInvoice = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', {
		type: 'vat_ordinary',
		shipments: [note.id],
		lines: [{ shipment_line: note.lines[0].id, quantity: '1' }],
	});
	const invoice = await ok<any>('finance', 'POST', `/invoicing/invoices/${draftInvoice.id}/issue`);
	F.invoice = invoice.id;
	F.invoiceLine = invoice.lines[0].id;
	// A confirmed receipt of the rep's customer.
	const receipt = await ok<any>('finance', 'POST', '/items/receipts', { customer: F.customer, amount: '100.00', received_on: today() });
	await ok('finance', 'PATCH', `/items/receipts/${receipt.id}`, { status: 'confirmed' });
	F.receipt = receipt.id;
	// Drafts that bad status changes and edits must leave as they are.
	F.draftReceipt = (
		await ok<any>('finance', 'POST', '/items/receipts', { customer: F.customer, amount: '10.00', received_on: today() })
	).id;
	F.draftEntry = (
		await ok<any>('warehouse_manager', 'POST', '/items/stock_entries', {
			type: 'adjust_in',
			warehouse: F.warehouse,
			lines: [{ product: F.product, quantity: '1' }],
		})
	).id;
	F.draftQuote = (
		await ok<any>('sales_rep', 'POST', '/items/quotes', {
			customer: F.customer,
			lines: [{ product: F.product, quantity: '1', unit_price: '100.00' }],
		})
	).id;
}, 240_000);

// ——— custom routes ———

describe('custom routes', () => {
	const approvals: Counted[] = [
		'approval_requests',
		['approval_steps', { status: { _eq: 'pending' } }],
		['sales_orders', { status: { _eq: 'confirmed' } }],
	];
	refusals('POST /approvals/:id/approve — path id', {
		user: 'sales_manager',
		send: idPath('POST', (id) => `/approvals/${id}/approve`, { comment: 'ok' }),
		cases: [...badCases({ id: '@request' }, { id: PATH_ID }), ...badCases({ id: '@request' }, { id: ['unknown-id'] })],
		counts: approvals,
		want: wantPathId,
	});
	refusals('POST /approvals/:id/approve — body', {
		user: 'sales_manager',
		send: post('/approvals/@request/approve'),
		cases: [
			...badCases({ comment: 'ok' }, { comment: ['boolean', 'object', 'array', '2MB-string', 'zero-number'] }),
			extra({ comment: 'ok' }),
		],
		counts: approvals,
	});
	refusals('POST /approvals/:id/reject — body', {
		user: 'sales_manager',
		send: post('/approvals/@request/reject'),
		cases: [...badCases({ comment: '价格太低' }, { comment: TEXT }), extra({ comment: 'no' })],
		counts: approvals,
	});
	refusals('POST /approvals/:id/approve — not the approver', {
		user: 'sales_rep_2',
		send: post('/approvals/@request/approve'),
		cases: [named('another rep', 'approver', { comment: 'ok' })],
		counts: approvals,
		want: () => missing,
	});
	refusals('POST /approvals/:id/approve — own document', {
		user: 'sales_rep',
		send: post('/approvals/@request/approve'),
		cases: [named('the requester', 'approver', { comment: 'ok' })],
		counts: approvals,
		want: () => ({ status: 403, code: ['SELF_APPROVAL', 'NOT_APPROVER', 'FORBIDDEN'] }),
	});

	refusals('GET /invoicing/uninvoiced', {
		user: 'sales_rep',
		send: get('/invoicing/uninvoiced'),
		cases: [
			...badCases({ customer: '@customer' }, { customer: [...ID_TEXT, 'unknown-id'] }),
			named('foreign customer', 'customer', { customer: '@foreignCustomer' }),
		],
		counts: [],
		want: (c) => (c.name === 'foreign customer' ? notYours : wantRef(c)),
	});

	const invoiceCounts: Counted[] = ['invoices', 'invoice_lines'];
	const blue = { type: 'vat_ordinary', shipments: ['@shipment'], lines: [{ shipment_line: '@shipmentLine', quantity: '1' }] };
	refusals('POST /invoicing/invoices', {
		user: 'sales_rep',
		send: post('/invoicing/invoices'),
		cases: [
			...badCases(blue, {
				type: [...ENUM_BAD, 'missing'],
				shipments: ['missing', 'null', 'object', '5000-array', 'abc'],
				'shipments.0': ID,
				'lines.0.shipment_line': ID,
				'lines.0.quantity': POSITIVE_DECIMAL,
				lines: ['5000-array', 'abc'],
			}),
			named('empty shipments', 'shipments', { ...blue, shipments: [] }),
			extra(blue),
			named('extra field on a line', 'unexpected_field', { ...blue, lines: [{ ...blue.lines[0], unexpected_field: 1 }] }),
		],
		counts: invoiceCounts,
	});
	refusals('POST /invoicing/invoices — another rep', {
		user: 'sales_rep_2',
		send: post('/invoicing/invoices'),
		cases: [named("another rep's delivery note", 'shipments', blue)],
		counts: invoiceCounts,
		want: () => notYours,
	});
	refusals('POST /invoicing/invoices/:id/issue — path id', {
		user: 'finance',
		send: idPath('POST', (id) => `/invoicing/invoices/${id}/issue`),
		cases: badCases({ id: '@invoice' }, { id: [...PATH_ID, 'unknown-id'] }),
		counts: [['invoices', { status: { _eq: 'issued' } }]],
		want: wantPathId,
	});
	const red = { original_invoice: '@invoice', lines: [{ invoice_line: '@invoiceLine', quantity: '1' }], reason: '退货 / goods back' };
	const redByAmount = { ...red, lines: [{ invoice_line: '@invoiceLine', amount: '1.00' }] };
	refusals('POST /invoicing/red-invoices', {
		user: 'sales_rep',
		send: post('/invoicing/red-invoices'),
		cases: [
			...badCases(red, {
				original_invoice: [...ID, 'missing'],
				'lines.0.invoice_line': ID,
				'lines.0.quantity': POSITIVE_DECIMAL,
				reason: TEXT,
				lines: ['5000-array', 'null'],
			}),
			...badCases(redByAmount, { 'lines.0.amount': MONEY }),
			named('a line with neither quantity nor amount', 'lines', { ...red, lines: [{ invoice_line: '@invoiceLine' }] }),
			extra(red),
		],
		counts: invoiceCounts,
	});
	refusals('POST /invoicing/red-invoices — another rep', {
		user: 'sales_rep_2',
		send: post('/invoicing/red-invoices'),
		cases: [named("another rep's invoice", 'original_invoice', red)],
		counts: invoiceCounts,
		want: () => notYours,
	});

	const allocation = { allocations: [{ invoice: '@invoice', amount: '1.00' }] };
	refusals('POST /reconciliation/receipts/:id/allocate', {
		user: 'finance',
		send: post('/reconciliation/receipts/@receipt/allocate'),
		cases: [
			...badCases(allocation, { 'allocations.0.amount': MONEY, 'allocations.0.invoice': ID, allocations: ['null', '5000-array', 'abc'] }),
			...badCases({ mode: 'fifo' }, { mode: ENUM_BAD }),
			named('both mode and allocations', 'mode', { mode: 'fifo', ...allocation }),
			named('neither mode nor allocations', 'mode', {}),
			named('no allocations', 'allocations', { allocations: [] }),
			extra(allocation),
		],
		counts: ['receipt_allocations'],
		state: () => ok('admin', 'GET', `/items/receipts/${F.receipt}?fields=allocated_amount,status`),
	});
	refusals('POST /reconciliation/receipts/:id/allocate — path id', {
		user: 'finance',
		send: idPath('POST', (id) => `/reconciliation/receipts/${id}/allocate`, { mode: 'fifo' }),
		cases: badCases({ id: '@receipt' }, { id: [...PATH_ID, 'unknown-id'] }),
		counts: ['receipt_allocations'],
		want: wantPathId,
	});

	refusals('GET /reconciliation/statement', {
		user: 'sales_rep',
		send: get('/reconciliation/statement'),
		cases: [
			...badCases(
				{ customer: '@customer', period: '2026-01' },
				{ customer: [...ID_TEXT, 'missing', 'unknown-id'], period: ['abc', 'empty', 'sql', 'missing', 'fullwidth', 'negative'] },
			),
			named('period month 13', 'period', { customer: '@customer', period: '2026-13' }),
			named('unknown query parameter', 'unexpected_field', { customer: '@customer', period: '2026-01', unexpected_field: 'x' }),
			named('foreign customer', 'customer', { customer: '@foreignCustomer', period: '2026-01' }),
		],
		counts: ['statements'],
		want: (c) => (c.name === 'foreign customer' ? notYours : wantRef(c)),
	});
	const persist = { period: '2026-01', customers: ['@customer'] };
	refusals('POST /reconciliation/statements', {
		user: 'sales_rep',
		send: post('/reconciliation/statements'),
		cases: [
			...badCases(persist, {
				period: ['abc', 'null', 'missing', 'boolean', 'sql', 'empty', 'zero-number'],
				customers: ['null', 'abc', 'object'],
				'customers.0': ID,
			}),
			named('foreign customer', 'customers', { ...persist, customers: ['@foreignCustomer'] }),
			extra(persist),
		],
		counts: ['statements'],
		want: (c) => (c.name === 'foreign customer' ? notYours : invalidField(c)),
	});
	refusals('GET /reconciliation/aging', {
		user: 'sales_manager',
		send: get('/reconciliation/aging'),
		cases: [
			...badCases({ as_of: '2026-01-31', owner: '@rep' }, { as_of: ['abc', 'empty', 'sql', 'fullwidth', 'negative'], owner: UUID_BAD }),
			named('as_of 2026-02-30', 'as_of', { as_of: '2026-02-30' }),
			named('unknown query parameter', 'unexpected_field', { unexpected_field: '1' }),
		],
		counts: [],
	});
	refusals('GET /reconciliation/aging — another rep', {
		user: 'sales_rep',
		send: get('/reconciliation/aging'),
		cases: [named("another rep's receivables", 'owner', { owner: '@rep2' })],
		counts: [],
		want: () => ({ ...forbidden, mentions: /owner/ }),
	});
	refusals('GET /reconciliation/ledger-check', {
		user: 'finance',
		send: get('/reconciliation/ledger-check'),
		cases: [
			...badCases(
				{ period: '2026-01', customer: '@customer' },
				{ period: ['abc', 'empty', 'sql', 'fullwidth'], customer: [...ID_TEXT, 'unknown-id'] },
			),
		],
		counts: [],
	});
	refusals('GET /reconciliation/statements/:id/print — path id', {
		user: 'finance',
		send: idPath('GET', (id) => `/reconciliation/statements/${id}/print`),
		cases: badCases({ id: '1' }, { id: [...PATH_ID, 'unknown-id'] }),
		counts: [],
		want: wantPathId,
	});

	refusals('GET /reports/:name', {
		user: 'sales_manager',
		send: (b) => ['GET', `/reports/${b.report}?${queryString(b.q)}`],
		cases: [
			...badCases({ report: 'pipeline', q: { owner: '@rep' } }, { 'q.owner': UUID_BAD }),
			...badCases(
				{ report: 'sales-trend', q: { months: '12' } },
				{ 'q.months': ['abc', 'negative', 'zero', 'huge', '1e309', 'fullwidth', 'sql', 'too-many-decimals'] },
			),
			...badCases({ report: 'follow-up', q: { rows: '10' } }, { 'q.rows': ['abc', 'negative', 'zero', 'huge', 'sql'] }),
			named('unknown filter', 'unexpected_field', { report: 'pipeline', q: { unexpected_field: '1' } }),
		],
		counts: [],
	});
	refusals('GET /reports/:name — unknown report', {
		user: 'sales_manager',
		send: (b) => ['GET', `/reports/${encodeURIComponent(b.report)}`],
		cases: [named('unknown name', 'report', { report: 'nope' }), named('sql name', 'report', { report: "x' or 1=1 --" })],
		counts: [],
		want: () => ({ status: 404, code: 'NOT_FOUND', mentions: /report/ }),
	});
});

// ——— hook-guarded writes ———

describe('hook-guarded writes', () => {
	const docBase = { customer: '@customer', lines: [{ product: '@product', quantity: '1', unit_price: '100.00' }] };
	const linesOf: Record<string, string> = { quotes: 'quote_lines', sales_orders: 'sales_order_lines' };
	for (const doc of ['quotes', 'sales_orders']) {
		refusals(`POST /items/${doc}`, {
			user: 'sales_rep',
			send: post(`/items/${doc}`),
			cases: [
				...badCases(docBase, {
					customer: [...ID, 'missing'],
					'lines.0.product': [...ID, 'missing'],
					'lines.0.quantity': [...POSITIVE_DECIMAL, ...AS_NUMBERS, 'missing'],
					'lines.0.unit_price': [
						'negative',
						'negative-number',
						'huge',
						'NaN-string',
						'Infinity-string',
						'abc',
						'1e309',
						'thousands-separator',
						'fullwidth',
						'too-many-decimals',
						'boolean',
						'object',
						'sql',
						'missing',
					],
					'lines.0.tax_rate': ['negative', 'abc', 'huge', 'too-many-decimals', '1e309'],
				}),
				named('too-many-decimals quantity (4 places)', 'quantity', { ...docBase, lines: [{ ...docBase.lines[0], quantity: '1.0005' }] }),
				extra(docBase),
				named('extra field on a line', 'unexpected_field', { ...docBase, lines: [{ ...docBase.lines[0], unexpected_field: 1 }] }),
				named('computed total on a line', 'total', { ...docBase, lines: [{ ...docBase.lines[0], total: '1.00' }] }),
			],
			counts: [doc, linesOf[doc]!],
			want: (c) => (c.field === 'total' ? { status: 403, code: 'FORBIDDEN' } : invalidField(c)),
		});
		refusals(`POST /items/${doc} — another rep's customer`, {
			user: 'sales_rep_2',
			send: post(`/items/${doc}`),
			cases: [named("another rep's customer", 'customer', docBase)],
			counts: [doc, linesOf[doc]!],
			want: () => notYours,
		});
	}

	const lineState = () => ok('admin', 'GET', `/items/sales_order_lines/${F.draftLine}?fields=quantity,unit_price,tax_rate,total`);
	refusals('PATCH /items/sales_order_lines/:id', {
		user: 'sales_rep',
		send: patch('/items/sales_order_lines/@draftLine'),
		cases: [
			...badCases({ quantity: '3' }, { quantity: [...POSITIVE_DECIMAL, 'null'] }),
			...badCases(
				{ unit_price: '90.00' },
				{
					unit_price: [
						'negative',
						'huge',
						'NaN-string',
						'abc',
						'1e309',
						'thousands-separator',
						'fullwidth',
						'too-many-decimals',
						'boolean',
						'sql',
					],
				},
			),
			...badCases({ product: '@product' }, { product: ID }),
			named('computed total', 'total', { total: '1.00' }),
		],
		counts: ['sales_order_lines'],
		state: lineState,
		want: (c) => (c.field === 'total' ? { status: 403, code: 'FORBIDDEN' } : invalidField(c)),
	});
	refusals("PATCH /items/sales_order_lines/:id — another rep's line", {
		user: 'sales_rep_2',
		send: patch('/items/sales_order_lines/@draftLine'),
		cases: [named("another rep's line", 'quantity', { quantity: '3' })],
		counts: [],
		state: lineState,
		want: () => ({ status: [403], code: 'FORBIDDEN' }),
	});

	const orderState = () => ok('admin', 'GET', `/items/sales_orders/${F.draftOrder}?fields=status,customer,approval_request,total`);
	refusals('PATCH /items/sales_orders/:id — status', {
		user: 'sales_rep',
		send: patch('/items/sales_orders/@draftOrder'),
		cases: [
			...badCases({ status: 'submitted' }, { status: ['abc', 'null', 'empty', 'boolean', 'object', 'sql', 'zero-number'] }),
			named('straight to confirmed', 'status', { status: 'confirmed' }),
			named('submitted with a bad customer', 'customer', { status: 'submitted', customer: 'abc' }),
			named('submitted with an unknown customer', 'customer', { status: 'submitted', customer: 999999999 }),
			named('submitted with a computed total', 'total', { status: 'submitted', total: '1.00' }),
		],
		counts: ['approval_requests'],
		state: orderState,
		want: (c) =>
			c.field === 'total'
				? { status: 403, code: 'FORBIDDEN' }
				: c.field === 'status'
					? { status: [400, 409], code: ['INVALID_PAYLOAD', 'INVALID_TRANSITION'], mentions: /status|→|->/ }
					: invalidField(c),
	});
	refusals("PATCH /items/sales_orders/:id — another rep's order", {
		user: 'sales_rep_2',
		send: patch('/items/sales_orders/@draftOrder'),
		cases: [
			named('submit it', 'status', { status: 'submitted' }),
			named('move it to my customer', 'customer', { customer: '@foreignCustomer' }),
		],
		counts: ['approval_requests'],
		state: orderState,
		want: () => forbidden,
	});

	const receiptState = () => ok('admin', 'GET', `/items/receipts/${F.draftReceipt}?fields=status,amount,received_on,customer`);
	refusals('PATCH /items/receipts/:id — confirming with bad values', {
		user: 'finance',
		send: patch('/items/receipts/@draftReceipt'),
		cases: [
			...badCases({ status: 'confirmed', amount: '10.00' }, { amount: [...MONEY, 'null'] }),
			...badCases({ status: 'confirmed', received_on: '2026-01-05' }, { received_on: ['abc', 'boolean', 'sql', 'null'] }),
			...badCases({ status: 'confirmed', customer: '@customer' }, { customer: ['abc', 'unknown-id'] }),
			named('confirmed with an extra field', 'unexpected_field', { status: 'confirmed', unexpected_field: 1 }),
			...badCases({ amount: '10.00' }, { amount: ['negative', 'zero', 'abc', 'too-many-decimals', 'null'] }).map((c) => ({
				...c,
				name: `draft edit ${c.name}`,
			})),
		],
		counts: [['receipts', { status: { _eq: 'confirmed' } }]],
		state: receiptState,
	});

	const entryState = () => ok('admin', 'GET', `/items/stock_entries/${F.draftEntry}?fields=status,type,warehouse,memo`);
	refusals('PATCH /items/stock_entries/:id — posting with bad values', {
		user: 'warehouse_manager',
		send: patch('/items/stock_entries/@draftEntry'),
		cases: [
			...badCases(
				{ status: 'posted', memo: 'ok' },
				{ memo: ['2MB-string', 'object', 'boolean'], status: ['abc', 'null', 'boolean', 'sql'] },
			),
			named('posted and moved to another warehouse', 'warehouse', { status: 'posted', warehouse: 'abc' }),
			named('posted and changed type', 'type', { status: 'posted', type: 'adjust_out' }),
		],
		counts: ['stock_moves', 'stock_levels'],
		state: entryState,
		want: (c) =>
			c.field === 'status'
				? { status: [400, 409], code: ['INVALID_PAYLOAD', 'INVALID_TRANSITION'], mentions: /status|→|->/ }
				: invalidField(c),
	});
	refusals('PATCH /items/stock_entries/:id — posted by a rep', {
		user: 'sales_rep',
		send: patch('/items/stock_entries/@draftEntry'),
		cases: [named('a rep posts stock', 'status', { status: 'posted' })],
		counts: ['stock_moves'],
		state: entryState,
		want: () => forbidden,
	});

	const quoteState = () => ok('admin', 'GET', `/items/quotes/${F.draftQuote}?fields=customer,valid_until,memo,payment_terms,status`);
	refusals('PATCH /items/quotes/:id', {
		user: 'sales_rep',
		send: patch('/items/quotes/@draftQuote'),
		cases: [
			...badCases({ memo: '备注' }, { memo: ['2MB-string', 'object', 'array', 'boolean'] }),
			...badCases({ valid_until: '2026-12-31' }, { valid_until: ['abc', 'sql', 'boolean', 'fullwidth', 'zero-number'] }),
			named('valid_until 2026-02-30', 'valid_until', { valid_until: '2026-02-30' }),
			...badCases({ customer: '@customer' }, { customer: ID }),
			extra({ memo: 'x' }),
		],
		counts: ['quotes'],
		state: quoteState,
	});
	refusals("PATCH /items/quotes/:id — another rep's customer", {
		user: 'sales_rep',
		send: patch('/items/quotes/@draftQuote'),
		cases: [named("another rep's customer", 'customer', { customer: '@foreignCustomer' })],
		counts: [],
		state: quoteState,
		want: () => notYours,
	});

	const customerState = () =>
		ok('admin', 'GET', `/items/customers/${F.customer}?fields=name,grade,credit_limit,payment_terms_days,owner,tax_id`);
	refusals('PATCH /items/customers/:id', {
		user: 'sales_rep',
		send: patch('/items/customers/@customer'),
		cases: [
			...badCases({ grade: 'A' }, { grade: ENUM_BAD }),
			...badCases({ credit_limit: '1000.00' }, { credit_limit: ['negative', 'abc', 'huge', 'too-many-decimals', '1e309', 'boolean'] }),
			...badCases({ name: 'x' }, { name: ['null', 'empty', 'whitespace', '2MB-string', 'object'] }),
			...badCases({ tax_id: '91310000MA1FL0000X' }, { tax_id: ['sql', 'sql-or', 'object', '2MB-string'] }),
			extra({ grade: 'A' }),
		],
		counts: ['customers', 'customer_history'],
		state: customerState,
	});
	refusals("PATCH /items/customers/:id — another rep's customer", {
		user: 'sales_rep_2',
		send: patch('/items/customers/@customer'),
		cases: [named("another rep's customer", 'grade', { grade: 'A' })],
		counts: ['customer_history'],
		state: customerState,
		want: () => forbidden,
	});

	const entry = { type: 'purchase_in', warehouse: '@warehouse', lines: [{ product: '@product', quantity: '1' }] };
	refusals('POST /items/stock_entries', {
		user: 'warehouse_manager',
		send: post('/items/stock_entries'),
		cases: [
			...badCases(entry, {
				type: ENUM_BAD,
				warehouse: [...ID, 'missing'],
				'lines.0.product': [...ID, 'missing'],
				'lines.0.quantity': [...POSITIVE_DECIMAL, 'missing'],
			}),
			extra(entry),
		],
		counts: ['stock_entries', 'stock_entry_lines', 'stock_moves'],
	});

	const receipt = { customer: '@customer', amount: '10.00', received_on: '2026-01-05' };
	refusals('POST /items/receipts', {
		user: 'finance',
		send: post('/items/receipts'),
		cases: [
			...badCases(receipt, { amount: [...MONEY, 'missing', 'null'], customer: [...ID, 'missing'], received_on: ['abc', 'sql', 'boolean'] }),
			extra(receipt),
		],
		counts: ['receipts'],
	});

	const loan = {
		customer: '@customer',
		warehouse: '@warehouse',
		expected_return_date: '2026-12-31',
		lines: [{ product: '@product', quantity: '1' }],
	};
	refusals('POST /items/loans', {
		user: 'sales_rep',
		send: post('/items/loans'),
		cases: [
			...badCases(loan, { customer: ID, warehouse: ID, 'lines.0.product': ID, 'lines.0.quantity': POSITIVE_DECIMAL }),
			named('foreign customer', 'customer', { ...loan, customer: '@foreignCustomer' }),
			extra(loan),
		],
		counts: ['loans', 'loan_lines'],
		want: (c) => (c.name === 'foreign customer' ? notYours : invalidField(c)),
	});

	const change = { order: '@order', reason: '客户要求加量', changes: [{ order_line: '@orderLine', new_quantity: '5' }] };
	refusals('POST /items/order_changes', {
		user: 'sales_rep',
		send: post('/items/order_changes'),
		cases: [
			...badCases(change, {
				order: [...ID, 'missing'],
				'changes.0.order_line': ID,
				'changes.0.new_quantity': POSITIVE_DECIMAL,
				'changes.0.new_unit_price': [
					'negative',
					'huge',
					'NaN-string',
					'abc',
					'1e309',
					'thousands-separator',
					'fullwidth',
					'too-many-decimals',
					'boolean',
					'sql',
				],
			}),
			extra(change),
		],
		counts: ['order_changes', 'order_change_lines'],
	});
	refusals("POST /items/order_changes — another rep's order", {
		user: 'sales_rep_2',
		send: post('/items/order_changes'),
		cases: [named("another rep's order", 'order', change)],
		counts: ['order_changes', 'order_change_lines'],
		want: () => notYours,
	});

	const returnRequest = { shipment: '@shipment', reason: '质量问题', lines: [{ shipment_line: '@shipmentLine', quantity: '1' }] };
	refusals('POST /items/return_requests', {
		user: 'sales_rep',
		send: post('/items/return_requests'),
		cases: [
			...badCases(returnRequest, {
				shipment: [...ID, 'missing'],
				'lines.0.shipment_line': [...ID, 'missing'],
				'lines.0.quantity': [...POSITIVE_DECIMAL, 'missing'],
			}),
			extra(returnRequest),
		],
		counts: ['return_requests', 'return_request_lines'],
	});
	refusals("POST /items/return_requests — another rep's delivery note", {
		user: 'sales_rep_2',
		send: post('/items/return_requests'),
		cases: [named("another rep's delivery note", 'shipment', returnRequest)],
		counts: ['return_requests', 'return_request_lines'],
		want: () => notYours,
	});

	const customer = { name: '坏输入测试客户有限公司', grade: 'B', contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }] };
	refusals('POST /items/customers', {
		user: 'sales_rep',
		send: post('/items/customers'),
		cases: [
			...badCases(customer, {
				name: TEXT,
				grade: ENUM_BAD,
				credit_limit: [
					'negative',
					'abc',
					'NaN-string',
					'Infinity-string',
					'1e309',
					'huge',
					'too-many-decimals',
					'thousands-separator',
					'fullwidth',
					'boolean',
					'object',
				],
				payment_terms_days: ['negative', 'abc', 'huge', 'float-id', 'boolean', 'sql', 'fullwidth'],
				contacts: ['missing', 'null', 'abc'],
				'contacts.0.name': TEXT,
				'contacts.0.phone': ['abc', 'sql', '2MB-string', 'missing'],
			}),
			extra(customer),
		],
		counts: ['customers', 'contacts'],
	});
});

// ——— text round-trips ———

describe('Chinese, emoji and SQL-looking text is stored as written', () => {
	const texts = [
		'上海🚀测试客户（集团）有限公司',
		"O'Brien 贸易 '); drop table customers;--",
		"' or 1=1 --",
		'1; drop table customers;--',
		'😀👍🏽 家庭 👨‍👩‍👧',
	];

	it('customer names and contacts round-trip exactly, and nothing else changes', async () => {
		for (const [i, text] of texts.entries()) {
			const before = await count('customers');
			const name = `${text} #${Date.now().toString(36)}${i}`;
			const created = await ok<any>('sales_rep', 'POST', '/items/customers?fields=id,name,contacts.name,contacts.title', {
				name,
				grade: 'C',
				contacts: [{ name: text.slice(0, 40), title: text.slice(0, 40), phone: '021-55501234' }],
			});
			expect(created.name).toBe(name);
			expect(created.contacts[0]).toEqual({ name: text.slice(0, 40).trim(), title: text.slice(0, 40).trim() });
			const back = await ok<any>('admin', 'GET', `/items/customers/${created.id}?fields=name`);
			expect(back.name).toBe(name);
			expect(await count('customers')).toBe(before + 1);
		}
	});

	it('document memos and line-free text round-trip; SQL in a filter is just a value', async () => {
		for (const text of texts) {
			const q = await ok<any>('sales_rep', 'POST', '/items/quotes?fields=id,memo', {
				customer: F.customer,
				memo: text,
				lines: [{ product: F.product, quantity: '1', unit_price: '100.00' }],
			});
			expect(q.memo).toBe(text);
			expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}?fields=memo`)).memo).toBe(text);
			const found = await ok<any[]>(
				'sales_rep',
				'GET',
				`/items/quotes?fields=id&filter=${encodeURIComponent(JSON.stringify({ memo: { _eq: text } }))}`,
			);
			expect(found.map((r) => r.id)).toEqual([q.id]);
		}
		// The customers table is still there and the rep still sees only their own.
		const mine = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/customers?fields=owner&limit=-1&filter=${encodeURIComponent(JSON.stringify({ name: { _eq: "' or 1=1 --" } }))}`,
		);
		expect(mine).toEqual([]);
		expect(await count('customers')).toBeGreaterThan(0);
	});

	it('an order change reason and a return reason keep emoji and quotes', async () => {
		const reason = "客户要求 🚚 ' or 1=1 --";
		const c = await ok<any>('sales_rep', 'POST', '/items/order_changes?fields=id,reason', {
			order: F.order,
			reason,
			changes: [{ order_line: F.orderLine, new_quantity: '5' }],
		});
		expect(c.reason).toBe(reason);
		const r = await ok<any>('sales_rep', 'POST', '/items/return_requests?fields=id,reason', {
			shipment: F.shipment,
			reason,
			lines: [{ shipment_line: F.shipmentLine, quantity: '1' }],
		});
		expect(r.reason).toBe(reason);
	});
});
