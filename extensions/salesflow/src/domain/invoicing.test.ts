import { describe, expect, it } from 'vitest';
import type { Id } from './ids';
import {
	allocateFifo,
	assertAllocations,
	assertInvoiceable,
	assertRedWithinOriginal,
	dueDate,
	invoiceStatusFromPaid,
	type OriginalInvoiceLine,
	periodRange,
	remainingToInvoice,
	zPeriod,
} from './invoicing';
import { parseMoney, parseQty } from './money';

const q = parseQty;
const m = parseMoney;

describe('remainingToInvoice', () => {
	it.each([
		['10', '0', '0', '10'],
		['10', '2', '3', '5'],
		['10', '2', '8', '0'],
		['10', '5', '8', '0'], // overshoot never shows negative
		['1.5', '0.25', '0.5', '0.75'],
	])('shipped %s, returned %s, invoiced %s → %s', (shipped, returned, invoiced, left) => {
		expect(remainingToInvoice(q(shipped), q(returned), q(invoiced))).toBe(q(left));
	});
});

describe('assertInvoiceable', () => {
	const available = new Map<Id, { sku: string; remaining: bigint }>([
		[11, { sku: 'SKU-001', remaining: q('4') }],
		[12, { sku: 'SKU-002', remaining: q('0.5') }],
		[13, { sku: 'SKU-003', remaining: 0n }],
	]);

	it.each([
		[[{ shipment_line: 11, quantity: q('4') }]],
		[
			[
				{ shipment_line: 11, quantity: q('1') },
				{ shipment_line: 12, quantity: q('0.5') },
			],
		],
		[
			[
				{ shipment_line: '11', quantity: q('2') },
				{ shipment_line: 11, quantity: q('2') },
			],
		],
		[[{ shipment_line: 12, quantity: q('0.001') }]],
	])('accepts request %#', (requests) => {
		expect(() => assertInvoiceable(requests, available)).not.toThrow();
	});

	it.each([
		[[{ shipment_line: 11, quantity: q('4.001') }], 'SKU-001 (shipment line 11): 4.000 left to invoice, requested 4.001', 11, '4.001'],
		// The same delivery line twice in one request counts twice.
		[
			[
				{ shipment_line: 11, quantity: q('3') },
				{ shipment_line: 12, quantity: q('0.1') },
				{ shipment_line: '11', quantity: q('2') },
			],
			'SKU-001 (shipment line 11): 4.000 left to invoice, requested 5.000',
			11,
			'5.000',
		],
		[[{ shipment_line: 13, quantity: q('1') }], 'SKU-003 (shipment line 13): 0.000 left to invoice, requested 1.000', 13, '1.000'],
	])('refuses request %# with OVER_INVOICE', (requests, message, line, requested) => {
		expect(() => assertInvoiceable(requests, available)).toThrow(
			expect.objectContaining({
				code: 'OVER_INVOICE',
				status: 409,
				message,
				extensions: expect.objectContaining({ shipment_line: line, requested }),
			}),
		);
	});

	it.each([
		[[], 'lines', 'an invoice needs at least one delivery line with quantity left to invoice'],
		[[{ shipment_line: 99, quantity: q('1') }], 'lines.shipment_line', 'shipment line 99 is not on the chosen delivery notes'],
		[[{ shipment_line: 11, quantity: 0n }], 'lines.quantity', 'shipment line 11: quantity must be greater than 0, got 0'],
		[[{ shipment_line: 11, quantity: q('-1') }], 'lines.quantity', 'shipment line 11: quantity must be greater than 0, got -1'],
	])('refuses request %# as bad input', (requests, field, message) => {
		expect(() => assertInvoiceable(requests, available)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, message, extensions: { field } }),
		);
	});
});

describe('assertRedWithinOriginal', () => {
	// INV-1: line 1 = 10 × 113.00 = 1130.00 of which 4 / 452.00 already credited; line 2 = 1 × 500.00.
	const original = { number: 'INV-2026-000001', totalFen: m('1630.00'), redTotalFen: m('-452.00') };
	const lines = new Map<Id, OriginalInvoiceLine>([
		[1, { sku: 'SKU-001', quantity: q('10'), totalFen: m('1130.00'), redQuantity: q('-4'), redTotalFen: m('-452.00') }],
		[2, { sku: 'SKU-002', quantity: q('1'), totalFen: m('500.00'), redQuantity: 0n, redTotalFen: 0n }],
	]);
	const red = (invoice_line: Id, quantity: string, total: string) => ({ invoice_line, quantity: q(quantity), totalFen: m(total) });

	it.each([
		['the rest of line 1', [red(1, '6', '678.00')]],
		['written as negative figures', [red(1, '-6', '-678.00')]],
		['a price-only correction', [red(2, '0', '500.00')]],
		['everything left', [red(1, '6', '678.00'), red(2, '1', '500.00')]],
		['the same line twice within its rest', [red(1, '3', '339.00'), red('1', '3', '339.00')]],
	])('accepts %s', (_name, requests) => {
		expect(() => assertRedWithinOriginal(original, requests, lines)).not.toThrow();
	});

	it.each([
		[
			'more quantity than left on the line',
			[red(1, '6.001', '678.00')],
			'SKU-001 (invoice line 1): invoiced 10.000, already credited 4.000, requested 6.001',
		],
		[
			'the same line twice beyond its rest',
			[red(1, '4', '400.00'), red(1, '3', '100.00')],
			'SKU-001 (invoice line 1): invoiced 10.000, already credited 4.000, requested 7.000',
		],
		[
			'more amount than left on the line',
			[red(1, '1', '678.01')],
			'SKU-001 (invoice line 1): invoiced amount 1130.00, already credited 452.00, requested 678.01',
		],
		[
			'a price correction above the line',
			[red(2, '0', '500.01')],
			'SKU-002 (invoice line 2): invoiced amount 500.00, already credited 0.00, requested 500.01',
		],
	])('refuses %s with OVER_INVOICE', (_name, requests, message) => {
		expect(() => assertRedWithinOriginal(original, requests, lines)).toThrow(
			expect.objectContaining({ code: 'OVER_INVOICE', status: 409, message }),
		);
	});

	it('refuses more than the invoice overall, counting invoice-level red invoices', () => {
		const credited = { ...original, redTotalFen: m('-1100.00') }; // an earlier price-only red of 648.00 on top
		expect(() => assertRedWithinOriginal(credited, [red(1, '1', '113.00'), red(2, '1', '500.00')], lines)).toThrow(
			expect.objectContaining({
				code: 'OVER_INVOICE',
				message: 'INV-2026-000001: total 1630.00, already credited 1100.00, requested 613.00',
				extensions: { invoice: 'INV-2026-000001', invoiced: '1630.00', credited: '1100.00', requested: '613.00' },
			}),
		);
	});

	it.each([
		[[], 'lines', 'a red invoice needs at least one line'],
		[[red(9, '1', '1.00')], 'lines.invoice_line', 'invoice line 9 is not a line of INV-2026-000001'],
		[[red(2, '0', '0')], 'lines.quantity', 'invoice line 2: a red line must credit a quantity or an amount'],
	])('refuses red request %# as bad input', (requests, field, message) => {
		expect(() => assertRedWithinOriginal(original, requests, lines)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', message, extensions: { field } }),
		);
	});
});

describe('allocateFifo', () => {
	const invoices = [
		{ id: 3, openFen: m('300.00'), due_date: '2026-02-10' },
		{ id: 1, openFen: m('100.00'), due_date: '2026-01-31' },
		{ id: 10, openFen: m('50.00'), due_date: '2026-02-10', issued_at: '2026-01-01' },
		{ id: 2, openFen: m('200.00'), due_date: '2026-02-10', issued_at: '2026-01-02' },
		{ id: 9, openFen: m('0.00'), due_date: '2025-01-01' }, // settled: skipped
		{ id: 4, openFen: m('70.00'), due_date: '2026-03-01' },
	];
	const alloc = (amount: string) => allocateFifo(m(amount), invoices).map((a) => [a.invoice, a.amountFen]);

	it.each([
		['0.00', []],
		['0.01', [[1, 1n]]],
		['100.00', [[1, 10000n]]],
		[
			'100.01',
			[
				[1, 10000n],
				[10, 1n],
			],
		],
		// same due date: earlier issued first, then unknown issue date by id
		[
			'400.00',
			[
				[1, 10000n],
				[10, 5000n],
				[2, 20000n],
				[3, 5000n],
			],
		],
		[
			'720.00',
			[
				[1, 10000n],
				[10, 5000n],
				[2, 20000n],
				[3, 30000n],
				[4, 7000n],
			],
		],
		[
			'10000.00',
			[
				[1, 10000n],
				[10, 5000n],
				[2, 20000n],
				[3, 30000n],
				[4, 7000n],
			],
		], // never more than open
	])('%s → case %#', (amount, expected) => {
		expect(alloc(amount)).toEqual(expected);
	});

	it('breaks full ties by id, numerically', () => {
		const same = [10, 9, '11'].map((id) => ({ id, openFen: 100n, due_date: '2026-01-01' }));
		expect(allocateFifo(250n, same)).toEqual([
			{ invoice: 9, amountFen: 100n },
			{ invoice: 10, amountFen: 100n },
			{ invoice: '11', amountFen: 50n },
		]);
	});

	it('allocates nothing without open invoices', () => {
		expect(allocateFifo(m('5.00'), [])).toEqual([]);
	});

	it('refuses a negative amount and bad due dates', () => {
		expect(() => allocateFifo(-1n, invoices)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'amount' } }),
		);
		expect(() => allocateFifo(1n, [{ id: 1, openFen: 1n, due_date: 'soon' }])).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'due_date' } }),
		);
	});
});

describe('assertAllocations', () => {
	const open = new Map<Id, bigint>([
		[1, m('300.00')],
		[2, m('200.00')],
	]);
	const a = (invoice: Id, amount: string) => ({ invoice, amountFen: m(amount) });

	it.each([[[a(1, '300.00')]], [[a(1, '300.00'), a(2, '200.00')]], [[a('1', '150.00'), a(1, '150.00')]], [[a(2, '0.01')]]])(
		'accepts allocation set %# within a 500.00 receipt',
		(requested) => {
			expect(() => assertAllocations(m('500.00'), requested, open)).not.toThrow();
		},
	);

	it.each([
		[[a(1, '300.01')], 'invoice 1: open 300.00, requested 300.01'],
		[[a(1, '200.00'), a('1', '100.01')], 'invoice 1: open 300.00, requested 300.01'],
		[[a(1, '300.00'), a(2, '200.00')], 'receipt: unallocated 499.99, requested 500.00'],
	])('refuses allocation set %# with OVER_ALLOCATION', (requested, message) => {
		expect(() => assertAllocations(m('499.99'), requested, open)).toThrow(
			expect.objectContaining({ code: 'OVER_ALLOCATION', status: 409, message }),
		);
	});

	it.each([
		[[], 'allocations', 'give at least one allocation'],
		[[a(1, '0')], 'allocations.amount', 'invoice 1: amount must be greater than 0, got 0.00'],
		[[a(1, '-5')], 'allocations.amount', 'invoice 1: amount must be greater than 0, got -5.00'],
		[[a(7, '5')], 'allocations.invoice', "invoice 7 is not an open invoice of this receipt's customer"],
	])('refuses allocation set %# as bad input', (requested, field, message) => {
		expect(() => assertAllocations(m('500.00'), requested, open)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', message, extensions: { field } }),
		);
	});
});

describe('dueDate', () => {
	it.each([
		['2026-01-15', 30, '2026-02-14'],
		['2026-01-31', 30, '2026-03-02'],
		['2028-01-31', 30, '2028-03-01'],
		['2026-12-15', 30, '2027-01-14'],
		['2026-01-15', 0, '2026-01-15'],
		['2026-03-01', 90, '2026-05-30'],
	])('issued %s with %i days → %s', (issued, days, due) => {
		expect(dueDate(issued, days)).toBe(due);
	});

	it.each([[-1], [1.5], [NaN]])('refuses %s payment days', (days) => {
		expect(() => dueDate('2026-01-01', days)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'payment_terms_days' } }),
		);
	});

	it('refuses a bad issue date', () => {
		expect(() => dueDate('2026-02-30', 30)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'issue_date' } }),
		);
	});
});

describe('invoiceStatusFromPaid', () => {
	it.each([
		['100.00', '0.00', 'unpaid'],
		['100.00', '-1.00', 'unpaid'],
		['100.00', '0.01', 'partially_paid'],
		['100.00', '99.99', 'partially_paid'],
		['100.00', '100.00', 'paid'],
		['100.00', '100.01', 'paid'],
	])('total %s, paid %s → %s', (total, paid, status) => {
		expect(invoiceStatusFromPaid(m(total), m(paid))).toBe(status);
	});
});

describe('periods', () => {
	it.each([
		['2026-01', '2026-01-01', '2026-02-01'],
		['2026-02', '2026-02-01', '2026-03-01'],
		['2026-09', '2026-09-01', '2026-10-01'],
		['2026-12', '2026-12-01', '2027-01-01'],
	])('%s → [%s, %s)', (period, start, end) => {
		expect(zPeriod.parse(period)).toBe(period);
		expect(periodRange(period)).toEqual({ start, end });
	});

	it.each([['2026-13'], ['2026-00'], ['26-01'], ['2026-1'], ['2026/01'], ['2026-01-01'], ['']])('refuses %j', (period) => {
		expect(zPeriod.safeParse(period).success).toBe(false);
		expect(() => periodRange(period)).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				message: `period must be YYYY-MM with a month 01–12, got ${JSON.stringify(period)}`,
				extensions: { field: 'period' },
			}),
		);
	});
});
