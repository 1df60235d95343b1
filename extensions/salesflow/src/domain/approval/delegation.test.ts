import { describe, expect, it } from 'vitest';
import { thrown } from '../../../../../test/support/thrown';
import { activeAt, checkDelegation } from './delegation';

const t = (iso: string) => new Date(iso);

describe('checkDelegation', () => {
	it('accepts someone else for a period that ends after it starts', () => {
		expect(() =>
			checkDelegation({ user: 'a', delegate: 'b', starts_at: t('2026-12-01T00:00Z'), ends_at: t('2026-12-01T00:00:01Z') }),
		).not.toThrow();
	});
	it('refuses oneself as delegate', () => {
		const e = thrown(() =>
			checkDelegation({ user: 'a', delegate: 'a', starts_at: t('2026-12-01T00:00Z'), ends_at: t('2026-12-02T00:00Z') }),
		);
		expect([e.code, e.status, e.extensions.field]).toEqual(['INVALID_PAYLOAD', 400, 'delegate']);
	});
	it.each([
		['before', '2026-11-30T00:00Z'],
		['at', '2026-12-01T00:00Z'],
	])('refuses a period that ends %s its start', (_w, end) => {
		const e = thrown(() => checkDelegation({ user: 'a', delegate: 'b', starts_at: t('2026-12-01T00:00Z'), ends_at: t(end) }));
		expect([e.code, e.extensions.field]).toEqual(['INVALID_PAYLOAD', 'ends_at']);
		expect(e.message).toContain('must be after starts_at 2026-12-01T00:00:00.000Z');
	});
});

describe('activeAt', () => {
	const d = { starts_at: t('2026-12-01T00:00Z'), ends_at: t('2026-12-03T00:00Z') };
	it('covers its start up to, not including, its end', () => {
		expect(
			[t('2026-11-30T23:59:59Z'), t('2026-12-01T00:00Z'), t('2026-12-02T12:00Z'), t('2026-12-03T00:00Z')].map((x) => activeAt(d, x)),
		).toEqual([false, true, true, false]);
	});
});
