import { describe, expect, it } from 'vitest';
import type { DomainError } from './errors';
import { checkComplaintClass, complaintRecipients, isLate, parseAcceptance, parseCheck, preShipmentCheck } from './delivery-quality';

const fieldOf = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return [(e as DomainError).status, (e as DomainError).extensions.field];
	}
	return null;
};

describe('pre-shipment check', () => {
	it('unrecorded points pass; passed/failed only', () => {
		expect(preShipmentCheck('DN-1', { check_quality: 'passed' })).toEqual({
			check_quantity: 'passed',
			check_quality: 'passed',
			check_packing: 'passed',
		});
		expect(parseCheck('check_packing', '')).toBeNull();
		expect(fieldOf(() => parseCheck('check_packing', 'ok'))).toEqual([400, 'check_packing']);
		expect(fieldOf(() => parseCheck('check_packing', true))).toEqual([400, 'check_packing']);
	});
	it('an explicit failure refuses with 409 naming the check and the number', () => {
		expect(fieldOf(() => preShipmentCheck('DN-1', { check_packing: 'failed' }))).toEqual([409, 'check_packing']);
		expect(() => preShipmentCheck('DN-7', { check_quantity: 'failed' })).toThrow(/DN-7.*数量/);
	});
});

describe('acceptance', () => {
	it('accepted needs nothing more; needs_rectification needs a note and a date', () => {
		expect(parseAcceptance({})).toBeNull();
		expect(parseAcceptance({ acceptance: 'accepted' })).toEqual({ result: 'accepted' });
		expect(parseAcceptance({ acceptance: 'needs_rectification', rectification_note: ' 缺件 ', rectification_due: '2026-12-10' })).toEqual({
			result: 'needs_rectification',
			note: '缺件',
			due: '2026-12-10',
		});
		expect(fieldOf(() => parseAcceptance({ acceptance: null }))).toEqual([400, 'acceptance']);
		expect(fieldOf(() => parseAcceptance({ rectification_note: 'x' }))).toEqual([400, 'acceptance']);
		expect(fieldOf(() => parseAcceptance({ acceptance: 'needs_rectification', rectification_due: '2026-12-10' }))).toEqual([
			400,
			'rectification_note',
		]);
		expect(
			fieldOf(() => parseAcceptance({ acceptance: 'needs_rectification', rectification_note: 'x', rectification_due: '2026-13-01' })),
		).toEqual([400, 'rectification_due']);
	});
});

describe('complaints', () => {
	it('category and severity from their lists', () => {
		expect(() => checkComplaintClass({ category: 'quality', severity: 'major' })).not.toThrow();
		expect(() => checkComplaintClass({ category: null })).not.toThrow();
		expect(fieldOf(() => checkComplaintClass({ category: 'weather' }))).toEqual([400, 'category']);
		expect(fieldOf(() => checkComplaintClass({ severity: null }))).toEqual([400, 'severity']);
	});
	it('manager and division heads at once; the general manager only for a major one; de-duplicated', () => {
		const p = { manager: 'm', heads: ['h', 'm'], generalManagers: ['g'] };
		expect(complaintRecipients({ ...p, severity: 'normal' })).toEqual(['m', 'h']);
		expect(complaintRecipients({ ...p, severity: 'major' })).toEqual(['m', 'h', 'g']);
		expect(complaintRecipients({ manager: null, heads: [], generalManagers: ['g'], severity: 'normal' })).toEqual([]);
	});
});

describe('late orders', () => {
	it('late the day after ship-by, while goods are still to ship', () => {
		expect(isLate({ status: 'confirmed', ship_by: '2026-12-03' }, '2026-12-03')).toBe(false);
		expect(isLate({ status: 'confirmed', ship_by: '2026-12-03' }, '2026-12-04')).toBe(true);
		expect(isLate({ status: 'partially_shipped', ship_by: '2026-12-03' }, '2026-12-04')).toBe(true);
		expect(isLate({ status: 'shipped', ship_by: '2026-12-03' }, '2026-12-04')).toBe(false);
		expect(isLate({ status: 'confirmed', ship_by: null }, '2026-12-04')).toBe(false);
	});
});
