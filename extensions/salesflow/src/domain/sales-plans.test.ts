import { describe, expect, it } from 'vitest';
import { checkPlanFields, monthlyTargets, type PlanTarget, parsePlanPeriod } from './sales-plans';

const refusal = (field: string, message: string) =>
	expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field }, message });

describe('parsePlanPeriod', () => {
	it.each([
		[
			'2027',
			'annual',
			'2027-01-01',
			'2028-01-01',
			['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12'],
		],
		['2027-Q1', 'quarterly', '2027-01-01', '2027-04-01', ['2027-01', '2027-02', '2027-03']],
		['2027-Q2', 'quarterly', '2027-04-01', '2027-07-01', ['2027-04', '2027-05', '2027-06']],
		['2027-Q3', 'quarterly', '2027-07-01', '2027-10-01', ['2027-07', '2027-08', '2027-09']],
		['2027-Q4', 'quarterly', '2027-10-01', '2028-01-01', ['2027-10', '2027-11', '2027-12']],
		['2027-01', 'monthly', '2027-01-01', '2027-02-01', ['2027-01']],
		['2028-02', 'monthly', '2028-02-01', '2028-03-01', ['2028-02']],
		['2027-12', 'monthly', '2027-12-01', '2028-01-01', ['2027-12']],
		['9999-Q3', 'quarterly', '9999-07-01', '9999-10-01', ['9999-07', '9999-08', '9999-09']],
	])('%s → %s [%s, %s)', (period, kind, start, end, months) => {
		expect(parsePlanPeriod(period)).toEqual({ kind, start, end, months });
	});

	it.each([
		['2027-Q5'],
		['2027-Q0'],
		['2027-q1'],
		['2027-13'],
		['2027-00'],
		['2027-1'],
		['27'],
		['0999'],
		['2027-01-01'],
		[' 2027'],
		[''],
		[2027],
		[null],
	])('refuses %j naming period', (period) => {
		expect(() => parsePlanPeriod(period)).toThrow(
			refusal('period', `period must be a year (2027), a quarter (2027-Q1) or a month (2027-01), got ${JSON.stringify(period)}`),
		);
	});

	it('narrowed to some kinds, names only those and the given field', () => {
		expect(parsePlanPeriod('2027-Q2', 'quarter', ['quarterly']).kind).toBe('quarterly');
		expect(() => parsePlanPeriod('2027', 'quarter', ['quarterly'])).toThrow(
			refusal('quarter', 'quarter must be a quarter (2027-Q1), got "2027"'),
		);
		expect(() => parsePlanPeriod('2027-01', 'period', ['annual', 'quarterly'])).toThrow(
			refusal('period', 'period must be a year (2027) or a quarter (2027-Q1), got "2027-01"'),
		);
	});
});

describe('monthlyTargets', () => {
	const plan = (period: string, amountFen: bigint, newCustomers: number) => ({ period, amountFen, newCustomers });
	const target = (amountFen: bigint, newCustomers: number): PlanTarget => ({ amountFen, newCustomers });

	it('no plans: no months', () => {
		expect(monthlyTargets([])).toEqual(new Map());
	});

	it('a monthly plan gives its month', () => {
		expect(monthlyTargets([plan('2027-05', 12345n, 2)])).toEqual(new Map([['2027-05', target(12345n, 2)]]));
	});

	it.each([
		[100n, 10, [33n, 33n, 34n], [3, 3, 4]],
		[99n, 9, [33n, 33n, 33n], [3, 3, 3]],
		[2n, 2, [0n, 0n, 2n], [0, 0, 2]],
		[0n, 0, [0n, 0n, 0n], [0, 0, 0]],
		[100000000000000n, 1, [33333333333333n, 33333333333333n, 33333333333334n], [0, 0, 1]],
	])('a quarter of %s fen and %s customers splits evenly, the last month taking the rest', (amount, customers, amounts, counts) => {
		const got = monthlyTargets([plan('2027-Q2', amount, customers)]);
		expect([...got.keys()]).toEqual(['2027-04', '2027-05', '2027-06']);
		expect([...got.values()]).toEqual(amounts.map((a, i) => target(a, counts[i]!)));
	});

	it('a year splits over 12, the last month taking the rest', () => {
		const got = monthlyTargets([plan('2027', 100000n, 25)]);
		expect(got.size).toBe(12);
		expect(got.get('2027-01')).toEqual(target(8333n, 2));
		expect(got.get('2027-11')).toEqual(target(8333n, 2));
		expect(got.get('2027-12')).toEqual(target(8337n, 3));
		expect([...got.values()].reduce((a, t) => a + t.amountFen, 0n)).toBe(100000n);
		expect([...got.values()].reduce((a, t) => a + t.newCustomers, 0)).toBe(25);
	});

	it('month plan first, then its quarter, then the year; in month order', () => {
		const got = monthlyTargets([
			plan('2027', 1200000n, 24), // 100000 and 2 a month
			plan('2027-Q1', 90001n, 7), // 30000 / 30000 / 30001, 2 / 2 / 3
			plan('2027-02', 55555n, 9),
			plan('2027-Q4', 0n, 0),
		]);
		expect([...got.entries()]).toEqual([
			['2027-01', target(30000n, 2)],
			['2027-02', target(55555n, 9)], // its own plan
			['2027-03', target(30001n, 3)], // still the quarter's last share
			['2027-04', target(100000n, 2)],
			['2027-05', target(100000n, 2)],
			['2027-06', target(100000n, 2)],
			['2027-07', target(100000n, 2)],
			['2027-08', target(100000n, 2)],
			['2027-09', target(100000n, 2)],
			['2027-10', target(0n, 0)], // a zero quarter plan still wins over the year
			['2027-11', target(0n, 0)],
			['2027-12', target(0n, 0)],
		]);
	});

	it('only the months some plan covers, across years', () => {
		const got = monthlyTargets([plan('2028-01', 1n, 1), plan('2027-Q4', 300n, 3)]);
		expect([...got.keys()]).toEqual(['2027-10', '2027-11', '2027-12', '2028-01']);
	});

	it('refuses two plans for one period and bad periods naming period', () => {
		expect(() => monthlyTargets([plan('2027-Q1', 1n, 0), plan('2027-Q1', 2n, 0)])).toThrow(
			refusal('period', 'there are two plans for 2027-Q1; a period has one plan'),
		);
		expect(() => monthlyTargets([plan('2027-H1', 1n, 0)])).toThrow(expect.objectContaining({ extensions: { field: 'period' } }));
	});
});

describe('checkPlanFields', () => {
	it.each([
		[{ period: '2027', amount: '1200000.00', new_customers: 24 }, 120000000n, 24, 'annual'],
		[{ period: '2027-Q3', amount: 0, new_customers: 0 }, 0n, 0, 'quarterly'],
		[{ period: '2027-03', amount: 99.5, new_customers: 1 }, 9950n, 1, 'monthly'],
	])('accepts %j', (input, amountFen, newCustomers, kind) => {
		const checked = checkPlanFields(input);
		expect(checked.amountFen).toBe(amountFen);
		expect(checked.newCustomers).toBe(newCustomers);
		expect(checked.period.kind).toBe(kind);
	});

	it.each([
		[
			{ period: '2027-Q9', amount: '1', new_customers: 0 },
			'period',
			'period must be a year (2027), a quarter (2027-Q1) or a month (2027-01), got "2027-Q9"',
		],
		[{ period: '2027', amount: '-0.01', new_customers: 0 }, 'amount', 'amount must not be negative, got -0.01'],
		[{ period: '2027', amount: '1.005', new_customers: 0 }, 'amount', 'amount has more than 2 decimals, got "1.005"'],
		[{ period: '2027', amount: null, new_customers: 0 }, 'amount', 'amount must be a decimal number (string or number)'],
		[{ period: '2027', amount: '1', new_customers: -1 }, 'new_customers', 'new_customers must be a whole number ≥ 0, got -1'],
		[{ period: '2027', amount: '1', new_customers: 1.5 }, 'new_customers', 'new_customers must be a whole number ≥ 0, got 1.5'],
		[{ period: '2027', amount: '1', new_customers: undefined }, 'new_customers', 'new_customers must be a whole number ≥ 0, got undefined'],
	])('refuses %j naming %s', (input, field, message) => {
		expect(() => checkPlanFields(input)).toThrow(refusal(field, message));
	});
});
