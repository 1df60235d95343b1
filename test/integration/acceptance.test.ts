// Delivery acceptance and quality (PROCESS.md §12): the warehouse's pre-shipment check at issue
// (unrecorded points pass, an explicit failure refuses the issue and moves nothing) and the customer's
// acceptance 合格/需整改 (a rectification keeps the delivery open until a later acceptance; history kept).
import { describe, expect, it } from 'vitest';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { confirmedOrder, customerOf, ledgerSum, stockedProduct } from './fixtures';
import { call, count, errorCode, ok, userId } from './helpers';

const REP = userId('sales_rep');
const WAREHOUSE = userId('warehouse');

/** A submitted delivery note of a fresh confirmed order, ready for the warehouse to issue. */
async function submittedNote(qty = '2') {
	const { product, warehouse } = await stockedProduct(10);
	const customer = await customerOf('sales_rep');
	const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: qty, unit_price: '100.00' }], { customer: customer.id });
	const n = await ok<any>('sales_rep', 'POST', '/items/shipments', { order: o.id, warehouse: warehouse.id });
	await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
	return { note: n, order: o, product, warehouse };
}

async function deliveredNote() {
	const s = await submittedNote();
	await ok('warehouse', 'PATCH', `/items/shipments/${s.note.id}`, { status: 'issued' });
	await ok('sales_assistant', 'PATCH', `/items/shipments/${s.note.id}`, { status: 'delivered' });
	return s;
}

const shipment = (id: number) => ok<any>('admin', 'GET', `/items/shipments/${id}`);
const history = (id: number) =>
	ok<any[]>('admin', 'GET', `/items/status_history?filter[collection][_eq]=shipments&filter[item][_eq]=${id}&sort=id&limit=-1`);

describe('pre-shipment check (出库检查)', () => {
	it('points not recorded count as passed; who checked and when are stamped at issue', async () => {
		const { note } = await submittedNote();
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued', check_quality: 'passed' });
		const s = await shipment(note.id);
		expect(s).toMatchObject({
			status: 'issued',
			check_quantity: 'passed',
			check_quality: 'passed',
			check_packing: 'passed',
			checked_by: WAREHOUSE,
		});
		expect(s.checked_at).toBeTruthy();
	});

	it('an explicit failure refuses the issue with 409 naming the check; nothing moves (status, stock, order)', async () => {
		const { note, order, product, warehouse } = await submittedNote();
		const moves = await count('stock_moves');
		const stock = await ledgerSum(product.id, warehouse.id);
		const r = await call('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued', check_packing: 'failed' });
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('CHECK_FAILED');
		expect(r.errors?.[0]?.extensions?.field).toBe('check_packing');
		expect(r.errors?.[0]?.message).toContain(note.number);
		const s = await shipment(note.id);
		expect(s).toMatchObject({ status: 'submitted', check_packing: null, checked_by: null, checked_at: null });
		expect(await count('stock_moves')).toBe(moves);
		expect(await ledgerSum(product.id, warehouse.id)).toBe(stock);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${order.id}`)).status).toBe('confirmed');
		// Fixed and issued: passes.
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued', check_packing: 'passed' });
		expect((await shipment(note.id)).status).toBe('issued');
	});

	it('a check value other than passed/failed is 400 naming the field; after the issue the check is fixed', async () => {
		const { note } = await submittedNote();
		const r = await call('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued', check_quality: 'ok' });
		expect(r.status).toBe(400);
		expect(r.errors?.[0]?.extensions?.field).toBe('check_quality');
		expect((await shipment(note.id)).status).toBe('submitted');
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued' });
		const late = await call('warehouse', 'PATCH', `/items/shipments/${note.id}`, { check_quality: 'failed' });
		expect(late.status).toBe(400);
		expect((await shipment(note.id)).check_quality).toBe('passed');
	});
});

describe('customer acceptance (客户验收)', () => {
	it('needs rectification keeps it delivered and tells the rep; a later acceptance moves it to accepted; history kept', async () => {
		const { note } = await deliveredNote();
		const due = todayPlus(7);
		const visits = await count('visits', { shipment: { _eq: note.id } });
		await ok('sales_assistant', 'PATCH', `/items/shipments/${note.id}`, {
			acceptance: 'needs_rectification',
			rectification_note: '外包装破损，需更换两件',
			rectification_due: due,
		});
		const s = await shipment(note.id);
		expect(s).toMatchObject({ status: 'delivered', acceptance: 'needs_rectification', rectification_note: '外包装破损，需更换两件' });
		expect(String(s.rectification_due).slice(0, 10)).toBe(due);
		expect(await count('visits', { shipment: { _eq: note.id } })).toBe(visits); // no after-sales visit yet
		const told = await ok<any[]>(
			'admin',
			'GET',
			`/notifications?filter[collection][_eq]=shipments&filter[item][_eq]=${note.id}&filter[recipient][_eq]=${REP}`,
		);
		expect(told).toHaveLength(1);
		expect(told[0].subject).toContain('验收需整改');
		expect(told[0].message).toContain(due);

		await ok('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'accepted', acceptance: 'accepted' });
		expect(await shipment(note.id)).toMatchObject({ status: 'accepted', acceptance: 'accepted' });
		expect(await count('visits', { shipment: { _eq: note.id } })).toBe(visits + 1);
		const h = (await history(note.id)).map((r) => [r.from_status, r.to_status]);
		expect(h.slice(-2)).toEqual([
			['delivered', 'delivered'],
			['delivered', 'accepted'],
		]);
		expect((await history(note.id)).at(-2).reason).toContain('外包装破损');
	});

	it('bad input: no result, rectification without note or due date, a contradicting result, before delivery — 400/409, nothing written', async () => {
		const { note } = await deliveredNote();
		const rows = async () => [
			await count('status_history', { item: { _eq: String(note.id) }, collection: { _eq: 'shipments' } }),
			await count('directus_notifications', { item: { _eq: String(note.id) }, collection: { _eq: 'shipments' } }),
		];
		const before = await rows();
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ acceptance: null }, 'acceptance'],
			[{ acceptance: '' }, 'acceptance'],
			[{ acceptance: 'maybe' }, 'acceptance'],
			[{ rectification_note: '缺件', rectification_due: todayPlus(3) }, 'acceptance'],
			[{ acceptance: 'needs_rectification', rectification_due: todayPlus(3) }, 'rectification_note'],
			[{ acceptance: 'needs_rectification', rectification_note: '缺件' }, 'rectification_due'],
			[{ acceptance: 'needs_rectification', rectification_note: '缺件', rectification_due: '明天' }, 'rectification_due'],
		];
		for (const [body, field] of cases) {
			const r = await call('sales_rep', 'PATCH', `/items/shipments/${note.id}`, body);
			expect([r.status, r.errors?.[0]?.extensions?.field], JSON.stringify(body)).toEqual([400, field]);
		}
		// A move to "accepted" that says "needs rectification" contradicts itself.
		const both = await call('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'accepted', acceptance: 'needs_rectification' });
		expect(both.status).toBe(400);
		expect(await shipment(note.id)).toMatchObject({ status: 'delivered', acceptance: null, rectification_note: null });
		expect(await rows()).toEqual(before);

		// Not delivered yet: a rectification is refused.
		const { note: open } = await submittedNote();
		const r = await call('sales_rep', 'PATCH', `/items/shipments/${open.id}`, {
			acceptance: 'needs_rectification',
			rectification_note: '缺件',
			rectification_due: todayPlus(3),
		});
		expect(r.status).toBe(409);
		expect((await shipment(open.id)).acceptance).toBeNull();
	});
});
