import { describe, expect, it } from 'vitest';
import { thrown as refusal } from '../../../../test/support/thrown';
import { assertBinding, checkValidity, defaultValidUntil, lapsed } from './quote-validity';

describe('quote validity', () => {
	it('defaults to the quote date plus the validity days, across month and year ends', () => {
		expect(defaultValidUntil('2026-12-03', 30)).toBe('2027-01-02');
		expect(defaultValidUntil('2028-02-28', 1)).toBe('2028-02-29');
		expect(defaultValidUntil('2026-01-31', 0)).toBe('2026-01-31');
	});

	it('refuses a validity before the quote date, naming both; the same day is fine', () => {
		expect(() => checkValidity('2026-12-03', '2026-12-03')).not.toThrow();
		expect(() => checkValidity(null, '2026-12-01')).not.toThrow();
		const e = refusal(() => checkValidity('2026-12-03', '2026-12-02'));
		expect([e.code, e.status, e.extensions.field]).toEqual(['INVALID_PAYLOAD', 400, 'valid_until']);
		expect(e.message).toBe('valid_until 2026-12-02 is before the quote date 2026-12-03');
		expect(refusal(() => checkValidity('2026-12-03', 'soon')).extensions.field).toBe('valid_until');
	});

	it('lapses the day after its last day; no date never lapses', () => {
		expect(lapsed('2026-12-03', '2026-12-03')).toBe(false);
		expect(lapsed('2026-12-03', '2026-12-04')).toBe(true);
		expect(lapsed(null, '2099-01-01')).toBe(false);
	});

	it('refuses a lapsed or expired quote with 409 QUOTE_EXPIRED and the dates', () => {
		const q = { number: 'QT-2026-000001', status: 'approved', valid_until: '2026-11-30' };
		expect(() => assertBinding(q, '2026-11-30', 'x')).not.toThrow();
		const e = refusal(() => assertBinding(q, '2026-12-01', 'make a new quote'));
		expect([e.code, e.status]).toEqual(['QUOTE_EXPIRED', 409]);
		expect(e.message).toBe('QT-2026-000001 expired (valid until 2026-11-30, today is 2026-12-01); make a new quote');
		expect(refusal(() => assertBinding({ ...q, status: 'expired', valid_until: '2099-01-01' }, '2026-12-01', 'x')).code).toBe(
			'QUOTE_EXPIRED',
		);
	});
});
