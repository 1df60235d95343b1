import { describe, expect, it } from 'vitest';
import { compareIds, policyId, roleId, stableUuid } from './ids';

describe('stableUuid', () => {
	it('is a version-5-shaped UUID, the same on every call', () => {
		const id = stableUuid('x');
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(stableUuid('x')).toBe(id);
	});

	it('differs per name and per kind', () => {
		expect(roleId('sales_rep')).not.toBe(roleId('sales_manager'));
		expect(roleId('finance')).not.toBe(policyId('finance'));
		expect(roleId('finance')).toBe(stableUuid('role:finance'));
		expect(policyId('finance')).toBe(stableUuid('policy:finance'));
	});
});

describe('compareIds', () => {
	it.each([
		[1, 2, -1],
		[9, 10, -1],
		['9', '10', -1],
		[9, '10', -1],
		['10', 9, 1],
		[5, '5', 0],
		['a', 'b', -1],
	])('%j vs %j → %i', (a, b, sign) => {
		expect(Math.sign(compareIds(a, b))).toBe(sign);
	});
});
