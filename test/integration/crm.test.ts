// CRM rules end to end as the demo users: registration by first report (报备) with duplicate
// refusal, customer history, ownership transfer, visits → follow-up dates, work reports and their
// review (daily rows from the visits, weekly/monthly figures frozen at submit), contacts' last visit,
// complaint escalation after 24 h. Sales targets (derived from plans): sales-plans.test.ts.
import knex, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOCK_HEADER, todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { escalateOverdueComplaints } from '../../extensions/salesflow/src/documents/complaints';
import { staleCustomers } from '../../extensions/salesflow/src/documents/customers/stale';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents/index';
import { remindWorkReports } from '../../extensions/salesflow/src/documents/work-reports';
import type { DocContext } from '../../extensions/salesflow/src/engine/document-type';
import { SYSTEM_ACTOR } from '../../extensions/salesflow/src/platform/context';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { parseMoney } from '../../extensions/salesflow/src/domain/money';
import { confirmedOrder, receipt, stockedProduct } from './fixtures';
import { call, count, env, errorCode, eventually, ok, sendWithEveryRequest, userId } from './helpers';

const REP = userId('sales_rep');
const REP2 = userId('sales_rep_2');
const MANAGER = userId('sales_manager');
const HEAD = userId('division_head');

/** The company's date (Asia/Shanghai) `offset` days from today. */
const day = todayPlus;
const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
/** ASCII → full-width (ＡＢＣ), spaces → ideographic spaces. */
const fullWidth = (s: string) =>
	[...s].map((ch) => (ch === ' ' ? '\u3000' : ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
const contact = (n = '测试联系人') => ({ name: n, title: '采购经理', phone: '13900001111' });
const taxId = () => `91310000${tag()}`.slice(0, 18).padEnd(18, '7');

/**
 * The jobs and queries other code calls (scheduler, reports) run in this test process against the
 * same database Directus uses, so they are checked on SQLite and PostgreSQL alike.
 */
let database: Knex | undefined;
/** What the scheduler hands a job: Salesflow itself on the database, with the document types (moves by the system need no services). */
const jobContext = () => ({ db: db(), documents: DOCUMENTS, accountability: null, actor: SYSTEM_ACTOR }) as unknown as DocContext;
function db(): Knex {
	const e = env();
	database ??=
		e.DB_CLIENT === 'pg'
			? knex({
					client: 'pg',
					connection: { host: e.DB_HOST, port: Number(e.DB_PORT), user: e.DB_USER, password: e.DB_PASSWORD, database: e.DB_DATABASE },
					pool: { min: 0, max: 2 },
				})
			: knex({
					client: 'sqlite3',
					connection: { filename: e.DB_FILENAME! },
					useNullAsDefault: true,
					// Directus writes to the same file: wait for its lock rather than fail.
					pool: {
						min: 0,
						max: 1,
						afterCreate: (conn: any, done: any) => {
							conn.configure('busyTimeout', 15_000);
							done(null, conn);
						},
					},
				});
	return database;
}
afterAll(async () => {
	await database?.destroy();
});

async function register(user: string, fields: Record<string, unknown>) {
	return call(user, 'POST', '/items/customers?fields=*,contacts.*', { grade: 'C', status: 'lead', contacts: [contact()], ...fields });
}

/** A done visit as the rep records it. */
const doneVisit = (customer: number, on: string, body: Record<string, unknown> = {}) =>
	ok<any>('sales_rep', 'POST', '/items/visits', { customer, visited_on: on, state: 'done', purpose: '拜访', ...body });

/** An instant given as the company's wall time (Asia/Shanghai, UTC+8, no daylight saving). */
const shanghai = (day: string, time: string) => `${day}T${time}+08:00`;

/** Runs `work` with the requests happening at `instant` (the test clock, platform/clock.ts). */
async function at<T>(instant: string, work: () => Promise<T>): Promise<T> {
	sendWithEveryRequest(CLOCK_HEADER, instant);
	try {
		return await work();
	} finally {
		sendWithEveryRequest(CLOCK_HEADER, '');
	}
}

/** Moves a timestamp Directus or a confirmation stamped with the real time into the past (as knex writes a Date). */
async function backdate(table: string, id: number, column: string, instant: string): Promise<void> {
	await db()(table)
		.where({ id })
		.update({ [column]: new Date(instant) });
}

async function counts() {
	return { customers: await count('customers'), contacts: await count('contacts') };
}

async function history(user: string, customer: number, kind: string) {
	return ok<any[]>(user, 'GET', `/items/customer_history?filter[customer][_eq]=${customer}&filter[kind][_eq]=${kind}&sort=id`);
}

describe('customer registration (报备制度)', () => {
	it('registers with a contact; name_key computed, taxpayer ID normalised, owner the rep', async () => {
		const t = tag();
		const r = await register('sales_rep', { name: `  测试登记${t}有限公司 `, tax_id: `91 3100-00${t.toLowerCase()}`.slice(0, 24) });
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ name: `测试登记${t}有限公司`, owner: REP, status: 'lead' });
		expect(r.data.contacts).toHaveLength(1);
		const row = await ok<any>('admin', 'GET', `/items/customers/${r.data.id}?fields=name_key,tax_id`);
		expect(row.name_key).toBe(`测试登记${t.toLowerCase()}`);
		expect(row.tax_id).toMatch(/^[0-9A-Z]+$/);
	});

	it('refuses a customer without a contact, or with a contact lacking title or phone — and writes nothing', async () => {
		const before = await counts();
		const none = await call('sales_rep', 'POST', '/items/customers', { name: `无联系人${tag()}公司`, grade: 'C', status: 'lead' });
		expect(none.status).toBe(400);
		expect(errorCode(none)).toBe('INVALID_PAYLOAD');
		expect(none.errors![0]!.extensions.field).toBe('contacts');
		const empty = await register('sales_rep', { name: `无联系人${tag()}公司`, contacts: [] });
		expect(empty.status).toBe(400);
		const noTitle = await register('sales_rep', { name: `缺职务${tag()}公司`, contacts: [{ name: '张三', phone: '13900002222' }] });
		expect(noTitle.status).toBe(400);
		expect(noTitle.errors![0]!.extensions.field).toBe('contacts[0].title');
		const noPhone = await register('sales_rep', { name: `缺电话${tag()}公司`, contacts: [{ name: '张三', title: '经理', phone: ' ' }] });
		expect(noPhone.errors![0]!.extensions.field).toBe('contacts[0].phone');
		const badPhone = await register('sales_rep', {
			name: `错电话${tag()}公司`,
			contacts: [{ name: '张三', title: '经理', phone: 'call me' }],
		});
		expect(badPhone.status).toBe(400);
		const noName = await register('sales_rep', { name: '   ' });
		expect(noName.errors![0]!.extensions.field).toBe('name');
		// A customer starts as lead or prospect (the generic document rules answer for a null status).
		const noStatus = await register('sales_rep', { name: `无状态${tag()}公司`, status: null });
		expect([400, 409]).toContain(noStatus.status);
		const badGrade = await register('sales_rep', { name: `等级${tag()}公司`, grade: 'E' });
		expect(badGrade.errors![0]!.extensions.field).toBe('grade');
		expect(await counts()).toEqual(before);
	});

	it("refuses another rep's customer by taxpayer ID: says who owns it, leaks nothing else, changes nothing", async () => {
		const theirs = (
			await ok<any[]>(
				'admin',
				'GET',
				`/items/customers?filter[owner][_eq]=${REP}&filter[name][_eq]=上海华东精密机械有限公司&fields=id,code,tax_id,credit_limit,contacts.name,contacts.phone`,
			)
		)[0];
		expect(theirs).toBeTruthy();
		const before = await counts();
		const spaced = theirs.tax_id.toLowerCase().replace(/(.{6})/g, '$1 ');
		const r = await register('sales_rep_2', { name: '华东精密（上海）', tax_id: spaced });
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('DUPLICATE_CUSTOMER');
		const message = r.errors![0]!.message;
		expect(message).toContain('陈晨');
		expect(message).toContain('taxpayer ID');
		expect(message).toMatch(/on \d{4}-\d{2}-\d{2}/);
		const body = JSON.stringify(r.errors);
		for (const secret of [
			theirs.code,
			theirs.contacts[0].phone,
			theirs.contacts[0].name,
			theirs.tax_id,
			'500000',
			'上海华东精密机械有限公司',
		])
			expect(body).not.toContain(secret);
		expect(body).not.toMatch(new RegExp(`"(id|customer)":\\s*${theirs.id}\\b`));
		expect(await counts()).toEqual(before);
	});

	it('refuses a name variant: full-width letters, extra spaces, 有限公司 vs 公司', async () => {
		const t = tag();
		const first = await register('sales_rep', { name: `Salesflow ${t} Tech 有限公司` });
		expect(first.status).toBe(200);
		const before = await counts();
		const variant = `${fullWidth(`salesflow  ${t.toLowerCase()}   TECH`)}公司`;
		const r = await register('sales_rep_2', { name: variant });
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('DUPLICATE_CUSTOMER');
		expect(r.errors![0]!.message).toContain(`${variant} is already registered by 陈晨`);
		expect(r.errors![0]!.message).not.toContain(first.data.code);
		expect(r.errors![0]!.message).not.toContain('13900001111');
		// Chinese name: 上海华东精密机械有限公司 registered by the first rep.
		const cn = await register('sales_rep_2', { name: '上海　华东 精密机械  公司' });
		expect(errorCode(cn)).toBe('DUPLICATE_CUSTOMER');
		expect(cn.errors![0]!.message).toContain('陈晨');
		// The owner himself is told too.
		const mine = await register('sales_rep', { name: `salesflow ${t} tech co., ltd.` });
		expect(errorCode(mine)).toBe('DUPLICATE_CUSTOMER');
		expect(mine.errors![0]!.message).toContain('by you');
		expect(await counts()).toEqual(before);
	});

	it('refuses renaming a customer into another one, and a taxpayer ID already taken', async () => {
		const mine = await register('sales_rep_2', { name: `改名测试${tag()}有限公司` });
		const before = await counts();
		const rename = await call('sales_rep_2', 'PATCH', `/items/customers/${mine.data.id}`, { name: '上海华东精密机械' });
		expect(rename.status).toBe(409);
		expect(errorCode(rename)).toBe('DUPLICATE_CUSTOMER');
		const theirs = (await ok<any[]>('admin', 'GET', `/items/customers?filter[owner][_eq]=${REP}&limit=1&fields=tax_id`))[0];
		const tax = await call('sales_rep_2', 'PATCH', `/items/customers/${mine.data.id}`, { tax_id: theirs.tax_id });
		expect(errorCode(tax)).toBe('DUPLICATE_CUSTOMER');
		// Refused together with a status move: the status does not move either.
		const both = await call('sales_rep_2', 'PATCH', `/items/customers/${mine.data.id}`, { status: 'prospect', tax_id: theirs.tax_id });
		expect(errorCode(both)).toBe('DUPLICATE_CUSTOMER');
		const after = await ok<any>('admin', 'GET', `/items/customers/${mine.data.id}`);
		expect(after).toMatchObject({ name: mine.data.name, tax_id: null, status: 'lead' });
		expect(await count('customer_history', { customer: { _eq: mine.data.id } })).toBe(0);
		expect(await counts()).toEqual(before);
		// Renaming to a genuinely new name is fine.
		expect((await call('sales_rep_2', 'PATCH', `/items/customers/${mine.data.id}`, { name: `改名成功${tag()}公司` })).status).toBe(200);
	});

	it('two parallel registrations of the same new customer: exactly one is created', async () => {
		const t = tag();
		const tax = taxId();
		const before = await counts();
		const results = await Promise.all([
			register('sales_rep', { name: `并发登记${t}有限公司`, tax_id: tax }),
			register('sales_rep_2', { name: `并发登记${t}公司`, tax_id: tax }),
			register('sales_rep_2', { name: `并发 登记${t}`, contacts: [contact('李四')] }),
		]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
		for (const r of results.filter((x) => x.status !== 200)) expect(errorCode(r)).toBe('DUPLICATE_CUSTOMER');
		expect(await count('customers', { name_key: { _eq: `并发登记${t.toLowerCase()}` } })).toBe(1);
		expect(await counts()).toEqual({ customers: before.customers + 1, contacts: before.contacts + 1 });
	});

	it('a customer keeps at least one contact', async () => {
		const c = await register('sales_rep', { name: `联系人保留${tag()}公司` });
		const only = c.data.contacts[0].id;
		const del = await call('sales_rep', 'DELETE', `/items/contacts/${only}`);
		expect(del.status).toBe(409);
		expect(errorCode(del)).toBe('CONTACT_REQUIRED');
		expect(await count('contacts', { customer: { _eq: c.data.id } })).toBe(1);
		const added = await ok<any>('sales_rep', 'POST', '/items/contacts', {
			customer: c.data.id,
			name: '王五',
			title: '总工',
			phone: '021-68880000',
		});
		expect((await call('sales_rep', 'DELETE', `/items/contacts/${only}`)).status).toBe(204);
		expect((await call('sales_rep', 'PATCH', `/items/contacts/${added.id}`, { phone: '' })).status).toBe(400);
	});
});

describe('customer history and ownership', () => {
	it('grade and status changes are recorded with who, from and to, and the rep reads them', async () => {
		const c = await register('sales_rep', { name: `等级变更${tag()}公司`, grade: 'C' });
		await ok('sales_rep', 'PATCH', `/items/customers/${c.data.id}`, { grade: 'A' });
		await ok('sales_rep', 'PATCH', `/items/customers/${c.data.id}`, { grade: 'A', intent: 'high' }); // no change of grade: nothing recorded
		await ok('sales_rep', 'PATCH', `/items/customers/${c.data.id}`, { status: 'prospect', grade: 'B' });
		const grades = await eventually(
			() => history('sales_rep', c.data.id, 'grade'),
			(h) => h.length >= 2,
		);
		expect(grades.map((h) => [h.from_value, h.to_value, h.user_created])).toEqual([
			['C', 'A', REP],
			['A', 'B', REP],
		]);
		expect(grades[0].date_created).toBeTruthy();
		const statuses = await history('sales_rep', c.data.id, 'status');
		expect(statuses.map((h) => [h.from_value, h.to_value, h.user_created])).toEqual([['lead', 'prospect', REP]]);
		// Another rep sees none of it.
		expect(await ok<any[]>('sales_rep_2', 'GET', `/items/customer_history?filter[customer][_eq]=${c.data.id}`)).toEqual([]);
		// Nobody writes history by hand.
		expect(
			(await call('sales_rep', 'POST', '/items/customer_history', { customer: c.data.id, kind: 'grade', from_value: 'D', to_value: 'A' }))
				.status,
		).toBe(403);
	});

	it('a rep cannot transfer a customer; the sales manager can, and the transfer is recorded', async () => {
		const c = await register('sales_rep', { name: `转移测试${tag()}公司` });
		const refused = await call('sales_rep', 'PATCH', `/items/customers/${c.data.id}`, { owner: REP2 });
		expect(refused.status).toBe(403);
		expect((await ok<any>('admin', 'GET', `/items/customers/${c.data.id}`)).owner).toBe(REP);
		expect(await count('customer_history', { customer: { _eq: c.data.id }, kind: { _eq: 'owner' } })).toBe(0);
		const badOwner = await call('sales_manager', 'PATCH', `/items/customers/${c.data.id}`, { owner: userId('warehouse') });
		expect(badOwner.status).toBe(400);
		expect(badOwner.errors![0]!.extensions.field).toBe('owner');
		// A manager may register for a rep, not for someone who does not sell.
		expect((await register('sales_manager', { name: `代报备${tag()}公司`, owner: REP })).data.owner).toBe(REP);
		expect((await register('sales_manager', { name: `代报备${tag()}公司`, owner: userId('finance') })).status).toBe(400);

		const notesBefore = await count('directus_notifications', {
			recipient: { _eq: REP2 },
			collection: { _eq: 'customers' },
			item: { _eq: String(c.data.id) },
		});
		await ok('sales_manager', 'PATCH', `/items/customers/${c.data.id}`, { owner: REP2 });
		const owners = await eventually(
			() => history('admin', c.data.id, 'owner'),
			(h) => h.length > 0,
		);
		expect(owners.map((h) => [h.from_value, h.to_value, h.user_created])).toEqual([[REP, REP2, MANAGER]]);
		expect(
			(await ok<any[]>('sales_rep_2', 'GET', `/items/customer_history?filter[customer][_eq]=${c.data.id}&filter[kind][_eq]=owner`)).length,
		).toBe(1);
		expect((await call('sales_rep', 'GET', `/items/customers/${c.data.id}`)).status).toBe(403);
		expect((await ok<any>('sales_rep_2', 'GET', `/items/customers/${c.data.id}`)).owner).toBe(REP2);
		expect(
			await count('directus_notifications', {
				recipient: { _eq: REP2 },
				collection: { _eq: 'customers' },
				item: { _eq: String(c.data.id) },
			}),
		).toBe(notesBefore + 1);
	});
});

describe('visits (拜访记录)', () => {
	it('a done visit sets last contacted and next follow-up; a planned one brings the follow-up forward', async () => {
		const c = await register('sales_rep', { name: `拜访测试${tag()}公司` });
		await ok('sales_rep', 'POST', '/items/visits', {
			customer: c.data.id,
			visited_on: day(-2),
			state: 'done',
			purpose: '技术交流',
			content: '介绍方案',
			result: '有意向',
			problems: '预算未定',
			next_step: '报价',
			next_date: day(10),
		});
		let row = await eventually(
			() => ok<any>('sales_rep', 'GET', `/items/customers/${c.data.id}`),
			(r) => r.last_contacted_on !== null,
		);
		expect(row).toMatchObject({ last_contacted_on: day(-2), next_follow_up_on: day(10) });

		const planned = await ok<any>('sales_rep', 'POST', '/items/visits', {
			customer: c.data.id,
			visited_on: day(3),
			state: 'planned',
			purpose: '送样',
		});
		expect(planned.owner).toBe(REP);
		row = await eventually(
			() => ok<any>('sales_rep', 'GET', `/items/customers/${c.data.id}`),
			(r) => r.next_follow_up_on === day(3),
		);
		expect(row.next_follow_up_on).toBe(day(3));

		// The planned visit happened (today), with a new next date.
		await ok('sales_rep', 'PATCH', `/items/visits/${planned.id}`, { state: 'done', visited_on: day(0), next_date: day(14) });
		row = await eventually(
			() => ok<any>('sales_rep', 'GET', `/items/customers/${c.data.id}`),
			(r) => r.last_contacted_on === day(0),
		);
		expect(row).toMatchObject({ last_contacted_on: day(0), next_follow_up_on: day(14) });
	});

	it("a customer's contacts show their last visit: the latest done visit that met each, kept as visits change", async () => {
		const c = await register('sales_rep', { name: `联系人拜访${tag()}公司`, contacts: [contact('甲经理'), contact('乙经理')] });
		const [a, b] = c.data.contacts.map((x: any) => x.id);
		const contactsOf = () =>
			ok<any>('sales_rep', 'GET', `/items/customers/${c.data.id}?fields=contacts.id,contacts.last_visited_on`).then((r) =>
				Object.fromEntries(r.contacts.map((x: any) => [x.id, x.last_visited_on])),
			);
		await doneVisit(c.data.id, day(-9), { contact: a, location: '客户办公室' });
		const later = await doneVisit(c.data.id, day(-3), { contact: a });
		await doneVisit(c.data.id, day(-6), { contact: a });
		const planned = await ok<any>('sales_rep', 'POST', '/items/visits', {
			customer: c.data.id,
			contact: b,
			visited_on: day(4),
			state: 'planned',
			purpose: '拜访',
		});
		expect(await eventually(contactsOf, (r) => r[a] === day(-3))).toEqual({ [a]: day(-3), [b]: null });
		// The latest visit moves to the other contact: both are recomputed.
		await ok('sales_rep', 'PATCH', `/items/visits/${later.id}`, { contact: b });
		expect(await eventually(contactsOf, (r) => r[b] === day(-3))).toEqual({ [a]: day(-6), [b]: day(-3) });
		// It names nobody any more (a done visit is a record and stays; only a draft can be deleted).
		await ok('sales_rep', 'PATCH', `/items/visits/${later.id}`, { contact: null });
		expect(await eventually(contactsOf, (r) => r[b] === null)).toEqual({ [a]: day(-6), [b]: null });
		await ok('admin', 'DELETE', `/items/visits/${planned.id}`);
		expect(await contactsOf()).toEqual({ [a]: day(-6), [b]: null });
		// Computed: nobody writes it by hand.
		expect((await call('sales_rep', 'PATCH', `/items/contacts/${a}`, { last_visited_on: day(0) })).status).toBe(403);
	});

	it('refuses a visit whose contact belongs to another customer: 400 naming contact, nothing written', async () => {
		const c = await register('sales_rep', { name: `联系人校验${tag()}公司` });
		const other = await register('sales_rep', { name: `联系人校验乙${tag()}公司` });
		const foreignContact = other.data.contacts[0].id;
		const before = await count('visits');
		const bad = await call('sales_rep', 'POST', '/items/visits', {
			customer: c.data.id,
			contact: foreignContact,
			visited_on: day(-1),
			purpose: 'x',
		});
		expect([bad.status, bad.errors?.[0]?.extensions?.field]).toEqual([400, 'contact']);
		expect(await count('visits')).toBe(before);
		const v = await doneVisit(c.data.id, day(-1), { contact: c.data.contacts[0].id });
		const moved = await call('sales_rep', 'PATCH', `/items/visits/${v.id}`, { contact: foreignContact });
		expect([moved.status, moved.errors?.[0]?.extensions?.field]).toEqual([400, 'contact']);
		expect((await ok<any>('sales_rep', 'GET', `/items/visits/${v.id}`)).contact).toBe(c.data.contacts[0].id);
	});

	it("refuses a visit to another rep's customer, a done visit in the future, a next date before the visit, and writing the follow-up dates by hand", async () => {
		const c = await register('sales_rep', { name: `拜访拒绝${tag()}公司` });
		const before = await count('visits');
		const foreign = await call('sales_rep_2', 'POST', '/items/visits', { customer: c.data.id, visited_on: day(-1), purpose: 'x' });
		expect(foreign.status).toBe(400); // the same answer as for a customer that does not exist
		const future = await call('sales_rep', 'POST', '/items/visits', { customer: c.data.id, visited_on: day(5), state: 'done' });
		expect(future.status).toBe(400);
		expect(future.errors![0]!.extensions.field).toBe('visited_on');
		const backwards = await call('sales_rep', 'POST', '/items/visits', { customer: c.data.id, visited_on: day(-1), next_date: day(-3) });
		expect(backwards.errors![0]!.extensions.field).toBe('next_date');
		expect(await count('visits')).toBe(before);
		const byHand = await call('sales_rep', 'PATCH', `/items/customers/${c.data.id}`, { last_contacted_on: day(0) });
		expect(byHand.status).toBe(403);
	});
});

describe('stale customers (跟进提醒)', () => {
	it('lists customers not contacted for N days, most neglected first, never-contacted counted from registration', async () => {
		const old = await register('sales_rep', { name: `久未联系${tag()}公司` });
		const recent = await register('sales_rep', { name: `最近联系${tag()}公司` });
		const fresh = await register('sales_rep', { name: `新登记${tag()}公司` });
		await ok('sales_rep', 'POST', '/items/visits', { customer: old.data.id, visited_on: day(-40), state: 'done', purpose: '回访' });
		await ok('sales_rep', 'POST', '/items/visits', { customer: recent.data.id, visited_on: day(-5), state: 'done', purpose: '回访' });
		await eventually(
			() => ok<any>('admin', 'GET', `/items/customers/${recent.data.id}`),
			(r) => r.last_contacted_on === day(-5),
		);
		await eventually(
			() => ok<any>('admin', 'GET', `/items/customers/${old.data.id}`),
			(r) => r.last_contacted_on === day(-40),
		);

		const stale = await staleCustomers(db(), day(0), 30, { owners: [REP] });
		const ids = stale.map((c) => c.id);
		expect(ids).toContain(old.data.id);
		expect(ids).not.toContain(recent.data.id);
		expect(ids).not.toContain(fresh.data.id);
		expect(stale.find((c) => c.id === old.data.id)).toMatchObject({ last_contacted_on: day(-40), days_without_contact: 40, owner: REP });
		expect(stale.map((c) => c.days_without_contact)).toEqual([...stale.map((c) => c.days_without_contact)].sort((a, b) => b - a));
		expect((await staleCustomers(db(), day(0), 3, { owners: [REP] })).map((c) => c.id)).toContain(recent.data.id);
		expect(await staleCustomers(db(), day(0), 30, { owners: [REP2] })).not.toContainEqual(expect.objectContaining({ id: old.data.id }));
		// An inactive customer is not followed up.
		await ok('sales_rep', 'PATCH', `/items/customers/${old.data.id}`, { status: 'inactive' });
		expect((await staleCustomers(db(), day(0), 30, { owners: [REP] })).map((c) => c.id)).not.toContain(old.data.id);
	});
});

describe('work reports (日报/周报/月报)', () => {
	// Periods in 2024: the demo data writes reports for the current weeks only.
	it('due dates follow the kind: daily same day, weekly Friday, monthly last day', async () => {
		const daily = await ok<any>('sales_rep', 'POST', '/items/work_reports', {
			kind: 'daily',
			period_start: '2024-11-25',
			summary: '拜访2家客户',
		});
		expect(daily).toMatchObject({ period_start: '2024-11-25', due_on: '2024-11-25', status: 'draft', owner: REP });
		expect(daily.number).toMatch(/^WR-/);
		const weekly = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'weekly', period_start: '2024-11-27' });
		expect(weekly).toMatchObject({ period_start: '2024-11-25', due_on: '2024-11-29' });
		const monthly = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'monthly', period_start: '2024-02-10' });
		expect(monthly).toMatchObject({ period_start: '2024-02-01', due_on: '2024-02-29' });
		// Changing the period of a draft moves its deadline.
		const moved = await ok<any>('sales_rep', 'PATCH', `/items/work_reports/${daily.id}`, { period_start: '2024-11-26' });
		expect(moved.due_on).toBe('2024-11-26');

		const before = await count('work_reports');
		const dup = await call('sales_rep', 'POST', '/items/work_reports', { kind: 'weekly', period_start: '2024-12-01' });
		expect(dup.status).toBe(409);
		expect(errorCode(dup)).toBe('DUPLICATE_REPORT');
		expect(dup.errors![0]!.message).toContain(weekly.number);
		expect((await call('sales_rep', 'POST', '/items/work_reports', { kind: 'yearly', period_start: '2024-11-27' })).status).toBe(400);
		expect((await call('sales_rep', 'POST', '/items/work_reports', { kind: 'daily', period_start: '2024-02-30' })).status).toBe(400);
		expect(
			(await call('sales_rep', 'POST', '/items/work_reports', { kind: 'daily', period_start: '2024-11-20', due_on: '2024-12-31' })).status,
		).toBe(403);
		expect(await count('work_reports')).toBe(before);
		// Another rep has his own reports for the same week.
		expect((await call('sales_rep_2', 'POST', '/items/work_reports', { kind: 'weekly', period_start: '2024-11-26' })).status).toBe(200);
	});

	it("a weekly report's figures count its Monday–Sunday in the company time zone, frozen at submit", async () => {
		// A past week of its own (reruns against one database pick another); instants at the edges are
		// on the other side of the week in UTC, so a UTC day would count them wrongly.
		const monday = addDays('2019-01-07', 7 * Math.floor(Math.random() * 300));
		const [sunday, next, before] = [addDays(monday, 6), addDays(monday, 7), addDays(monday, -1)];
		const [a, b, c] = [
			await register('sales_rep', { name: `周报甲${tag()}公司` }),
			await register('sales_rep', { name: `周报乙${tag()}公司` }),
			await register('sales_rep', { name: `周报丙${tag()}公司` }),
		].map((r) => r.data);
		await backdate('customers', a.id, 'date_created', shanghai(monday, '00:00:30'));
		await backdate('customers', b.id, 'date_created', shanghai(before, '23:59:30'));
		await backdate('customers', c.id, 'date_created', shanghai(next, '07:00:00'));
		await doneVisit(a.id, monday);
		await doneVisit(a.id, addDays(monday, 2));
		await doneVisit(b.id, sunday);
		await doneVisit(c.id, next);
		await doneVisit(c.id, before);
		await receipt(a, '1000.10', { received_on: monday });
		await receipt(b, '234.56', { received_on: sunday });
		await receipt(b, '99.00', { received_on: before });
		await receipt(a, '50.00', { received_on: next });
		await receipt(a, '7.00', { received_on: monday, confirm: false });
		await at(shanghai(monday, '00:00:30'), () => ok('sales_rep', 'PATCH', `/items/customers/${a.id}`, { grade: 'B' }));
		await at(shanghai(sunday, '23:59:30'), () => ok('sales_rep', 'PATCH', `/items/customers/${b.id}`, { grade: 'A' }));
		await at(shanghai(before, '23:59:30'), () => ok('sales_rep', 'PATCH', `/items/customers/${c.id}`, { grade: 'D' }));
		await at(shanghai(next, '07:00:00'), () => ok('sales_rep', 'PATCH', `/items/customers/${c.id}`, { grade: 'B' }));
		const opportunity = async (customer: number, when: string, stage: string) => {
			const o = await ok<any>('sales_rep', 'POST', '/items/opportunities', { customer, name: `周报商机${tag()}`, amount: '1000.00' });
			await at(when, () => ok('sales_rep', 'PATCH', `/items/opportunities/${o.id}`, { stage }));
		};
		await opportunity(a.id, shanghai(monday, '00:00:30'), 'proposal');
		await opportunity(b.id, shanghai(next, '07:00:00'), 'proposal');
		const { product } = await stockedProduct(10);
		const inWeek = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.05' }], { customer: a.id });
		const after = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], { customer: a.id });
		await backdate('sales_orders', inWeek.id, 'confirmed_at', shanghai(sunday, '23:59:30'));
		await backdate('sales_orders', after.id, 'confirmed_at', shanghai(next, '07:00:00'));

		const r = await ok<any>('sales_rep', 'POST', '/items/work_reports', {
			kind: 'weekly',
			period_start: addDays(monday, 3),
			summary: '本周总结',
		});
		expect(r).toMatchObject({ fig_customers_touched: null, figures_at: null });
		const submitted = await ok<any>('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { status: 'submitted' });
		const figures = (x: any) => ({
			touched: x.fig_customers_touched,
			created: x.fig_new_customers,
			grades: x.fig_grade_changes,
			advanced: x.fig_opportunities_advanced,
			orders: x.fig_orders,
			// Exact money, whichever shape the driver hands back (a number on SQLite, text on PostgreSQL).
			orderFen: parseMoney(x.fig_order_amount),
			receiptFen: parseMoney(x.fig_receipts),
		});
		const expected = {
			touched: 2,
			created: 1,
			grades: 2,
			advanced: 1,
			orders: 1,
			orderFen: 20010n,
			receiptFen: 123466n,
		};
		expect(figures(submitted)).toEqual(expected);
		expect(submitted.fig_grade_change_list.split('\n')).toEqual([`${a.code} ${a.name}: C → B`, `${b.code} ${b.name}: C → A`]);
		expect(submitted.figures_at).toBeTruthy();

		// Frozen: later data of the week does not change them, and nobody writes them by hand.
		await doneVisit(c.id, addDays(monday, 4));
		await receipt(c, '1.00', { received_on: addDays(monday, 4) });
		await at(shanghai(addDays(monday, 4), '12:00:00'), () => ok('sales_rep', 'PATCH', `/items/customers/${c.id}`, { grade: 'A' }));
		expect(figures(await ok<any>('sales_manager', 'GET', `/items/work_reports/${r.id}`))).toEqual(expected);
		expect((await call('sales_manager', 'PATCH', `/items/work_reports/${r.id}`, { fig_receipts: '1.00' })).status).toBe(403);
		expect(figures(await ok<any>('admin', 'GET', `/items/work_reports/${r.id}`))).toEqual(expected);
	});

	it("a monthly report's figures count its calendar month in the company time zone; a daily one has none", async () => {
		const month = `${2012 + Math.floor(Math.random() * 6)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
		const first = `${month}-01`;
		const nextFirst = `${addDays(first, 32).slice(0, 8)}01`;
		const last = addDays(nextFirst, -1);
		const [a, b] = [
			await register('sales_rep', { name: `月报甲${tag()}公司` }),
			await register('sales_rep', { name: `月报乙${tag()}公司` }),
		].map((r) => r.data);
		await doneVisit(a.id, first);
		await doneVisit(b.id, last);
		await doneVisit(b.id, addDays(first, -1));
		await doneVisit(a.id, nextFirst);
		await receipt(a, '0.10', { received_on: first });
		await receipt(a, '0.20', { received_on: last });
		await receipt(b, '5.00', { received_on: nextFirst });
		await at(shanghai(first, '00:00:30'), () => ok('sales_rep', 'PATCH', `/items/customers/${a.id}`, { grade: 'A' }));
		await at(shanghai(nextFirst, '07:00:00'), () => ok('sales_rep', 'PATCH', `/items/customers/${b.id}`, { grade: 'A' }));
		const r = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'monthly', period_start: last, summary: '本月总结' });
		const submitted = await ok<any>('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { status: 'submitted' });
		expect({
			touched: submitted.fig_customers_touched,
			grades: submitted.fig_grade_changes,
			receipts: parseMoney(submitted.fig_receipts),
			orders: submitted.fig_orders,
		}).toEqual({ touched: 2, grades: 1, receipts: 30n, orders: 0 });

		const daily = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'daily', period_start: nextFirst, summary: '今日' });
		expect((await ok<any>('sales_rep', 'PATCH', `/items/work_reports/${daily.id}`, { status: 'submitted' })).figures_at).toBeNull();
	});

	it('a daily report lists each customer visited that day from the visits; rows editable while draft, fixed once submitted', async () => {
		const on = addDays('2018-01-01', Math.floor(Math.random() * 300));
		const a = (await register('sales_rep', { name: `日报甲${tag()}公司`, grade: 'B', contacts: [contact('甲经理'), contact('乙经理')] }))
			.data;
		const b = (await register('sales_rep', { name: `日报乙${tag()}公司`, grade: 'A' })).data;
		const [x, y] = a.contacts.map((k: any) => k.id);
		await doneVisit(a.id, on, { contact: x, result: '有意向' });
		await doneVisit(b.id, on, { content: '介绍方案' });
		await doneVisit(a.id, on, { contact: y, purpose: '送样' });
		await doneVisit(b.id, addDays(on, 1));
		const rows = (id: number) =>
			ok<any[]>(
				'sales_rep',
				'GET',
				`/items/work_report_lines?filter[report][_eq]=${id}&sort=id&fields=id,customer,contact,phone,visit_time,grade,memo`,
			);
		const r = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'daily', period_start: on });
		const filled = await rows(r.id);
		expect(filled.map(({ id, visit_time, ...row }) => row)).toEqual([
			{ customer: a.id, contact: y, phone: '13900001111', grade: 'B', memo: '有意向；送样' },
			{ customer: b.id, contact: null, phone: null, grade: 'A', memo: '介绍方案' },
		]);
		expect(filled[0].visit_time).toMatch(/^\d{2}:\d{2}$/);

		// Editable while draft: a memo changed, a row removed; add_visits brings back only what is missing.
		await ok('sales_rep', 'PATCH', `/items/work_report_lines/${filled[0].id}`, { memo: '已报价', visit_time: '09:30' });
		await ok('sales_rep', 'DELETE', `/items/work_report_lines/${filled[1].id}`);
		const c = (await register('sales_rep', { name: `日报丙${tag()}公司` })).data;
		await doneVisit(c.id, on);
		await ok('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { add_visits: true });
		expect((await rows(r.id)).map((row) => [row.customer, row.memo])).toEqual([
			[a.id, '已报价'],
			[b.id, '介绍方案'],
			[c.id, '拜访'],
		]);
		expect((await rows(r.id))[0].visit_time).toBe('09:30');
		expect((await ok<any>('sales_rep', 'GET', `/items/work_reports/${r.id}`)).add_visits).toBe(false);

		// Bad rows: a contact of another customer, a time that is no time; nothing changes.
		const [first] = await rows(r.id);
		const foreign = await call('sales_rep', 'PATCH', `/items/work_report_lines/${first.id}`, {
			contact: b.contacts[0].id,
		});
		expect([foreign.status, foreign.errors?.[0]?.extensions?.field]).toEqual([400, 'contact']);
		const badTime = await call('sales_rep', 'POST', '/items/work_report_lines', { report: r.id, customer: b.id, visit_time: '25:00' });
		expect([badTime.status, badTime.errors?.[0]?.extensions?.field]).toEqual([400, 'visit_time']);
		expect((await rows(r.id)).length).toBe(3);
		// Not on a weekly report; another rep does not see the rows.
		const weekly = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'weekly', period_start: on });
		const wrongKind = await call('sales_rep', 'PATCH', `/items/work_reports/${weekly.id}`, { add_visits: true });
		expect([wrongKind.status, wrongKind.errors?.[0]?.extensions?.field]).toEqual([400, 'add_visits']);
		expect(await ok<any[]>('sales_rep_2', 'GET', `/items/work_report_lines?filter[report][_eq]=${r.id}`)).toEqual([]);

		// Submitted: the rows are fixed.
		await ok('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { status: 'submitted', summary: '拜访3家客户' });
		const locked = await call('sales_rep', 'PATCH', `/items/work_report_lines/${first.id}`, { memo: '改' });
		expect(locked.status).toBe(409);
		expect((await call('sales_rep', 'DELETE', `/items/work_report_lines/${first.id}`)).status).toBe(409);
		expect((await call('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { add_visits: true })).status).toBe(409);
		expect((await rows(r.id)).map((row) => row.memo)).toEqual(['已报价', '介绍方案', '拜访']);
	});

	it('submitted to the manager, who reviews it with a comment; the rep cannot review or comment', async () => {
		const r = await ok<any>('sales_rep', 'POST', '/items/work_reports', { kind: 'daily', period_start: '2024-10-14' });
		const empty = await call('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { status: 'submitted' });
		expect(empty.status).toBe(400);
		expect(empty.errors![0]!.extensions.field).toBe('summary');
		// A refused field refuses the whole PATCH, status move included.
		const selfReview = await call('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, {
			status: 'submitted',
			summary: '总结',
			review_comment: '自评',
		});
		expect(selfReview.status).toBe(403);
		expect((await ok<any>('admin', 'GET', `/items/work_reports/${r.id}`)).status).toBe('draft');
		const managerNotes = await count('directus_notifications', {
			recipient: { _eq: MANAGER },
			collection: { _eq: 'work_reports' },
			item: { _eq: String(r.id) },
		});
		const submitted = await ok<any>('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, {
			status: 'submitted',
			summary: '拜访上海华东，确认需求',
			plan: '明天报价',
			customers_touched: '上海华东精密机械',
			sales_volume: '12000.00',
		});
		expect(submitted.status).toBe('submitted');
		expect(
			await count('directus_notifications', {
				recipient: { _eq: MANAGER },
				collection: { _eq: 'work_reports' },
				item: { _eq: String(r.id) },
			}),
		).toBe(managerNotes + 1);

		expect((await call('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { summary: '改' })).status).toBe(409); // locked once submitted
		expect((await call('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { review_comment: '自评很好' })).status).toBe(403);
		expect((await call('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { status: 'reviewed' })).status).toBe(403);
		expect((await ok<any>('admin', 'GET', `/items/work_reports/${r.id}`)).status).toBe('submitted');

		const reviewed = await ok<any>('sales_manager', 'PATCH', `/items/work_reports/${r.id}`, {
			status: 'reviewed',
			review_comment: '跟进及时，报价注意底价',
		});
		expect(reviewed).toMatchObject({ status: 'reviewed', review_comment: '跟进及时，报价注意底价' });
		expect(
			await count('directus_notifications', { recipient: { _eq: REP }, collection: { _eq: 'work_reports' }, item: { _eq: String(r.id) } }),
		).toBe(1);
	});
	it('reminders: reps without a submitted report at the deadline are notified once', async () => {
		// Friday 2024-06-14, 16:00 in Shanghai: the weekly report of 10–14 June is due today.
		const now = new Date('2024-06-14T08:00:00Z');
		const subject = '周报待提交 / Weekly report due 2024-06-14';
		const r = await ok<any>('sales_rep', 'POST', '/items/work_reports', {
			kind: 'weekly',
			period_start: '2024-06-12',
			summary: '本周拜访5家',
			plan: '下周报价',
		});
		expect(r.due_on).toBe('2024-06-14');
		await ok('sales_rep', 'PATCH', `/items/work_reports/${r.id}`, { status: 'submitted' });
		const sent = (who: string) => count('directus_notifications', { recipient: { _eq: who }, subject: { _eq: subject } });

		expect(await remindWorkReports(db(), now)).toBeGreaterThan(0);
		expect(await sent(REP2)).toBe(1);
		expect(await sent(REP)).toBe(0); // handed in
		expect(await sent(MANAGER)).toBe(0); // reps only
		expect(await remindWorkReports(db(), now)).toBe(0); // idempotent
		expect(await remindWorkReports(db(), new Date('2024-06-14T09:00:00Z'))).toBe(0);
		expect(await sent(REP2)).toBe(1);
		// Before 15:00 nobody is reminded of the weekly report.
		expect(await count('directus_notifications', { subject: { _eq: '周报待提交 / Weekly report due 2024-06-07' } })).toBe(0);
		await remindWorkReports(db(), new Date('2024-06-07T06:00:00Z'));
		expect(await count('directus_notifications', { subject: { _eq: '周报待提交 / Weekly report due 2024-06-07' } })).toBe(0);
	});
});

describe('complaints (客户投诉)', () => {
	it('received_at defaults to now; the first response is stamped; resolving needs a resolution', async () => {
		const c = (await ok<any[]>('sales_rep', 'GET', '/items/customers?sort=id&limit=1'))[0];
		const t0 = Date.now();
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', { customer: c.id, description: '交货延迟两天' });
		expect(k).toMatchObject({ status: 'open', owner: REP, escalated_at: null, responded_at: null });
		expect(Math.abs(Date.parse(k.received_at) - t0)).toBeLessThan(120_000);
		const early = await call('sales_rep', 'PATCH', `/items/complaints/${k.id}`, {
			status: 'responded',
			responded_at: new Date(t0 - 86_400_000).toISOString(),
		});
		expect(early.status).toBe(400);
		expect(early.errors![0]!.extensions.field).toBe('responded_at');
		expect((await ok<any>('admin', 'GET', `/items/complaints/${k.id}`)).status).toBe('open');
		const responded = await ok<any>('sales_rep', 'PATCH', `/items/complaints/${k.id}`, { status: 'responded' });
		expect(responded.status).toBe('responded');
		expect(responded.responded_at).toBeTruthy();
		const noResolution = await call('sales_rep', 'PATCH', `/items/complaints/${k.id}`, { status: 'resolved' });
		expect(noResolution.status).toBe(400);
		expect(noResolution.errors![0]!.extensions.field).toBe('resolution');
		expect(
			(await ok<any>('sales_rep', 'PATCH', `/items/complaints/${k.id}`, { status: 'resolved', resolution: '补发并致歉' })).status,
		).toBe('resolved');

		const before = await count('complaints');
		expect(
			(
				await call('sales_rep', 'POST', '/items/complaints', {
					customer: c.id,
					description: '未来',
					received_at: new Date(Date.now() + 86_400_000).toISOString(),
				})
			).status,
		).toBe(400);
		expect((await call('sales_rep_2', 'POST', '/items/complaints', { customer: c.id, description: '别人的客户' })).status).toBe(400);
		expect(
			(
				await call('sales_rep', 'POST', '/items/complaints', {
					customer: c.id,
					description: '自行升级',
					escalated_at: new Date().toISOString(),
				})
			).status,
		).toBe(403);
		expect(await count('complaints')).toBe(before);
		// Nobody escalates by hand.
		const open = await ok<any>('sales_rep', 'POST', '/items/complaints', { customer: c.id, description: '包装破损' });
		expect((await call('sales_rep', 'PATCH', `/items/complaints/${open.id}`, { status: 'escalated' })).status).toBe(409);
	});

	it('no first response within 24 h: escalated, with notifications to the manager and the division head', async () => {
		const c = (await ok<any[]>('sales_rep', 'GET', '/items/customers?sort=id&limit=1'))[0];
		const note = (recipient: string, item: number) =>
			count('directus_notifications', {
				recipient: { _eq: recipient },
				collection: { _eq: 'complaints' },
				item: { _eq: String(item) },
				// The escalation's notices (a new complaint's own notice is notifications.test.ts').
				subject: { _contains: 'escalated' },
			});
		const old = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: c.id,
			description: '设备异响，多次联系无人回复',
			received_at: new Date(Date.now() - 25 * 3_600_000).toISOString(),
		});
		const fresh = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: c.id,
			description: '说明书缺页',
			received_at: new Date(Date.now() - 23 * 3_600_000).toISOString(),
		});
		const escalated = await eventually(
			() => ok<any>('admin', 'GET', `/items/complaints/${old.id}`),
			(r) => r.status === 'escalated',
		);
		expect(escalated.status).toBe('escalated');
		expect(Date.parse(escalated.escalated_at)).toBeGreaterThan(Date.now() - 120_000);
		expect(
			await eventually(
				() => note(MANAGER, old.id),
				(n) => n > 0,
			),
		).toBe(1);
		expect(await note(HEAD, old.id)).toBe(1);
		expect(await note(REP, old.id)).toBe(1);
		// Within 24 h: untouched.
		expect((await ok<any>('admin', 'GET', `/items/complaints/${fresh.id}`)).status).toBe('open');
		expect(await note(MANAGER, fresh.id)).toBe(0);

		// Another write re-runs the check: nothing is escalated or notified twice.
		await ok('sales_rep', 'PATCH', `/items/complaints/${fresh.id}`, { description: '说明书缺第3页' });
		await new Promise((r) => setTimeout(r, 500));
		expect(await note(MANAGER, old.id)).toBe(1);
		expect(await note(HEAD, old.id)).toBe(1);

		// The rep can still answer an escalated complaint; the first response is stamped.
		const answered = await ok<any>('sales_rep', 'PATCH', `/items/complaints/${old.id}`, { status: 'responded' });
		expect(answered.responded_at).toBeTruthy();
		// The scheduled job finds nothing left to do, and escalates the other one once it is overdue too.
		expect(await escalateOverdueComplaints(jobContext(), new Date())).toBe(0);
		expect(await escalateOverdueComplaints(jobContext(), new Date(Date.now() + 2 * 3_600_000))).toBeGreaterThanOrEqual(1);
		expect((await ok<any>('admin', 'GET', `/items/complaints/${fresh.id}`)).status).toBe('escalated');
		expect(await note(MANAGER, fresh.id)).toBe(1);
		expect(await note(HEAD, fresh.id)).toBe(1);
		// The manager and the division head see it.
		expect((await ok<any>('sales_manager', 'GET', `/items/complaints/${old.id}`)).id).toBe(old.id);
		expect((await ok<any>('division_head', 'GET', `/items/complaints/${old.id}`)).id).toBe(old.id);
	});
});
