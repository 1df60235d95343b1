// People are told at once (PROCESS.md §12): a confirmed order reaches the warehouse and the sales
// assistants (订单执行通知), a new complaint the owner's manager and the division head (a major one
// also the general manager), an order past its ship-by date the rep and the assistants — once.
import knex from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents';
import { noticeLateOrders } from '../../extensions/salesflow/src/documents/sales-orders/notices';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import type { DocContext } from '../../extensions/salesflow/src/engine/document-type';
import { SYSTEM_ACTOR } from '../../extensions/salesflow/src/platform/context';
import { knexConfig } from '../../scripts/lib/env';
import { confirmedOrder, customerOf, stockedProduct } from './fixtures';
import { call, count, env, errorCode, ok, userId } from './helpers';

let db: ReturnType<typeof knex> | undefined;
function jobContext(): DocContext {
	db ??= knex(knexConfig(env()));
	return { db, documents: DOCUMENTS, accountability: null, actor: SYSTEM_ACTOR } as unknown as DocContext;
}
afterAll(async () => db?.destroy());

const notes = (collection: string, item: number, recipient?: string) =>
	ok<any[]>(
		'admin',
		'GET',
		`/notifications?limit=-1&filter[collection][_eq]=${collection}&filter[item][_eq]=${item}${recipient ? `&filter[recipient][_eq]=${recipient}` : ''}`,
	);

const REP = userId('sales_rep');
const ASSISTANT = userId('sales_assistant');
const WAREHOUSE = userId('warehouse');
const MANAGER = userId('sales_manager');
const HEAD = userId('division_head');
const GM = userId('general_manager');

describe('order confirmed → warehouse and sales assistants (订单执行通知)', () => {
	it('each active warehouse user and assistant gets the number, customer, lines and ship-by date with a link; the rep does not', async () => {
		const { product } = await stockedProduct(10);
		const customer = await customerOf('sales_rep');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '3', unit_price: '100.00' }], { customer: customer.id });
		expect(o.status).toBe('confirmed');
		for (const who of [WAREHOUSE, ASSISTANT]) {
			const [n, ...more] = await notes('sales_orders', o.id, who);
			expect(more).toHaveLength(0);
			expect(n.subject).toContain('订单执行通知');
			expect(n.subject).toContain(o.number);
			expect(n.subject).toContain(customer.name);
			expect(n.message).toContain(`${product.sku}`);
			expect(n.message).toContain('× 3');
			expect(n.message).toContain(o.ship_by);
			expect(n.message).toContain(`/admin/content/sales_orders/${o.id}`);
		}
		const told = (await notes('sales_orders', o.id)).filter((n) => n.subject.includes('订单执行通知'));
		expect(told.map((n) => n.recipient)).not.toContain(REP);
	});
});

describe('complaint logged → manager and division head at once', () => {
	it('a normal complaint reaches the manager and the division head, not the general manager; labels of category and severity', async () => {
		const c = await customerOf('sales_rep');
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: c.id,
			description: '到货晚了三天',
			category: 'delivery',
		});
		expect(k).toMatchObject({ severity: 'normal', category: 'delivery', status: 'open' });
		expect(await eventuallyCount('complaints', k.id, MANAGER, 1)).toBe(1);
		const [m] = await notes('complaints', k.id, MANAGER);
		expect(m.subject).toContain(k.number);
		expect(m.message).toContain('交付 / Delivery');
		expect(m.message).toContain('一般 / Normal');
		expect(m.message).toContain(`/admin/content/complaints/${k.id}`);
		expect((await notes('complaints', k.id, HEAD)).length).toBe(1);
		expect((await notes('complaints', k.id, GM)).length).toBe(0);
		// Still open: the 24 h escalation has not happened.
		expect((await ok<any>('admin', 'GET', `/items/complaints/${k.id}`)).escalated_at).toBeNull();
	});

	it('a major complaint also reaches the general manager', async () => {
		const c = await customerOf('sales_rep');
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: c.id,
			description: '设备起火',
			category: 'quality',
			severity: 'major',
		});
		expect(await eventuallyCount('complaints', k.id, GM, 1)).toBe(1);
		const [g] = await notes('complaints', k.id, GM);
		expect(g.subject).toContain('重大投诉');
		expect(g.message).toContain('质量 / Quality');
		expect((await notes('complaints', k.id, MANAGER)).length).toBe(1);
		expect((await notes('complaints', k.id, HEAD)).length).toBe(1);
	});

	it('an unknown category or severity is refused with 400 naming the field; nothing is written', async () => {
		const c = await customerOf('sales_rep');
		const before = await count('complaints');
		for (const [field, value] of [
			['category', 'weather'],
			['severity', 'critical'],
		] as const) {
			const r = await call('sales_rep', 'POST', '/items/complaints', { customer: c.id, description: '测试', [field]: value });
			expect(r.status).toBe(400);
			expect(errorCode(r)).toBe('INVALID_PAYLOAD');
			expect(r.errors?.[0]?.extensions?.field).toBe(field);
		}
		expect(await count('complaints')).toBe(before);
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', { customer: c.id, description: '测试' });
		const bad = await call('sales_rep', 'PATCH', `/items/complaints/${k.id}`, { severity: 'huge' });
		expect(bad.status).toBe(400);
		expect((await ok<any>('admin', 'GET', `/items/complaints/${k.id}`)).severity).toBe('normal');
	});
});

describe('late delivery → the rep and the assistants, once', () => {
	it('the job tells the rep and the assistant the day after ship-by, and never again', async () => {
		const { product } = await stockedProduct(10);
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }]);
		const late = (who: string) => notes('sales_orders', o.id, who).then((ns) => ns.filter((n) => n.subject.includes('逾期')));
		// On the ship-by date itself it is not late yet.
		await noticeLateOrders(jobContext(), o.ship_by);
		expect(await late(REP)).toHaveLength(0);
		const after = addDays(o.ship_by, 1);
		expect(await noticeLateOrders(jobContext(), after)).toBeGreaterThanOrEqual(1);
		const [r] = await late(REP);
		expect(r.subject).toContain(o.number);
		expect(r.message).toContain(o.ship_by);
		expect(await late(ASSISTANT)).toHaveLength(1);
		expect(await late(WAREHOUSE)).toHaveLength(0);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}`)).late_notified_at).toBeTruthy();
		// Once: a second run (and a later day) tells nobody again.
		await noticeLateOrders(jobContext(), after);
		await noticeLateOrders(jobContext(), addDays(o.ship_by, 5));
		expect(await late(REP)).toHaveLength(1);
		expect(await late(ASSISTANT)).toHaveLength(1);
	});
});

/** Complaint notices are written after commit: wait for them briefly. */
async function eventuallyCount(collection: string, item: number, recipient: string, want: number): Promise<number> {
	let n = 0;
	for (let i = 0; i < 40; i++) {
		n = (await notes(collection, item, recipient)).length;
		if (n >= want) return n;
		await new Promise((r) => setTimeout(r, 100));
	}
	return n;
}
