import { describe, expect, it } from 'vitest';
import { opportunitiesAdvanced, reportRange } from './work-report-figures';

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
