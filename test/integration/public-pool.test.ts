// The public pool (公海, PROCESS §12): a customer not followed up for stale_customer_days is reminded to
// its owner once, and after pool_grace_days more without contact it returns to the pool (no owner);
// any seller may read the pool and claim one — first come, first served under parallel claims — or a
// sales manager assigns it to the team; registering it again is still refused (报备), and every move is
// in the customer's history. The requests run on a pinned company clock in 2020 and the job on 2020
// days, so it touches only the customers contacted then: this file's.
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents';
import { sweepPublicPool } from '../../extensions/salesflow/src/documents/customers/pool';
import type { DocContext } from '../../extensions/salesflow/src/engine/document-type';
import { CLOCK_HEADER } from '../../extensions/salesflow/src/platform/clock';
import { SYSTEM_ACTOR } from '../../extensions/salesflow/src/platform/context';
import { knexConfig } from '../../scripts/lib/env';
import { call, count, env, errorCode, eventually, ok, sendWithEveryRequest, userId } from './helpers';

const D0 = '2020-03-02';
const day = (n: number) => new Date(Date.parse(`${D0}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Pins the company clock at 10:00 Shanghai on `date` for the next requests of this file. */
const on = (date: string) => sendWithEveryRequest(CLOCK_HEADER, `${date}T02:00:00.000Z`);
const REP = userId('sales_rep');
const REP2 = userId('sales_rep_2');
const MANAGER = userId('sales_manager');
const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();

let db: ReturnType<typeof knex> | undefined;
function jobContext(): DocContext {
	db ??= knex(knexConfig(env()));
	return { db, documents: DOCUMENTS, accountability: null, actor: SYSTEM_ACTOR } as unknown as DocContext;
}
afterAll(async () => db?.destroy());
const sweep = (d: string) => sweepPublicPool(jobContext(), d);

let stale: number;
let grace: number;
beforeAll(async () => {
	({ stale_customer_days: stale, pool_grace_days: grace } = await ok<any>('admin', 'GET', '/items/salesflow_settings'));
});

const customer = (id: number) => ok<any>('admin', 'GET', `/items/customers/${id}`);

/** Records a done visit on `date` and waits until the customer's last contact shows it. */
async function visit(user: string, id: number, date: string) {
	on(date);
	await ok(user, 'POST', '/items/visits', { customer: id, visited_on: date, state: 'done', purpose: '回访' });
	await eventually(
		() => customer(id),
		(c) => c.last_contacted_on === date,
	);
}

/** A customer of `user`, last contacted on D0. */
async function contactedCustomer(user = 'sales_rep') {
	on(D0);
	const c = await ok<any>(user, 'POST', '/items/customers', {
		name: `公海测试${tag()}公司`,
		contacts: [{ name: '王经理', title: '采购经理', phone: '13900001111' }],
	});
	await visit(user, c.id, D0);
	return c;
}

/** A customer that went through reminder and release to the pool. */
async function pooledCustomer() {
	const c = await contactedCustomer();
	await sweep(day(stale));
	await sweep(day(stale + grace));
	expect((await customer(c.id)).owner).toBeNull();
	return c;
}

const poolHistory = (id: number) =>
	ok<any[]>('admin', 'GET', `/items/customer_history?filter[customer][_eq]=${id}&filter[kind][_eq]=pool&sort=id`);
const notesTo = (recipient: string, id: number) =>
	ok<any[]>(
		'admin',
		'GET',
		`/notifications?filter[recipient][_eq]=${recipient}&filter[collection][_eq]=customers&filter[item][_eq]=${id}&sort=id&limit=-1`,
	);

describe('public pool (公海)', () => {
	it('reminds the owner once after stale_customer_days, then returns the customer to the pool after the grace days', async () => {
		const c = await contactedCustomer();
		await sweep(day(stale - 1));
		expect((await customer(c.id)).pool_reminded_on).toBeNull();

		expect(await sweep(day(stale))).toBeGreaterThanOrEqual(1);
		expect(await customer(c.id)).toMatchObject({ owner: REP, pool_reminded_on: day(stale), pooled_at: null });
		await sweep(day(stale));
		await sweep(day(stale + grace - 1));
		const reminders = (await notesTo(REP, c.id)).filter((n) => n.subject.includes('public pool soon'));
		expect(reminders.map((n) => n.subject)).toEqual([`客户即将转入公海 / Customer goes to the public pool soon: ${c.code} ${c.name}`]);
		expect((await customer(c.id)).owner).toBe(REP);

		await sweep(day(stale + grace));
		const pooled = await customer(c.id);
		expect(pooled).toMatchObject({ owner: null, pool_reminded_on: null });
		expect(pooled.pooled_at).not.toBeNull();
		expect((await poolHistory(c.id)).map((h) => [h.from_value, h.to_value, h.user_created])).toEqual([[REP, null, null]]);
		expect((await notesTo(REP, c.id)).filter((n) => n.subject.includes('returned to the public pool'))).toHaveLength(1);
		// Released once: a second run the same day does nothing more.
		await sweep(day(stale + grace));
		expect(await poolHistory(c.id)).toHaveLength(1);

		// Every seller now sees it in the pool (without the credit terms), the former owner too.
		for (const user of ['sales_rep', 'sales_rep_2', 'sales_manager']) {
			const list = await ok<any[]>(user, 'GET', '/items/customers?filter[owner][_null]=true&limit=-1&fields=id,code,name,pooled_at');
			expect(list.map((x) => x.id)).toContain(c.id);
		}
		expect((await call('sales_rep_2', 'GET', `/items/customers/${c.id}?fields=credit_limit`)).status).toBe(403);
		const bookmark = (await ok<any[]>('sales_rep', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true')).find(
			(p) => p.bookmark === '公海客户 / Public pool',
		);
		expect(bookmark?.filter).toEqual({ owner: { _null: true } });

		// 报备 still holds: the pooled customer is claimed, not registered a second time.
		const before = await count('customers');
		const again = await call('sales_rep_2', 'POST', '/items/customers', {
			name: c.name,
			contacts: [{ name: '李工', title: '工程师', phone: '13900002222' }],
		});
		expect([again.status, errorCode(again)]).toEqual([409, 'DUPLICATE_CUSTOMER']);
		expect(again.errors?.[0]?.message).toContain(`is in the public pool`);
		expect(again.errors?.[0]?.message).toContain(`claim customer ${c.code}`);
		expect(await count('customers')).toBe(before);

		// Claimed (after the grace day, so this file's later runs of the job leave it alone).
		on(day(stale + grace));
		expect((await ok<any>('sales_rep_2', 'POST', `/customers/${c.id}/claim`)).owner).toBe(REP2);
	});

	it('a contact after the reminder keeps the customer with its owner', async () => {
		const c = await contactedCustomer();
		await sweep(day(stale));
		expect((await customer(c.id)).pool_reminded_on).toBe(day(stale));
		await visit('sales_rep', c.id, day(stale + 1));
		await sweep(day(stale + grace));
		expect(await customer(c.id)).toMatchObject({ owner: REP, pooled_at: null });
		expect(await poolHistory(c.id)).toEqual([]);
	});

	it('parallel claims: exactly one seller gets the customer, the others 409; the new owner starts a fresh clock', async () => {
		const c = await pooledCustomer();
		const claimAt = day(stale + grace + 1);
		on(claimAt);
		const users = ['sales_rep', 'sales_rep_2', 'sales_manager', 'division_head'];
		const answers = await Promise.all(users.map((u) => call(u, 'POST', `/customers/${c.id}/claim`)));
		const winners = answers.flatMap((a, i) => (a.status === 200 ? [users[i]!] : []));
		expect(winners).toHaveLength(1);
		const losers = answers.filter((a) => a.status !== 200);
		expect(losers.map((a) => [a.status, errorCode(a)])).toEqual(losers.map(() => [409, 'NOT_IN_POOL']));
		const winner = userId(winners[0]!);
		expect(answers.find((a) => a.status === 200)!.data).toMatchObject({ id: c.id, owner: winner, owner_since: claimAt, pooled_at: null });
		expect((await poolHistory(c.id)).map((h) => [h.from_value, h.to_value, h.user_created])).toEqual([
			[REP, null, null],
			[null, winner, winner],
		]);

		// Its last contact was the former owner's: the new owner has stale_customer_days from the claim.
		await sweep(day(stale + grace + stale));
		expect((await customer(c.id)).pool_reminded_on).toBeNull();
		await sweep(day(stale + grace + 1 + stale));
		expect((await customer(c.id)).pool_reminded_on).toBe(day(stale + grace + 1 + stale));

		// A claim of an owned customer or of nothing changes nothing.
		const taken = await call('sales_rep', 'POST', `/customers/${c.id}/claim`);
		expect([taken.status, errorCode(taken)]).toEqual([409, 'NOT_IN_POOL']);
		expect((await call('sales_rep', 'POST', '/customers/2147483000/claim')).status).toBe(404);
		expect((await call('sales_rep', 'POST', '/customers/abc/claim')).status).toBe(400);
		expect((await call('finance', 'POST', `/customers/${c.id}/claim`)).status).toBe(403);
		expect((await customer(c.id)).owner).toBe(winner);
	});

	it('a sales manager assigns a pooled customer within the team; a rep may not', async () => {
		const c = await pooledCustomer();
		on(day(stale + grace + 2));
		expect((await call('sales_rep', 'POST', `/customers/${c.id}/assign`, { owner: REP2 })).status).toBe(403);
		const outside = await call('sales_manager', 'POST', `/customers/${c.id}/assign`, { owner: userId('division_head') });
		expect([outside.status, outside.errors?.[0]?.extensions?.field]).toEqual([403, 'owner']);
		const notSeller = await call('sales_manager', 'POST', `/customers/${c.id}/assign`, { owner: userId('finance') });
		expect([notSeller.status, errorCode(notSeller), notSeller.errors?.[0]?.extensions?.field]).toEqual([400, 'INVALID_PAYLOAD', 'owner']);
		expect((await call('sales_manager', 'POST', `/customers/${c.id}/assign`, {})).status).toBe(400);
		expect((await customer(c.id)).owner).toBeNull();

		const assigned = await ok<any>('sales_manager', 'POST', `/customers/${c.id}/assign`, { owner: REP2 });
		expect(assigned).toMatchObject({ owner: REP2, owner_since: day(stale + grace + 2), pooled_at: null });
		expect((await poolHistory(c.id)).map((h) => [h.from_value, h.to_value, h.user_created])).toEqual([
			[REP, null, null],
			[null, REP2, MANAGER],
		]);
		expect((await notesTo(REP2, c.id)).filter((n) => n.subject.includes('assigned to you'))).toHaveLength(1);
		const again = await call('sales_manager', 'POST', `/customers/${c.id}/assign`, { owner: MANAGER });
		expect([again.status, errorCode(again)]).toEqual([409, 'NOT_IN_POOL']);
		// The rep who lost it no longer reads it.
		expect((await call('sales_rep', 'GET', `/items/customers/${c.id}`)).status).toBe(403);
	});

	it('the customer page offers a pooled customer: 认领 to a seller, 分配 with the team to pick from to a manager', async () => {
		const c = await pooledCustomer();
		on(day(stale + grace + 3));
		const actions = (who: string) => ok<any[]>(who, 'GET', `/documents/customers/${c.id}/actions`);
		const byKey = (list: any[], key: string) => list.find((a) => a.key === key);
		const history = await poolHistory(c.id);

		const forRep = await actions('sales_rep_2');
		const claim = byKey(forRep, 'claim');
		expect(claim).toMatchObject({
			enabled: true,
			label: { zh: '认领', en: 'Claim' },
			route: { method: 'POST', path: `/customers/${c.id}/claim` },
		});
		expect(claim.confirm.zh).toContain(c.name);
		expect(byKey(forRep, 'assign')).toBeUndefined();

		const assign = byKey(await actions('sales_manager'), 'assign');
		expect(assign).toMatchObject({
			enabled: true,
			label: { zh: '分配', en: 'Assign' },
			route: { method: 'POST', path: `/customers/${c.id}/assign`, pick: 'owner' },
		});
		expect(assign.confirm.en).toContain(c.name);
		const choices = assign.choices.map((x: any) => x.value);
		expect(choices).toEqual(expect.arrayContaining([REP, REP2, MANAGER]));
		expect(choices).not.toContain(userId('division_head'));
		expect(choices).not.toContain(userId('finance'));
		expect(assign.choices.every((x: any) => x.text)).toBe(true);
		// Finding out changed nothing: still pooled, no history row, nobody told.
		expect((await customer(c.id)).owner).toBeNull();
		expect(await poolHistory(c.id)).toEqual(history);
		expect(await notesTo(REP2, c.id)).toEqual([]);

		// What the page sends on confirm: the route with the picked seller.
		const assigned = await ok<any>('sales_manager', assign.route.method, assign.route.path, { [assign.route.pick]: REP2 });
		expect(assigned.owner).toBe(REP2);
		// Owned again: its page offers no pool moves, and a page opened before gets the route's refusal, changing nothing.
		expect(byKey(await actions('sales_manager'), 'assign')).toBeUndefined();
		expect(byKey(await actions('sales_rep_2'), 'claim')).toBeUndefined();
		const late = await call('sales_rep', claim.route.method, claim.route.path);
		expect([late.status, errorCode(late)]).toEqual([409, 'NOT_IN_POOL']);
		expect((await customer(c.id)).owner).toBe(REP2);
	});
});
