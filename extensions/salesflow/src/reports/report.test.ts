import { describe, expect, it } from 'vitest';
import { monthStart, percent } from './report';

describe('report helpers', () => {
	it('steps months across years', () => {
		expect(monthStart('2026-01', -1)).toBe('2025-12-01');
		expect(monthStart('2026-11', 2)).toBe('2027-01-01');
		expect(monthStart('2026-03')).toBe('2026-03-01');
	});

	it('gives exact percentages with one decimal, rounded half up', () => {
		expect(percent(1n, 3n)).toBe('33.3');
		expect(percent(2n, 3n)).toBe('66.7');
		expect(percent(1n, 8n)).toBe('12.5');
		expect(percent(7930000n, 30000000n)).toBe('26.4');
		expect(percent(5n, 0n)).toBeNull();
		expect(percent(3n, 2n)).toBe('150.0');
	});
});
