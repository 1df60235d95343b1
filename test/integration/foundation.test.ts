import { readItems } from '@directus/sdk';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../schema/index';
import { ROLES } from '../../schema/roles';
import { DEMO_USERS } from '../../seed/users';
import knex from 'knex';
import { ensure } from '../../scripts/ensure';
import { knexConfig } from '../../scripts/lib/env';
import { roleId } from '../../extensions/salesflow/src/domain/ids';
import { localClock } from '../../extensions/salesflow/src/domain/crm';
import { call, count, env, errorCode, ok, sdk, userId } from './helpers';

describe('schema', () => {
	it('has every collection of the contract with its fields', async () => {
		const fields = await ok<any[]>('admin', 'GET', '/fields');
		const have = new Set(fields.map((f) => `${f.collection}.${f.field}`));
		for (const c of COLLECTIONS)
			for (const f of c.fields) expect(have, `${c.collection}.${f.field}`).toContain(`${c.collection}.${f.field}`);
		expect(have).toContain('directus_users.manager');
	});

	it('labels collections in zh-CN and en-US', async () => {
		const c = await ok<any>('admin', 'GET', '/collections/sales_orders');
		expect(c.meta.translations).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ language: 'zh-CN', translation: '销售订单' }),
				expect.objectContaining({ language: 'en-US', translation: 'Sales orders' }),
			]),
		);
		expect(c.meta.display_template).toBe('{{number}} · {{customer.name}}');
	});
});

describe('database constraints', () => {
	it('refuse negative stock and edits of the stock ledger, whoever writes', async () => {
		const db = knex(knexConfig(env()) as any);
		try {
			const level = await db('stock_levels').first();
			await expect(db('stock_levels').where({ id: level.id }).update({ on_hand: -1 })).rejects.toThrow();
			const move = await db('stock_moves').first();
			await expect(db('stock_moves').where({ id: move.id }).update({ quantity: 0 })).rejects.toThrow(/append-only/);
			await expect(db('stock_moves').where({ id: move.id }).delete()).rejects.toThrow(/append-only/);
			expect(Number((await db('stock_levels').where({ id: level.id }).first()).on_hand)).toBe(Number(level.on_hand));
			await expect(db('stock_levels').insert({ product: level.product, warehouse: level.warehouse, on_hand: 1 })).rejects.toThrow();
		} finally {
			await db.destroy();
		}
	});

	it('labels choices and notes in both languages', async () => {
		const zh = await ok<any[]>('admin', 'GET', '/translations?limit=-1&filter[language][_eq]=zh-CN&filter[key][_starts_with]=sf_');
		const en = await ok<any[]>('admin', 'GET', '/translations?limit=-1&filter[language][_eq]=en-US&filter[key][_starts_with]=sf_');
		expect(zh.find((t) => t.key === 'sf_sales_orders_status_confirmed')?.value).toBe('已确认');
		expect(en.find((t) => t.key === 'sf_sales_orders_status_confirmed')?.value).toBe('Confirmed');
		expect(zh.length).toBe(en.length);
		const field = await ok<any>('admin', 'GET', '/fields/sales_orders/status');
		expect(field.meta.options.choices[0].text).toMatch(/^\$t:sf_/);
		expect(field.meta.display).toBe('labels');
	});
});

describe('access', () => {
	it('every demo user of every role logs in', async () => {
		expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(ROLES.map((r) => r.key)));
		for (const u of DEMO_USERS) {
			const me = await ok<any>(u.key, 'GET', '/users/me?fields=id,email,role.id');
			expect(me.email).toBe(u.email);
		}
	});

	it('a rep sees only own customers, also through relations and filters', async () => {
		const rep = await sdk('sales_rep');
		const mine = await rep.request(readItems('customers', { fields: ['id', 'owner'], limit: -1 }));
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((c: any) => c.owner === userId('sales_rep'))).toBe(true);
		const all = await count('customers');
		expect(all).toBeGreaterThan(mine.length);
		const others = await ok<any[]>('sales_rep', 'GET', `/items/customers?filter[owner][_eq]=${userId('sales_rep_2')}`);
		expect(others).toEqual([]);
		const contacts = await ok<any[]>('sales_rep', 'GET', '/items/contacts?fields=id,customer.owner&limit=-1');
		expect(contacts.every((c) => c.customer.owner === userId('sales_rep'))).toBe(true);
		const otherCustomer = (await ok<any[]>('admin', 'GET', `/items/customers?filter[owner][_eq]=${userId('sales_rep_2')}&limit=1`))[0];
		const direct = await call('sales_rep', 'GET', `/items/customers/${otherCustomer.id}`);
		expect(direct.status).toBe(403);
	});

	it('the sales manager sees the customers of both reps', async () => {
		const list = await ok<any[]>('sales_manager', 'GET', '/items/customers?fields=owner&limit=-1');
		expect(new Set(list.map((c) => c.owner))).toEqual(new Set([userId('sales_rep'), userId('sales_rep_2')]));
	});

	it('nobody writes stock levels, stock moves or generated numbers', async () => {
		const level = (await ok<any[]>('admin', 'GET', '/items/stock_levels?limit=1'))[0];
		for (const who of ['warehouse_manager', 'sales_rep', 'finance']) {
			const before = await count('stock_moves');
			expect((await call(who, 'PATCH', `/items/stock_levels/${level.id}`, { on_hand: 999 })).status).toBe(403);
			expect(
				(
					await call(who, 'POST', '/items/stock_moves', {
						type: 'adjust_in',
						product: level.product,
						warehouse: level.warehouse,
						quantity: 5,
					})
				).status,
			).toBe(403);
			expect(await count('stock_moves')).toBe(before);
		}
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?limit=1'))[0];
		const r = await call('sales_rep', 'PATCH', `/items/customers/${customer.id}`, { code: 'CUS-1999-000001' });
		expect(r.status).toBe(403);
		expect((await ok<any>('admin', 'GET', `/items/customers/${customer.id}`)).code).toBe(customer.code);
	});
});

describe('document machinery', () => {
	it('numbers are PREFIX-YYYY-NNNNNN and unique under 20 parallel creates', async () => {
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?limit=1'))[0];
		const product = (await ok<any[]>('sales_rep', 'GET', '/items/products?limit=1'))[0];
		const created = await Promise.all(
			Array.from({ length: 20 }, () =>
				ok<any>('sales_rep', 'POST', '/items/quotes', {
					customer: customer.id,
					lines: [{ product: product.id, quantity: '1', unit_price: product.list_price }],
				}),
			),
		);
		const numbers = created.map((q) => q.number);
		expect(new Set(numbers).size).toBe(20);
		const year = localClock(new Date(), 'Asia/Shanghai').date.slice(0, 4);
		for (const n of numbers) expect(n).toMatch(new RegExp(`^QT-${year}-\\d{6}$`));
		expect(created.every((q) => q.owner === userId('sales_rep'))).toBe(true);
	});

	it('computes line and document totals exactly on the server', async () => {
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?limit=1'))[0];
		const product = (await ok<any[]>('sales_rep', 'GET', '/items/products?filter[tax_rate][_eq]=0.13&limit=1'))[0];
		const q = await ok<any>('sales_rep', 'POST', '/items/quotes?fields=*,lines.*', {
			customer: customer.id,
			lines: [{ product: product.id, quantity: '3', unit_price: '33.33' }],
		});
		expect(Number(q.lines[0].total)).toBe(99.99);
		expect(Number(q.lines[0].amount_excl)).toBe(88.49);
		expect(Number(q.lines[0].tax)).toBe(11.5);
		// Computed in the create's transaction: the create's own answer already carries them.
		expect([Number(q.total), Number(q.amount_excl), Number(q.tax)]).toEqual([99.99, 88.49, 11.5]);
		// A nested update that adds, changes and removes lines in one request: totals commit with it.
		const added = await ok<any>('sales_rep', 'PATCH', `/items/quotes/${q.id}?fields=total,amount_excl,tax,lines.id`, {
			lines: {
				create: [
					{ product: product.id, quantity: '1', unit_price: '10.00' },
					{ product: product.id, quantity: '2', unit_price: '0.50' },
				],
				update: [{ id: q.lines[0].id, quantity: '1' }],
				delete: [],
			},
		});
		expect([Number(added.total), Number(added.amount_excl), Number(added.tax)]).toEqual([44.33, 39.23, 5.1]);
		const [, second] = added.lines.map((l: { id: number }) => l.id).sort((a: number, b: number) => a - b);
		const removed = await ok<any>('sales_rep', 'PATCH', `/items/quotes/${q.id}?fields=total`, {
			lines: { create: [], update: [], delete: [second] },
		});
		expect(Number(removed.total)).toBe(34.33);
	});

	it('refuses a status change outside the transition table and changes nothing', async () => {
		const q = (await ok<any[]>('sales_rep', 'GET', '/items/quotes?filter[status][_eq]=draft&limit=1'))[0];
		for (const to of ['approved', 'accepted', 'expired']) {
			const r = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: to });
			expect(r.status, to).toBe(409);
			expect(errorCode(r)).toBe('INVALID_TRANSITION');
		}
		const unknown = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'bogus' });
		expect([unknown.status, errorCode(unknown)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('draft');
		const admin = await call('admin', 'PATCH', `/items/quotes/${q.id}`, { status: 'approved' });
		expect(errorCode(admin)).toBe('INVALID_TRANSITION');
	});

	it('a status change and the other fields of its request succeed or fail together', async () => {
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?limit=1'))[0];
		const product = (await ok<any[]>('sales_rep', 'GET', '/items/products?limit=1'))[0];
		const q = await ok<any>('sales_rep', 'POST', '/items/quotes', {
			customer: customer.id,
			lines: [{ product: product.id, quantity: '1', unit_price: product.list_price }],
		});
		const bad = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'submitted', valid_until: 'not a date' });
		expect(bad.status).toBe(400);
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('draft');
		expect(await count('approval_requests', { item: { _eq: String(q.id) }, collection: { _eq: 'quotes' } })).toBe(0);
		const good = await ok<any>('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'submitted', payment_terms: '月结30天' });
		expect(good).toMatchObject({ status: 'pending_approval', payment_terms: '月结30天' });
	});

	it('refuses computed fields and zero quantities, writing nothing', async () => {
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?limit=1'))[0];
		const product = (await ok<any[]>('sales_rep', 'GET', '/items/products?limit=1'))[0];
		const before = await count('quotes');
		const r1 = await call('sales_rep', 'POST', '/items/quotes', { customer: customer.id, total: '1.00' });
		expect(r1.status).toBe(403);
		const r2 = await call('sales_rep', 'POST', '/items/quotes', {
			customer: customer.id,
			lines: [{ product: product.id, quantity: '0', unit_price: '10' }],
		});
		expect(r2.status).toBe(400);
		expect(errorCode(r2)).toBe('INVALID_PAYLOAD');
		expect(await count('quotes')).toBe(before);
	});
});

describe('setup is idempotent', () => {
	it('running the ensure step again changes nothing and loses nothing', async () => {
		const snapshot = async () => ({
			fields: (await ok<any[]>('admin', 'GET', '/fields')).length,
			relations: (await ok<any[]>('admin', 'GET', '/relations')).length,
			permissions: (await ok<any[]>('admin', 'GET', '/permissions?limit=-1')).length,
			policies: (await ok<any[]>('admin', 'GET', '/policies?limit=-1')).length,
			presets: (await ok<any[]>('admin', 'GET', '/presets?limit=-1')).length,
			translations: (await ok<any[]>('admin', 'GET', '/translations?limit=-1')).length,
			rules: await count('approval_rules'),
			users: (await ok<any[]>('admin', 'GET', '/users?limit=-1')).length,
			customers: await count('customers'),
			orders: await count('sales_orders'),
			moves: await count('stock_moves'),
		});
		const before = await snapshot();
		await ensure(env());
		expect(await snapshot()).toEqual(before);
	});
});

describe('demo data and follow-up lists', () => {
	it('holds documents in many states', async () => {
		const states = async (collection: string) =>
			new Set((await ok<any[]>('admin', 'GET', `/items/${collection}?fields=status&limit=-1`)).map((r) => r.status));
		expect([...(await states('quotes'))]).toEqual(expect.arrayContaining(['draft', 'pending_approval', 'approved', 'sent']));
		expect([...(await states('sales_orders'))]).toEqual(
			expect.arrayContaining(['draft', 'pending_approval', 'partially_shipped', 'shipped']),
		);
		expect([...(await states('shipments'))]).toEqual(expect.arrayContaining(['issued', 'accepted']));
		expect([...(await states('contracts'))]).toEqual(expect.arrayContaining(['signed', 'pending_approval']));
		expect([...(await states('loans'))]).toContain('issued');
		expect([...(await states('invoices'))]).toContain('issued');
		expect(new Set((await ok<any[]>('admin', 'GET', '/items/customers?fields=grade&limit=-1')).map((c) => c.grade))).toEqual(
			new Set(['A', 'B', 'C', 'D']),
		);
	});

	it('gives each role its bookmarks, whose filters find the late documents', async () => {
		const presets = await ok<any[]>('sales_rep', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const mine = presets.filter((p) => p.role === roleId('sales_rep'));
		expect(mine.map((p) => p.bookmark)).toEqual(
			expect.arrayContaining([
				'我的待审批 / My pending approvals',
				'逾期未归还借出 / Overdue loans',
				'超期未到货发货单 / Deliveries past ETA',
			]),
		);
		const overdue = mine.find((p) => p.collection === 'loans')!;
		const loans = await ok<any[]>('sales_rep', 'GET', `/items/loans?filter=${encodeURIComponent(JSON.stringify(overdue.filter))}`);
		expect(loans.length).toBeGreaterThan(0);
		expect(loans.every((l) => l.owner === userId('sales_rep'))).toBe(true);
		const eta = mine.find((p) => p.collection === 'shipments')!;
		expect(
			(await ok<any[]>('sales_rep', 'GET', `/items/shipments?filter=${encodeURIComponent(JSON.stringify(eta.filter))}`)).length,
		).toBeGreaterThan(0);
		const approvals = presets.find((p) => p.role === roleId('sales_manager') && p.collection === 'approval_requests');
		expect(approvals).toBeUndefined(); // other roles' bookmarks are not visible to a rep
		const managerPresets = await ok<any[]>('sales_manager', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const inbox = managerPresets.find((p) => p.role === roleId('sales_manager') && p.collection === 'approval_requests')!;
		const pending = await ok<any[]>(
			'sales_manager',
			'GET',
			`/items/approval_requests?filter=${encodeURIComponent(JSON.stringify(inbox.filter))}`,
		);
		expect(pending.length).toBeGreaterThan(0);
	});
});
