// Login throttling (issue #23, finding 8): failed password logins are limited per client address
// and per account, so nobody can guess passwords at speed or push an account into Directus'
// suspension (25 failures in a row, directus_settings.auth_login_attempts) from one address.
// Pure: the caller keeps the failure lists (memory or Redis) and passes the clock.

export type LoginLimits = {
	/** Failures one client address may have within `addressWindowMs`. */
	addressFailures: number;
	addressWindowMs: number;
	/** Failures in a row an account takes before it is locked. */
	freeAccountFailures: number;
	/** The first lock; each further failure doubles it, up to `maxLockMs`. */
	firstLockMs: number;
	maxLockMs: number;
	/** An account's failures are forgotten this long after its last one (or at its next successful login). */
	accountMemoryMs: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LOGIN_LIMITS: LoginLimits = {
	addressFailures: 20,
	addressWindowMs: 15 * MINUTE,
	freeAccountFailures: 5,
	firstLockMs: MINUTE,
	maxLockMs: 24 * HOUR,
	accountMemoryMs: 7 * 24 * HOUR,
};

/** Instants (ms) of failed attempts, oldest first. */
export type Failures = readonly number[];

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

/** How long an account stays locked after its `n`-th failure in a row (0: not locked). */
export function lockAfter(n: number, limits: LoginLimits = LOGIN_LIMITS): number {
	if (n < limits.freeAccountFailures) return 0;
	return Math.min(limits.firstLockMs * 2 ** (n - limits.freeAccountFailures), limits.maxLockMs);
}

// Beyond this many failures the lock is at its maximum, so older ones need not be kept.
const accountKeep = (limits: LoginLimits) => limits.freeAccountFailures + Math.ceil(Math.log2(limits.maxLockMs / limits.firstLockMs)) + 1;

/** Milliseconds until the address may try again (0: now). */
export function addressWait(failures: Failures, now: number, limits: LoginLimits = LOGIN_LIMITS): number {
	const recent = failures.filter((t) => t > now - limits.addressWindowMs);
	if (recent.length < limits.addressFailures) return 0;
	return recent[recent.length - limits.addressFailures]! + limits.addressWindowMs - now;
}

/** Milliseconds until the account may try again (0: now). */
export function accountWait(failures: Failures, now: number, limits: LoginLimits = LOGIN_LIMITS): number {
	const last = failures[failures.length - 1];
	if (last === undefined) return 0;
	return Math.max(0, last + lockAfter(failures.length, limits) - now);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Whether a login attempt may go ahead, given the failures of its address and of its account. */
export function verdict(address: Failures, account: Failures, now: number, limits: LoginLimits = LOGIN_LIMITS): Verdict {
	const fromAddress = addressWait(address, now, limits);
	if (fromAddress > 0) {
		const s = seconds(fromAddress);
		return {
			allowed: false,
			retryAfterSeconds: s,
			message: `Too many failed logins from this address (${limits.addressFailures} in ${limits.addressWindowMs / MINUTE} minutes); try again in ${s} s`,
		};
	}
	const forAccount = accountWait(account, now, limits);
	if (forAccount > 0) {
		const s = seconds(forAccount);
		return {
			allowed: false,
			retryAfterSeconds: s,
			message: `Too many failed logins for this account (${account.length} in a row); try again in ${s} s`,
		};
	}
	return { allowed: true };
}

/** The address's failures with one more at `now` (older than the window dropped). */
export function addressWithFailure(failures: Failures, now: number, limits: LoginLimits = LOGIN_LIMITS): number[] {
	return [...failures.filter((t) => t > now - limits.addressWindowMs), now].slice(-limits.addressFailures);
}

/** The account's failures with one more at `now` (all forgotten if the last is older than the memory). */
export function accountWithFailure(failures: Failures, now: number, limits: LoginLimits = LOGIN_LIMITS): number[] {
	const last = failures[failures.length - 1];
	const kept = last !== undefined && last > now - limits.accountMemoryMs ? failures : [];
	return [...kept, now].slice(-accountKeep(limits));
}

/** The failures without the one counted at `at` (an attempt that turned out not to be a failure). */
export function withoutFailure(failures: Failures, at: number): number[] {
	const i = failures.lastIndexOf(at);
	return i < 0 ? [...failures] : [...failures.slice(0, i), ...failures.slice(i + 1)];
}

/** The account key of a login: the address typed, case and spaces ignored (as Directus matches it). */
export function accountKey(identifier: unknown): string | null {
	return typeof identifier === 'string' && identifier.trim() ? identifier.trim().toLowerCase() : null;
}
