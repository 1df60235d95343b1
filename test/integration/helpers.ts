// What integration tests use: a @directus/sdk client per demo user, raw requests for asserting
// refusals in Directus' error format, and row counts to prove a refusal changed nothing.
import { createDirectus, rest, staticToken } from '@directus/sdk';
import { inject } from 'vitest';
import { Session } from '../../scripts/lib/admin-api';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS, userId } from '../../seed/users';

export const url = () => inject('directusUrl');
export const env = () => inject('directusEnv');

// One session per user, shared by parallel requests: Directus counts concurrent logins against
// LOGIN_ATTEMPTS (shared through Redis across replicas) and suspends the account past it. The
// session renews its short-lived access token (ACCESS_TOKEN_TTL) during a long run.
const sessions = new Map<string, Promise<Session>>();

export async function tokenFor(key: string): Promise<string> {
	if (!sessions.has(key)) {
		const email = key === 'admin' ? env().ADMIN_EMAIL! : DEMO_USERS.find((u) => u.key === key)!.email;
		const password = key === 'admin' ? env().ADMIN_PASSWORD! : (env().DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT);
		const login = Session.login(url(), email, password);
		login.catch(() => sessions.delete(key));
		sessions.set(key, login);
	}
	return (await sessions.get(key)!).token();
}

/** A typed-enough SDK client for a demo user (`admin` for the administrator). */
export async function sdk(key: string) {
	return createDirectus<any>(url())
		.with(staticToken(await tokenFor(key)))
		.with(rest());
}

export type Res<T = any> = {
	status: number;
	data: T;
	errors?: Array<{ message: string; extensions: { code: string; [k: string]: unknown } }>;
};

// Headers this test file sends with every request (each file runs in its own worker).
const everyRequest: Record<string, string> = {};

/** Sends a header with every request of this test file (e.g. the test clock). */
export function sendWithEveryRequest(name: string, value: string): void {
	everyRequest[name] = value;
}

/** A raw JSON request as a demo user; never throws on HTTP errors. */
export async function call<T = any>(key: string | null, method: string, path: string, body?: unknown): Promise<Res<T>> {
	return callOn(url(), key, method, path, body);
}

/** As `call`, against a given Directus instance (the scale tests run several on one database). */
export async function callOn<T = any>(base: string, key: string | null, method: string, path: string, body?: unknown): Promise<Res<T>> {
	const headers: Record<string, string> = { 'content-type': 'application/json', ...everyRequest };
	if (key) headers.authorization = `Bearer ${await tokenFor(key)}`;
	const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	const json = text ? JSON.parse(text) : {};
	return { status: res.status, data: json.data, errors: json.errors };
}

/** As `call`, but throws with the error body unless the status is 2xx. */
export async function ok<T = any>(key: string | null, method: string, path: string, body?: unknown): Promise<T> {
	const r = await call<T>(key, method, path, body);
	if (r.status >= 300) throw new Error(`${method} ${path} as ${key} → ${r.status}: ${JSON.stringify(r.errors)}`);
	return r.data;
}

export const errorCode = (r: Res) => r.errors?.[0]?.extensions?.code;

/** Rows in a collection, counted as admin (for before/after checks). */
export async function count(collection: string, filter?: Record<string, unknown>): Promise<number> {
	const q = new URLSearchParams({ 'aggregate[count]': '*' });
	if (filter) q.set('filter', JSON.stringify(filter));
	const path = collection.startsWith('directus_') ? `/${collection.slice('directus_'.length)}` : `/items/${collection}`;
	const r = await ok<any[]>('admin', 'GET', `${path}?${q}`);
	return Number(r[0].count);
}

export { userId };

/** Actions run after the response; wait until `check` holds. */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> {
	const until = Date.now() + ms;
	let v = await fn();
	while (!check(v) && Date.now() < until) {
		await new Promise((r) => setTimeout(r, 150));
		v = await fn();
	}
	return v;
}
