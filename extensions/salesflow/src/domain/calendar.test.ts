import { describe, expect, it } from 'vitest';
import { addWorkingDays } from './calendar';

describe('addWorkingDays', () => {
	it.each([
		['2026-11-23', 3, '2026-11-26'], // Monday → Thursday
		['2026-11-26', 3, '2026-12-01'], // Thursday → Tuesday, over the weekend
		['2026-11-28', 3, '2026-12-02'], // Saturday → Wednesday
		['2026-11-27', 1, '2026-11-30'], // Friday → Monday
		['2026-11-23', 0, '2026-11-23'],
	])('%s + %i working days = %s', (from, n, expected) => {
		expect(
			addWorkingDays(new Date(`${from}T10:00:00Z`), n)
				.toISOString()
				.slice(0, 10),
		).toBe(expected);
	});
});
