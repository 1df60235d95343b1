import { describe, expect, it } from 'vitest';
import { dailyRows, isTimeOfDay, opportunitiesAdvanced, reportRange } from './work-reports';

describe('reportRange', () => {
	it.each([
		['daily', '2026-11-30', '2026-11-30', '2026-12-01'],
		['weekly', '2026-12-03', '2026-11-30', '2026-12-07'],
		['monthly', '2026-12-17', '2026-12-01', '2027-01-01'],
		['monthly', '2028-02-10', '2028-02-01', '2028-03-01'],
	])('%s report of %s covers [%s, %s)', (kind, day, start, end) => {
		expect(reportRange(kind, day)).toEqual({ start, end });
	});
});

describe('opportunitiesAdvanced', () => {
	it('counts each opportunity moved forward once; creation, moves back and lost are no advance', () => {
		expect(
			opportunitiesAdvanced([
				{ opportunity: 1, from_stage: 'discovery', to_stage: 'project' },
				{ opportunity: 1, from_stage: 'project', to_stage: 'proposal' },
				{ opportunity: 2, from_stage: null, to_stage: 'proposal' },
				{ opportunity: 3, from_stage: 'negotiation', to_stage: 'proposal' },
				{ opportunity: 4, from_stage: 'negotiation', to_stage: 'lost' },
				{ opportunity: 5, from_stage: 'negotiation', to_stage: 'won' },
			]),
		).toBe(2);
		expect(opportunitiesAdvanced([])).toBe(0);
	});
});

describe('dailyRows', () => {
	const v = (customer: number, o: Record<string, unknown> = {}) => ({
		customer,
		contact: null,
		phone: null,
		grade: 'B',
		time: '09:00',
		...o,
	});
	it('one row per customer in the order visited: first time, last contact met, every memo once', () => {
		expect(
			dailyRows([
				v(1, { contact: 11, phone: '139', time: '09:05', result: '有意向', purpose: '拜访' }),
				v(2, { grade: 'A', time: '10:30', content: '介绍方案' }),
				v(1, { contact: 12, phone: '138', time: '15:00', result: '有意向' }),
				v(1, { time: '16:00', purpose: '送样' }),
				v(3, { time: null }),
			]),
		).toEqual([
			{ customer: 1, contact: 12, phone: '138', visit_time: '09:05', grade: 'B', memo: '有意向；送样' },
			{ customer: 2, contact: null, phone: null, visit_time: '10:30', grade: 'A', memo: '介绍方案' },
			{ customer: 3, contact: null, phone: null, visit_time: null, grade: 'B', memo: null },
		]);
	});
	it('skips customers the report already lists (ids as numbers or text)', () => {
		expect(dailyRows([v(1), v(2), v(3)], ['1', 3]).map((r) => r.customer)).toEqual([2]);
		expect(dailyRows([])).toEqual([]);
	});
});

describe('isTimeOfDay', () => {
	it.each([
		['09:30', true],
		['23:59', true],
		['00:00', true],
		['24:00', false],
		['9:30', false],
		['09:60', false],
		['', false],
		[null, false],
	])('%s → %s', (s, ok) => {
		expect(isTimeOfDay(s)).toBe(ok);
	});
});
