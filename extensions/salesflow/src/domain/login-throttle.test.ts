import { describe, expect, it } from 'vitest';
import {
	accountKey,
	accountWait,
	accountWithFailure,
	addressWait,
	addressWithFailure,
	LOGIN_LIMITS,
	lockAfter,
	verdict,
	withoutFailure,
} from './login-throttle';

const MIN = 60_000;
const T0 = Date.UTC(2027, 0, 4, 9, 0, 0);

/** `n` failures one second apart, starting at `from`, recorded with `add`. */
function failures(n: number, add: (f: number[], t: number) => number[], from = T0): number[] {
	let f: number[] = [];
	for (let i = 0; i < n; i++) f = add(f, from + i * 1000);
	return f;
}

describe('per address: 20 failures per 15 minutes', () => {
	it('allows 19 failures and refuses after the 20th until the first leaves the window', () => {
		const f19 = failures(19, addressWithFailure);
		expect(addressWait(f19, T0 + 19_000)).toBe(0);
		const f20 = addressWithFailure(f19, T0 + 19_000);
		const v = verdict(f20, [], T0 + 20_000);
		expect(v).toEqual({
			allowed: false,
			retryAfterSeconds: 15 * 60 - 20,
			message: 'Too many failed logins from this address (20 in 15 minutes); try again in 880 s',
		});
		expect(addressWait(f20, T0 + 15 * MIN)).toBe(0);
	});

	it('keeps only what the window needs', () => {
		const f = failures(50, addressWithFailure);
		expect(f).toHaveLength(20);
		expect(addressWithFailure(f, T0 + 60 * MIN)).toEqual([T0 + 60 * MIN]);
	});
});

describe('per account: 5 failures, then a lock doubling up to 24 h', () => {
	it.each([
		[4, 0],
		[5, 1 * MIN],
		[6, 2 * MIN],
		[7, 4 * MIN],
		[15, 1024 * MIN],
		[16, 24 * 60 * MIN],
		[40, 24 * 60 * MIN],
	])('after %i failures in a row the lock is %i ms', (n, ms) => {
		expect(lockAfter(n)).toBe(ms);
	});

	it('refuses the 6th attempt for a minute after the 5th failure, even with the right password', () => {
		const f = failures(5, accountWithFailure);
		const last = T0 + 4000;
		expect(verdict([], f, last + 1000)).toEqual({
			allowed: false,
			retryAfterSeconds: 59,
			message: 'Too many failed logins for this account (5 in a row); try again in 59 s',
		});
		expect(accountWait(f, last + MIN)).toBe(0);
	});

	it('forgets an account a week after its last failure', () => {
		const f = failures(5, accountWithFailure);
		expect(accountWithFailure(f, T0 + 8 * 24 * 60 * MIN)).toHaveLength(1);
		expect(accountWithFailure(f, T0 + 6 * 24 * 60 * MIN)).toHaveLength(6);
	});

	it('reports the address before the account', () => {
		const v = verdict(failures(20, addressWithFailure), failures(5, accountWithFailure), T0 + 20_000);
		expect(v.allowed === false && v.message).toMatch(/from this address/);
	});
});

describe('suspension (25 failures in a row) is out of reach from one address', () => {
	it('takes a single address more than ten days of trying at every allowed instant', () => {
		let address: number[] = [];
		let account: number[] = [];
		let now = T0;
		for (let n = 0; n < 25; n++) {
			for (;;) {
				const v = verdict(address, account, now);
				if (v.allowed) break;
				now += v.retryAfterSeconds * 1000;
			}
			address = addressWithFailure(address, now);
			account = accountWithFailure(account, now);
			now += 500; // Directus stalls every failed login
		}
		expect(now - T0).toBeGreaterThan(10 * 24 * 60 * MIN);
	});

	it('keeps the per-address limit below the suspension threshold', () => {
		expect(LOGIN_LIMITS.addressFailures).toBeLessThan(25);
	});
});

describe('withoutFailure (an attempt counted in advance that was not a failure)', () => {
	it('removes the one counted at that instant', () => {
		expect(withoutFailure([1, 2, 3], 2)).toEqual([1, 3]);
		expect(withoutFailure([1, 2, 2], 2)).toEqual([1, 2]);
		expect(withoutFailure([1, 3], 2)).toEqual([1, 3]);
	});
});

describe('accountKey', () => {
	it.each([
		['Admin@Salesflow.example.com ', 'admin@salesflow.example.com'],
		['', null],
		['  ', null],
		[undefined, null],
		[42, null],
	])('%j → %j', (input, key) => {
		expect(accountKey(input)).toBe(key);
	});
});
