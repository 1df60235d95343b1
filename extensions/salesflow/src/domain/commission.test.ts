import { describe, expect, it } from 'vitest';
import { type CommissionAllocation, type CommissionRateRow, checkRateTable, commissionOf } from './commission';

const refusal = (field: string, message: string) =>
	expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field }, message });

const TABLE: CommissionRateRow[] = [
	{ rate: '1.00' }, // default
	{ customer_grade: 'A', rate: '2.00' },
	{ product_group: 'pumps', rate: '3.00' },
	{ product_group: 'pumps', customer_grade: 'A', rate: '4.00' },
	{ product_group: 'valves', customer_grade: null, rate: '5.50' },
];

describe('checkRateTable', () => {
	it('parses rates to hundredths of a percent and keys to null for any', () => {
		expect(
			checkRateTable([{ rate: '0' }, { product_group: 'pumps', customer_grade: 'B', rate: 12.5 }, { customer_grade: 'D', rate: '100.00' }]),
		).toEqual([
			{ productGroup: null, customerGrade: null, rate: 0n },
			{ productGroup: 'pumps', customerGrade: 'B', rate: 1250n },
			{ productGroup: null, customerGrade: 'D', rate: 10000n },
		]);
		expect(checkRateTable([])).toEqual([]);
	});

	it.each([
		[[{ rate: '-0.01' }], 'rate', 'commission rate row 1: rate must be a percent from 0 to 100, got -0.01'],
		[[{ rate: '100.01' }], 'rate', 'commission rate row 1: rate must be a percent from 0 to 100, got 100.01'],
		[[{ rate: '1.005' }], 'rate', 'commission rate row 1: rate has more than 2 decimals, got "1.005"'],
		[[{ rate: '3%' }], 'rate', 'commission rate row 1: rate must be a decimal number like 123.45, got "3%"'],
		[
			[{ rate: '1' }, { customer_grade: 'E', rate: '1' }],
			'customer_grade',
			'commission rate row 2: customer_grade must be one of A, B, C, D, or empty for any grade, got "E"',
		],
		[
			[{ customer_grade: 'a', rate: '1' }],
			'customer_grade',
			'commission rate row 1: customer_grade must be one of A, B, C, D, or empty for any grade, got "a"',
		],
		[
			[{ product_group: ' ', rate: '1' }],
			'product_group',
			'commission rate row 1: product_group must be a product group, or empty for any group, got " "',
		],
		[
			[{ rate: '1' }, { product_group: 'pumps', rate: '2' }, { rate: '3' }],
			'product_group',
			'commission rate rows 1 and 3 are both for product group (any) and customer grade (any); a pair has one rate',
		],
		[
			[
				{ product_group: 'pumps', customer_grade: 'A', rate: '1' },
				{ product_group: 'pumps', customer_grade: 'A', rate: '2' },
			],
			'product_group',
			'commission rate rows 1 and 2 are both for product group pumps and customer grade A; a pair has one rate',
		],
		[
			[
				{ customer_grade: 'B', rate: '1' },
				{ product_group: null, customer_grade: 'B', rate: '1' },
			],
			'product_group',
			'commission rate rows 1 and 2 are both for product group (any) and customer grade B; a pair has one rate',
		],
	])('%j: refused naming %s', (rows, field, message) => {
		expect(() => checkRateTable(rows as CommissionRateRow[])).toThrow(refusal(field, message));
	});

	it('refuses a key that is not a string', () => {
		expect(() => checkRateTable([{ product_group: 7 as unknown as string, rate: '1' }])).toThrow(
			refusal('product_group', 'commission rate row 1: product_group must be a product group, or empty for any group, got 7'),
		);
	});
});

describe('commissionOf: precedence', () => {
	it.each([
		['pumps', 'A', '4.00'], // group + grade
		['pumps', 'B', '3.00'], // group only
		['pumps', null, '3.00'],
		['valves', 'A', '5.50'], // group only beats grade only
		['motors', 'A', '2.00'], // grade only
		[null, 'A', '2.00'],
		['motors', 'C', '1.00'], // default
		[null, null, '1.00'],
	])('group %s, grade %s → %s %%', (productGroup, customerGrade, rate) => {
		const { lines } = commissionOf(
			[{ rep: 'r1', customerGrade, amountFen: 10000n, invoiceLines: [{ productGroup, totalFen: 10000n }] }],
			TABLE,
		);
		expect(lines[0]!.rate).toBe(rate);
	});

	it('no matching row and no default: 409 NO_COMMISSION_RATE naming the group and grade', () => {
		const run = () =>
			commissionOf(
				[{ rep: 'r1', customerGrade: 'B', amountFen: 100n, invoiceLines: [{ productGroup: 'motors', totalFen: 100n }] }],
				[{ customer_grade: 'A', rate: '2' }],
			);
		expect(run).toThrow(
			expect.objectContaining({
				code: 'NO_COMMISSION_RATE',
				status: 409,
				message: 'no commission rate for product group motors and customer grade B, and no default rate',
			}),
		);
	});

	it('checks the table first', () => {
		expect(() => commissionOf([], [{ rate: '101' }])).toThrow(
			refusal('rate', 'commission rate row 1: rate must be a percent from 0 to 100, got 101.00'),
		);
	});
});

describe('commissionOf: splitting an allocation over the invoice lines', () => {
	const FLAT: CommissionRateRow[] = [{ rate: '100' }]; // commission = the part, so the split shows
	const parts = (amountFen: bigint, totals: bigint[]) =>
		commissionOf(
			[{ rep: 'r', customerGrade: null, amountFen, invoiceLines: totals.map((totalFen) => ({ productGroup: null, totalFen })) }],
			FLAT,
		).lines.map((l) => l.received);

	it.each([
		[10000n, [10000n], ['100.00']],
		[10000n, [30000n, 10000n], ['75.00', '25.00']], // a partial payment, pro rata
		[100n, [1n, 1n, 1n], ['0.34', '0.33', '0.33']], // 33.33… each: the first takes the fen left over
		[200n, [1n, 1n, 1n], ['0.67', '0.67', '0.66']], // 66.66… each: two fen left over
		[10n, [1n, 2n, 3n, 4n], ['0.01', '0.02', '0.03', '0.04']],
		[11n, [1n, 2n, 3n, 4n], ['0.01', '0.02', '0.03', '0.05']], // remainders .1 .2 .3 .4: the largest wins
		[7n, [5n, 3n], ['0.04', '0.03']], // 4.375 / 2.625: .625 beats .375
		[0n, [500n, 300n], ['0.00', '0.00']],
		[100n, [150n, -50n], ['1.50', '-0.50']], // a discount (red) line
		[100n, [101n, -2n], ['1.02', '-0.02']], // 102.02… and −2.02…: signs do not upset the remainders
		[-100n, [-150n, 50n], ['-1.50', '0.50']], // a red invoice's allocation
		[-10n, [-1n, -1n, -1n], ['-0.03', '-0.03', '-0.04']],
	])('%s fen over %s → %j', (amount, totals, expected) => {
		const got = parts(amount, totals);
		expect(got).toEqual(expected);
		expect(got.reduce((a, p) => a + BigInt(p.replace('.', '')), 0n)).toBe(amount);
	});

	it('an allocation of zero over no lines gives no lines', () => {
		expect(commissionOf([{ rep: 'r', customerGrade: 'A', amountFen: 0n, invoiceLines: [] }], FLAT)).toEqual({
			reps: [{ rep: 'r', received: '0.00', commission: '0.00' }],
			lines: [],
		});
	});

	it.each([
		[100n, [], 'allocation 1 of 1.00 cannot be split over its invoice: the invoice lines total 0.00'],
		[100n, [50n, -50n], 'allocation 1 of 1.00 cannot be split over its invoice: the invoice lines total 0.00'],
	])('%s fen over lines [%s] totalling zero: refused naming invoice_lines', (amount, totals, message) => {
		expect(() => parts(amount, totals)).toThrow(refusal('invoice_lines', message));
	});
});

describe('commissionOf: rounding and totals per rep', () => {
	it.each([
		['1.00', 50n, '0.01'], // 0.5 fen → up
		['1.00', 49n, '0.00'],
		['1.00', 150n, '0.02'], // 1.5 → 2
		['3.33', 15n, '0.00'], // 0.4995 → down
		['3.33', 16n, '0.01'], // 0.5328 → up
		['0.00', 999999n, '0.00'],
		['100.00', 12345n, '123.45'],
		['1.00', -50n, '-0.01'], // a red part mirrors a blue one
	])('%s %% of %s fen → %s', (rate, amountFen, commission) => {
		const { lines } = commissionOf(
			[{ rep: 'r', customerGrade: null, amountFen, invoiceLines: [{ productGroup: null, totalFen: amountFen || 1n }] }],
			[{ rate }],
		);
		expect(lines[0]!.commission).toBe(commission);
	});

	it('each line is rounded on its own, then summed per rep, reps in order of first appearance', () => {
		const allocations: CommissionAllocation[] = [
			{
				rep: 'wang',
				customerGrade: 'A',
				amountFen: 50000n, // half of a 1 000.00 invoice
				invoiceLines: [
					{ productGroup: 'pumps', totalFen: 60000n },
					{ productGroup: 'valves', totalFen: 30001n },
					{ productGroup: null, totalFen: 9999n },
				],
			},
			{ rep: 'li', customerGrade: 'C', amountFen: 1050n, invoiceLines: [{ productGroup: 'motors', totalFen: 2100n }] },
			{ rep: 'wang', customerGrade: 'B', amountFen: 10000n, invoiceLines: [{ productGroup: 'pumps', totalFen: 10000n }] },
		];
		const result = commissionOf(allocations, TABLE);
		// 50000 over 60000 / 30001 / 9999 (total 100000) is 30000, 15000.5 and 4999.5: rounded down that leaves one fen,
		// and of the two equal remainders the earlier line takes it.
		expect(result.lines).toEqual([
			{
				rep: 'wang',
				allocation: 0,
				line: 0,
				productGroup: 'pumps',
				customerGrade: 'A',
				received: '300.00',
				rate: '4.00',
				commission: '12.00',
			},
			{
				rep: 'wang',
				allocation: 0,
				line: 1,
				productGroup: 'valves',
				customerGrade: 'A',
				received: '150.01',
				rate: '5.50',
				commission: '8.25',
			}, // 825.055 fen
			{ rep: 'wang', allocation: 0, line: 2, productGroup: null, customerGrade: 'A', received: '49.99', rate: '2.00', commission: '1.00' }, // 99.98 fen
			{
				rep: 'li',
				allocation: 1,
				line: 0,
				productGroup: 'motors',
				customerGrade: 'C',
				received: '10.50',
				rate: '1.00',
				commission: '0.11',
			}, // 10.5 fen
			{
				rep: 'wang',
				allocation: 2,
				line: 0,
				productGroup: 'pumps',
				customerGrade: 'B',
				received: '100.00',
				rate: '3.00',
				commission: '3.00',
			},
		]);
		expect(result.reps).toEqual([
			{ rep: 'wang', received: '600.00', commission: '24.25' },
			{ rep: 'li', received: '10.50', commission: '0.11' },
		]);
	});

	it('no allocations: no reps, no lines', () => {
		expect(commissionOf([], TABLE)).toEqual({ reps: [], lines: [] });
	});
});
