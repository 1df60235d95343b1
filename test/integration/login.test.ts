// Issue #23, findings 8 and 14, attacked over HTTP: password guessing and lock-out from one address,
// GraphQL logins around the throttle, colleagues' emails and the administrator's account in /users.
// A Directus of its own (with Redis, as replicas run): its throttling must not refuse the shared
// instance's logins, which all come from 127.0.0.1 too. The tests run in order on one address.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS, userId } from '../../seed/users';
import { Instance, type Kind } from './faults';

const KIND: Kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
let inst: Instance;
let db: Knex;
let adminId: string;
let firstAdminToken: string;

const email = (key: string) => (key === 'admin' ? inst.env.ADMIN_EMAIL! : DEMO_USERS.find((u) => u.key === key)!.email);
const password = (key: string) => (key === 'admin' ? inst.env.ADMIN_PASSWORD! : DEMO_PASSWORD_DEFAULT);

type Attempt = { status: number; retryAfter: number | null; code?: string; message?: string; token?: string; expires?: number };
/** Failed logins (401) this file has sent from its one address, to know where the address limit is. */
let failuresFromHere = 0;

async function login(mail: string, pass: string, headers: Record<string, string> = {}): Promise<Attempt> {
	const res = await fetch(`${inst.url}/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify({ email: mail, password: pass }),
	});
	const body = (await res.json()) as any;
	if (res.status === 401) failuresFromHere++;
	const retry = res.headers.get('retry-after');
	return {
		status: res.status,
		retryAfter: retry === null ? null : Number(retry),
		code: body.errors?.[0]?.extensions?.code,
		message: body.errors?.[0]?.message,
		token: body.data?.access_token,
		expires: body.data?.expires,
	};
}

/** The Directus state a refused login must not change: the user's status and sessions. */
const stateOf = async (key: string) => ({
	status: (
		await db('directus_users')
			.where({ email: email(key) })
			.first('status')
	)?.status,
	sessions: Number(
		(
			await db('directus_sessions')
				.where({ user: key === 'admin' ? adminId : userId(key) })
				.count({ n: '*' })
		)[0]!.n,
	),
});

beforeAll(async () => {
	inst = await Instance.boot(KIND, 'login', {
		REDIS: process.env.REDIS ?? 'redis://127.0.0.1:6379',
		SALESFLOW_LOGIN_NAMESPACE: `salesflow-test-${process.pid}-${Date.now()}:login`,
		// Sessions renew a minute before expiry: here 3 s after each renewal, so setup and tests run on renewed tokens.
		ACCESS_TOKEN_TTL: '63s',
	});
	db = inst.db();
	firstAdminToken = await inst.token('admin');
	adminId = (await inst.ok('admin', 'GET', '/users/me?fields=id')).id;
	// Every demo user's session exists before the attacks (the helpers renew it, never log in again).
	for (const u of DEMO_USERS) await inst.token(u.key);
});

afterAll(async () => {
	await db?.destroy();
	await inst?.dispose();
});

describe('colleague privacy (finding 8)', () => {
	it("a rep reads colleagues' names and roles, not their emails, and not the administrator", async () => {
		const colleagues = await inst.ok<any[]>('sales_rep', 'GET', '/users?fields=id,first_name,last_name,role,avatar&limit=-1');
		expect(colleagues.map((u) => u.id).sort()).toEqual(DEMO_USERS.map((u) => userId(u.key)).sort());
		expect(colleagues.find((u) => u.id === userId('sales_manager'))).toMatchObject({
			first_name: expect.any(String),
			role: expect.any(String),
		});

		expect((await inst.call('sales_rep', 'GET', `/users/${adminId}`)).status).toBe(403);
		// Email (and every other field) of a colleague is not readable, nor usable in a filter.
		const withEmail = await inst.call<any[]>('sales_rep', 'GET', '/users?fields=id,email,title,last_access&limit=-1');
		if (withEmail.status === 200) {
			for (const u of withEmail.data.filter((x) => x.id !== userId('sales_rep')))
				expect([u.email, u.title, u.last_access]).toEqual([null, null, null]);
			expect(withEmail.data.map((u) => u.id)).not.toContain(adminId);
		} else expect(withEmail.status).toBe(403);
		for (const target of ['admin', 'sales_manager']) {
			const probe = await inst.call<any[]>('sales_rep', 'GET', `/users?fields=id&filter[email][_eq]=${encodeURIComponent(email(target))}`);
			expect(probe.status === 403 || probe.data.length === 0, `filter by ${target}'s email`).toBe(true);
		}
		// Names are Chinese, so this search can only match the email.
		const search = await inst.call<any[]>('sales_rep', 'GET', '/users?fields=id&search=sales-manager');
		expect(search.status === 403 || search.data.length === 0, 'search by email').toBe(true);
		const viaRelation = await inst.call<any[]>('sales_rep', 'GET', '/items/customers?fields=id,owner.email&limit=-1');
		expect(viaRelation.status === 403 || viaRelation.data.every((c) => !c.owner?.email || c.owner.email === email('sales_rep'))).toBe(true);
		// Every product names its product manager: filtering products on that colleague's email finds nothing.
		expect((await inst.ok<any[]>('sales_rep', 'GET', '/items/products?fields=id,product_manager.first_name')).length).toBeGreaterThan(0);
		const viaFilter = await inst.call<any[]>(
			'sales_rep',
			'GET',
			`/items/products?fields=id&filter[product_manager][email][_eq]=${encodeURIComponent(email('product_manager'))}`,
		);
		expect(viaFilter.status === 403 || viaFilter.data.length === 0, 'filter through a relation on email').toBe(true);
	});

	it('everyone still reads all of their own record, and the data app shows who owns and created rows', async () => {
		for (const key of ['sales_rep', 'finance', 'warehouse_manager']) {
			const me = await inst.ok(key, 'GET', '/users/me?fields=id,email,first_name,role.id,status');
			expect(me).toMatchObject({ id: userId(key), email: email(key), status: 'active' });
		}
		const rows = await inst.ok<any[]>(
			'sales_rep',
			'GET',
			'/items/customers?fields=id,owner.first_name,owner.last_name,user_created.first_name&limit=-1',
		);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((c) => typeof c.owner?.first_name === 'string')).toBe(true);
		// A manager still sees the team's customers (the team scope walks users.manager).
		const repsCustomers = await inst.ok<any[]>(
			'sales_manager',
			'GET',
			`/items/customers?fields=id&filter[owner][_eq]=${userId('sales_rep')}`,
		);
		expect(repsCustomers.length).toBe(rows.length);
	});
});

describe('login throttling (finding 8)', () => {
	it('5 wrong passwords lock the account: the right one is refused 429 with Retry-After, other accounts still log in', async () => {
		const before = await stateOf('sales_assistant');
		for (let i = 0; i < 5; i++) expect((await login(email('sales_assistant'), `wrong-${i}`)).status).toBe(401);
		const locked = await login(email('sales_assistant').toUpperCase(), password('sales_assistant'));
		expect(locked).toMatchObject({ status: 429, code: 'REQUESTS_EXCEEDED', token: undefined });
		expect(locked.retryAfter).toBeGreaterThan(50);
		expect(locked.retryAfter).toBeLessThanOrEqual(60);
		expect(locked.message).toBe(`Too many failed logins for this account (5 in a row); try again in ${locked.retryAfter} s`);
		expect(await stateOf('sales_assistant')).toEqual(before);

		const other = await login(email('finance'), password('finance'));
		expect(other.status).toBe(200);
		expect(other.expires).toBe(63_000); // ACCESS_TOKEN_TTL reaches Directus (shipped: 5m, test/unit/login-config.test.ts)
	});

	it('one address cannot get the administrator suspended (Directus suspends after 25 failures in a row)', async () => {
		const before = await stateOf('admin');
		const statuses: number[] = [];
		for (let i = 0; i < 30; i++) statuses.push((await login(email('admin'), `guess-${i}`)).status);
		expect(before.status).toBe('active');
		expect(await stateOf('admin')).toEqual(before);
		expect(statuses.filter((s) => s === 401)).toHaveLength(5);
		expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
		// The administrator's existing session keeps working: refreshing is not logging in.
		expect((await inst.ok('admin', 'GET', '/users/me?fields=id')).id).toBe(adminId);
		expect(await inst.token('admin')).not.toBe(firstAdminToken);
	});

	it('GraphQL auth_login is refused, whatever the alias, even with the right password', async () => {
		const before = await stateOf('sales_manager');
		const creds = `email: "${email('sales_manager')}", password: "${password('sales_manager')}"`;
		for (const query of [`mutation { auth_login(${creds}) { access_token } }`, `mutation { x: auth_login(${creds}) { access_token } }`]) {
			const res = await fetch(`${inst.url}/graphql/system`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ query }),
			});
			const body = (await res.json()) as any;
			expect(res.status).toBe(403);
			expect(body.data?.auth_login ?? body.data?.x).toBeUndefined();
			expect(body.errors[0].message).toMatch(/POST \/auth\/login/);
		}
		expect(await stateOf('sales_manager')).toEqual(before);
	});

	it('20 failures from one address: 429 with Retry-After for every account, also with the right password or a forged X-Forwarded-For', async () => {
		let throttled: Attempt | undefined;
		for (let i = 0; i < 25 && !throttled; i++) {
			const r = await login(`nobody-${i}@salesflow.example.com`, 'guess');
			if (r.status === 429) throttled = r;
		}
		expect(failuresFromHere).toBe(20);
		expect(throttled).toMatchObject({ code: 'REQUESTS_EXCEEDED' });
		expect(throttled!.message).toMatch(/^Too many failed logins from this address \(20 in 15 minutes\); try again in \d+ s$/);

		const before = await stateOf('warehouse_manager');
		for (const headers of [{}, { 'x-forwarded-for': '203.0.113.7' }] as Array<Record<string, string>>) {
			const r = await login(email('warehouse_manager'), password('warehouse_manager'), headers);
			expect(r).toMatchObject({ status: 429, code: 'REQUESTS_EXCEEDED', token: undefined });
			expect(r.retryAfter).toBeGreaterThan(60);
			expect(r.retryAfter).toBeLessThanOrEqual(15 * 60);
		}
		expect(await stateOf('warehouse_manager')).toEqual(before);
		expect(failuresFromHere).toBe(20);
	});
});
