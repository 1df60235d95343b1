import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { aggregateAging, AGING_BUCKETS, AGING_LABELS, agingBucket, daysBetween } from './aging';

const asOf = '2026-06-30';

describe('agingBucket', () => {
	it.each([
		[-30, 'not_due'],
		[-1, 'not_due'],
		[0, 'not_due'],
		[1, 'd1_30'],
		[30, 'd1_30'],
		[31, 'd31_60'],
		[60, 'd31_60'],
		[61, 'd61_90'],
		[90, 'd61_90'],
		[91, 'd90_plus'],
		[1000, 'd90_plus'],
	])('%i days overdue → %s', (overdue, bucket) => {
		const due = addDays(asOf, -overdue);
		expect(daysBetween(due, asOf)).toBe(overdue);
		expect(agingBucket(due, asOf)).toBe(bucket);
	});

	it('counts calendar days across month ends and leap days', () => {
		expect(agingBucket('2028-01-30', '2028-02-29')).toBe('d1_30'); // 30 days
		expect(agingBucket('2028-01-29', '2028-02-29')).toBe('d31_60'); // 31 days
	});

	it('refuses a bad date', () => {
		expect(() => agingBucket('2026-02-30', asOf)).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD' }));
	});
});

describe('AGING_BUCKETS', () => {
	it('are in order with labels in both languages', () => {
		expect(AGING_BUCKETS).toEqual(['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus']);
		for (const b of AGING_BUCKETS) expect(AGING_LABELS[b].en && AGING_LABELS[b].zh).toBeTruthy();
		expect(AGING_LABELS.d90_plus.zh).toBe('逾期90天以上');
	});
});

describe('aggregateAging', () => {
	const due = (overdue: number) => addDays(asOf, -overdue);
	const zero = { not_due: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90_plus: '0.00' };

	it('sums per customer, per owner and in total, exactly', () => {
		const rows = [
			{ customer: 1, owner: 'rep-a', open: '100.10', due_date: due(0) },
			{ customer: 1, owner: 'rep-a', open: 0.2, due_date: due(30) },
			{ customer: 1, owner: 'rep-a', open: 0.1, due_date: due(1) }, // 0.1 + 0.2 stays 0.30
			{ customer: 2, owner: 'rep-b', open: '50.00', due_date: due(91) },
			{ customer: '3', owner: 'rep-a', open: '7.77', due_date: due(61) },
			{ customer: 2, owner: 'rep-b', open: '-20.00', due_date: due(45) }, // a credit reduces
			{ customer: 4, owner: null, open: '1.00', due_date: due(31) },
			{ customer: 5, owner: 'rep-b', open: '0.00', due_date: due(200) }, // settled: skipped
		];
		expect(aggregateAging(rows, asOf)).toEqual({
			customers: [
				{ customer: 1, owner: 'rep-a', ...zero, not_due: '100.10', d1_30: '0.30', total: '100.40' },
				{ customer: 2, owner: 'rep-b', ...zero, d31_60: '-20.00', d90_plus: '50.00', total: '30.00' },
				{ customer: '3', owner: 'rep-a', ...zero, d61_90: '7.77', total: '7.77' },
				{ customer: 4, owner: null, ...zero, d31_60: '1.00', total: '1.00' },
			],
			owners: [
				{ owner: 'rep-a', ...zero, not_due: '100.10', d1_30: '0.30', d61_90: '7.77', total: '108.17' },
				{ owner: 'rep-b', ...zero, d31_60: '-20.00', d90_plus: '50.00', total: '30.00' },
				{ owner: null, ...zero, d31_60: '1.00', total: '1.00' },
			],
			totals: { not_due: '100.10', d1_30: '0.30', d31_60: '-19.00', d61_90: '7.77', d90_plus: '50.00', total: '139.17' },
		});
	});

	it('keeps a customer under the owner of its first row', () => {
		const r = aggregateAging(
			[
				{ customer: 1, owner: 'rep-a', open: '1.00', due_date: due(0) },
				{ customer: 1, owner: 'rep-b', open: '2.00', due_date: due(0) },
			],
			asOf,
		);
		expect(r.owners.map((o) => [o.owner, o.total])).toEqual([['rep-a', '3.00']]);
	});

	it('is all zero without rows', () => {
		expect(aggregateAging([], asOf)).toEqual({ customers: [], owners: [], totals: { ...zero, total: '0.00' } });
	});

	it('adds 10,000 invoices of 0.01 to exactly 100.00', () => {
		const rows = Array.from({ length: 10000 }, (_, i) => ({ customer: i % 7, owner: `rep-${i % 3}`, open: 0.01, due_date: due(i % 120) }));
		expect(aggregateAging(rows, asOf).totals.total).toBe('100.00');
	});

	it('names a bad open amount', () => {
		expect(() => aggregateAging([{ customer: 1, owner: null, open: 'x', due_date: asOf }], asOf)).toThrow(
			expect.objectContaining({ extensions: { field: 'open' } }),
		);
	});
});
