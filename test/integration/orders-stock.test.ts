import { describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import {
	approveAll,
	approversMap,
	confirmedOrder,
	customerOf,
	ledgerSum,
	onHand,
	order,
	product,
	quote,
	stockedProduct,
	submit,
	warehouse,
} from './fixtures';

const issue = (who: string, id: number) => call(who, 'PATCH', `/items/shipments/${id}`, { status: 'issued' });

async function note(orderId: number, warehouseId: number, lines?: Array<{ order_line: number; quantity: string }>, who = 'sales_rep') {
	return ok<any>(who, 'POST', '/items/shipments?fields=*,lines.*', { order: orderId, warehouse: warehouseId, ...(lines ? { lines } : {}) });
}

describe('sales orders', () => {
	it('an order from an approved quote takes its lines and is confirmed by the manager', async () => {
		const q = await quote('sales_rep', [
			{ sku: 'SKU-002', quantity: '3', unit_price: '3680.00' },
			{ sku: 'SKU-004', quantity: '1', unit_price: '2980.00' },
		]);
		await submit('sales_rep', 'quotes', q.id);
		await approveAll('quotes', q.id, approversMap());
		const o = await ok<any>('sales_rep', 'POST', '/items/sales_orders?fields=*,lines.*', { customer: q.customer, quote: q.id });
		expect(o.lines.map((l: any) => [l.quantity, l.unit_price].map(Number))).toEqual([
			[3, 3680],
			[1, 2980],
		]);
		await submit('sales_rep', 'sales_orders', o.id);
		await approveAll('sales_orders', o.id, approversMap());
		const confirmed = await ok<any>('sales_rep', 'GET', `/items/sales_orders/${o.id}`);
		expect(confirmed.status).toBe('confirmed');
		expect(Number(confirmed.total)).toBe(14020);
		expect(confirmed.ship_by >= confirmed.confirmed_at.slice(0, 10)).toBe(true);
		const locked = await call('sales_rep', 'PATCH', `/items/sales_orders/${o.id}`, { requested_date: '2027-01-01' });
		expect(errorCode(locked)).toBe('DOCUMENT_LOCKED');
	});

	it('a draft quote cannot become an order', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-002', quantity: '1', unit_price: '3680.00' }]);
		const before = await count('sales_orders');
		const r = await call('sales_rep', 'POST', '/items/sales_orders', { customer: q.customer, quote: q.id });
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('APPROVAL_REQUIRED');
		expect(await count('sales_orders')).toBe(before);
	});

	it("a rep cannot order for another rep's customer", async () => {
		const other = await customerOf('sales_rep_2');
		const p = await product('SKU-002');
		const r = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer: other.id,
			lines: [{ product: p.id, quantity: '1', unit_price: '3680' }],
		});
		// The same answer as for a customer that does not exist: nothing about whose it is.
		expect(r.status).toBe(400);
		expect(JSON.stringify(r.errors)).not.toContain(other.name);
	});
});

describe('delivery notes and stock out', () => {
	it('delivers, issues and rolls the order forward; the ledger matches on hand', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(20);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '10', unit_price: '100.00' }]);
		const n1 = await note(o.id, wh.id, [{ order_line: o.lines[0].id, quantity: '4' }]);
		expect(n1.customer).toBe(o.customer);
		expect(Number(n1.lines[0].unit_price)).toBe(100);
		await ok('sales_rep', 'PATCH', `/items/shipments/${n1.id}`, { status: 'submitted' });
		const repIssue = await issue('sales_rep', n1.id);
		expect(repIssue.status).toBe(403);
		expect((await issue('warehouse', n1.id)).status).toBe(200);
		expect(await onHand(p.id, wh.id)).toBe(16);
		expect(await ledgerSum(p.id, wh.id)).toBe(16);
		const moves = await ok<any[]>(
			'admin',
			'GET',
			`/items/stock_moves?filter[source_collection][_eq]=shipments&filter[source_id][_eq]=${n1.id}`,
		);
		expect(moves).toHaveLength(1);
		expect(moves[0]).toMatchObject({ type: 'sales_out', source_line: String(n1.lines[0].id), source_number: n1.number });
		expect(Number(moves[0].quantity)).toBe(-4);
		let after = await ok<any>('sales_rep', 'GET', `/items/sales_orders/${o.id}?fields=*,lines.*`);
		expect(after.status).toBe('partially_shipped');
		expect(after.percent_shipped).toBe('40.0');
		expect(Number(after.lines[0].shipped_qty)).toBe(4);

		const again = await issue('warehouse', n1.id);
		expect(errorCode(again)).toBe('INVALID_TRANSITION');
		expect(await onHand(p.id, wh.id)).toBe(16);

		const n2 = await note(o.id, wh.id); // the rest by default
		expect(n2.lines.map((l: any) => Number(l.quantity))).toEqual([6]);
		await ok('sales_rep', 'PATCH', `/items/shipments/${n2.id}`, { status: 'submitted' });
		await ok('warehouse', 'PATCH', `/items/shipments/${n2.id}`, { status: 'issued' });
		after = await ok<any>('sales_rep', 'GET', `/items/sales_orders/${o.id}`);
		expect(after.status).toBe('shipped');
		expect(after.percent_shipped).toBe('100.0');

		await ok('sales_assistant', 'PATCH', `/items/shipments/${n2.id}`, {
			carrier: '顺丰速运',
			tracking_no: 'SF1234567890',
			eta: '2026-12-01',
		});
		await ok('sales_assistant', 'PATCH', `/items/shipments/${n2.id}`, { status: 'delivered' });
		await ok('sales_rep', 'PATCH', `/items/shipments/${n2.id}`, { status: 'accepted' });
		const visit = await ok<any[]>('sales_rep', 'GET', `/items/visits?filter[shipment][_eq]=${n2.id}`);
		expect(visit).toHaveLength(1);
		expect(visit[0]).toMatchObject({ kind: 'after_sales', state: 'planned', owner: userId('sales_rep') });
	});

	it("a note's amount is its lines at their prices, kept as lines are added, changed and removed; nobody writes it", async () => {
		const { product: p, warehouse: wh } = await stockedProduct(20);
		const o = await confirmedOrder('sales_rep', [
			{ sku: p.sku, quantity: '10', unit_price: '33.33' },
			{ sku: p.sku, quantity: '5', unit_price: '0.07' },
		]);
		const n = await note(o.id, wh.id, [{ order_line: o.lines[0].id, quantity: '3' }]);
		// The create's own answer carries it: computed in the transaction that wrote the lines.
		// Decimals come back as numbers on SQLite, as strings on PostgreSQL.
		expect(Number(n.amount)).toBe(99.99);
		// Lines changed as the data app's form sends them: nested in the note's update.
		const lines = (change: Record<string, unknown[]>) =>
			ok<any>('sales_rep', 'PATCH', `/items/shipments/${n.id}?fields=amount,lines.id`, {
				lines: { create: [], update: [], delete: [], ...change },
			});
		const added = await lines({ create: [{ order_line: o.lines[1].id, quantity: '0.5' }] });
		expect(Number(added.amount)).toBe(100.03);
		expect(Number((await lines({ update: [{ id: n.lines[0].id, quantity: '1' }] })).amount)).toBe(33.37);
		const second = added.lines.find((l: any) => l.id !== n.lines[0].id).id;
		expect(Number((await lines({ delete: [second] })).amount)).toBe(33.33);
		const amount = async () => Number((await ok<any>('sales_rep', 'GET', `/items/shipments/${n.id}?fields=amount`)).amount);
		const typed = await call('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { amount: '1.00' });
		expect(typed.status).toBeGreaterThanOrEqual(400);
		expect(await amount()).toBe(33.33);
	});

	it('never delivers more than ordered − shipped − other open notes; nothing is written', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(50);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '5', unit_price: '100.00' }]);
		await note(o.id, wh.id, [{ order_line: o.lines[0].id, quantity: '3' }]);
		const before = [await count('shipments'), await count('shipment_lines')];
		const r = await call('sales_rep', 'POST', '/items/shipments', {
			order: o.id,
			warehouse: wh.id,
			lines: [{ order_line: o.lines[0].id, quantity: '3' }],
		});
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('OVER_DELIVERY');
		expect(r.errors![0]!.message).toBe(`${p.sku}: ordered 5, shipped 0, on open delivery notes 3, requested 3`);
		const twice = await call('sales_rep', 'POST', '/items/shipments', {
			order: o.id,
			warehouse: wh.id,
			lines: [
				{ order_line: o.lines[0].id, quantity: '1' },
				{ order_line: o.lines[0].id, quantity: '2' },
			],
		});
		expect(errorCode(twice)).toBe('OVER_DELIVERY');
		expect([await count('shipments'), await count('shipment_lines')]).toEqual(before);
	});

	it('refuses bad input: unconfirmed order, foreign line, missing warehouse, zero and text quantities', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(5);
		const draft = await order('sales_rep', [{ sku: p.sku, quantity: '1', unit_price: '100.00' }]);
		const other = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '2', unit_price: '100.00' }]);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '2', unit_price: '100.00' }]);
		const before = await count('shipments');
		const cases: Array<[unknown, number, string]> = [
			[{ order: draft.id, warehouse: wh.id }, 409, 'APPROVAL_REQUIRED'],
			[{ order: o.id, warehouse: wh.id, lines: [{ order_line: other.lines[0].id, quantity: '1' }] }, 400, 'INVALID_PAYLOAD'],
			[{ order: o.id, warehouse: 999999 }, 400, 'INVALID_PAYLOAD'],
			[{ order: o.id, warehouse: wh.id, lines: [{ order_line: o.lines[0].id, quantity: '0' }] }, 400, 'INVALID_PAYLOAD'],
			[{ order: o.id, warehouse: wh.id, lines: [{ order_line: o.lines[0].id, quantity: '-1' }] }, 400, 'INVALID_PAYLOAD'],
			[{ order: o.id, warehouse: wh.id, lines: [{ order_line: o.lines[0].id, quantity: 'abc' }] }, 400, 'INVALID_PAYLOAD'],
			[{ order: 999999, warehouse: wh.id }, 400, 'INVALID_PAYLOAD'],
		];
		for (const [body, status, code] of cases) {
			const r = await call('sales_rep', 'POST', '/items/shipments', body);
			expect([r.status, errorCode(r)], JSON.stringify(body)).toEqual([status, code]);
		}
		const foreign = await confirmedOrder('sales_rep_2', [{ sku: p.sku, quantity: '1', unit_price: '100.00' }]);
		expect((await call('sales_rep', 'POST', '/items/shipments', { order: foreign.id, warehouse: wh.id })).status).toBe(400);
		expect(await count('shipments')).toBe(before);
	});

	it('a shortfall is refused with the figures and changes nothing', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(3);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '5', unit_price: '100.00' }]);
		const n = await note(o.id, wh.id);
		await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
		const moves = await count('stock_moves');
		const r = await issue('warehouse', n.id);
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('INSUFFICIENT_STOCK');
		expect(r.errors![0]!.message).toBe(`${p.sku} at ${wh.code}: on hand 3, requested 5`);
		expect(await count('stock_moves')).toBe(moves);
		expect(await onHand(p.id, wh.id)).toBe(3);
		expect((await ok<any>('admin', 'GET', `/items/shipments/${n.id}`)).status).toBe('submitted');
		expect((await ok<any>('admin', 'GET', `/items/sales_order_lines/${o.lines[0].id}`)).shipped_qty).toEqual(expect.anything());
		expect(Number((await ok<any>('admin', 'GET', `/items/sales_order_lines/${o.lines[0].id}`)).shipped_qty)).toBe(0);
	});

	it('30 parallel 1-unit issues against on hand 12: exactly 12 issued, on hand 0, ledger 0', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(12);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '30', unit_price: '100.00' }]);
		const notes = [];
		for (let i = 0; i < 30; i++) {
			const n = await note(o.id, wh.id, [{ order_line: o.lines[0].id, quantity: '1' }]);
			await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
			notes.push(n);
		}
		const results = await Promise.all(notes.map((n) => issue('warehouse', n.id)));
		expect(results.filter((r) => r.status === 200)).toHaveLength(12);
		expect(results.filter((r) => r.status !== 200).every((r) => errorCode(r) === 'INSUFFICIENT_STOCK')).toBe(true);
		expect(await onHand(p.id, wh.id)).toBe(0);
		expect(await ledgerSum(p.id, wh.id)).toBe(0);
		expect(await count('shipments', { order: { _eq: o.id }, status: { _eq: 'issued' } })).toBe(12);
		expect(Number((await ok<any>('admin', 'GET', `/items/sales_order_lines/${o.lines[0].id}`)).shipped_qty)).toBe(12);
	});

	it('a confirmed order is cancelled by an approved change of kind cancel while nothing was shipped; never by editing its status', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(5);
		const draft = await order('sales_rep', [{ sku: p.sku, quantity: '1', unit_price: '100.00' }]);
		expect((await ok<any>('sales_rep', 'PATCH', `/items/sales_orders/${draft.id}`, { status: 'cancelled' })).status).toBe('cancelled');

		const o1 = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '1', unit_price: '100.00' }]);
		const byHand = await call('sales_rep', 'PATCH', `/items/sales_orders/${o1.id}`, { status: 'cancelled' });
		expect(errorCode(byHand)).toBe('INVALID_TRANSITION');
		const before = await count('order_changes');
		for (const bad of [{ kind: 'undo' }, { kind: 'cancel', new_ship_to: '别处' }, { kind: 'change', new_requested_date: '2026-02-30' }]) {
			expect(
				(await call('sales_rep', 'POST', '/items/order_changes', { order: o1.id, reason: '客户取消', ...bad })).status,
				JSON.stringify(bad),
			).toBe(400);
		}
		expect(await count('order_changes')).toBe(before);
		const cancel = await ok<any>('sales_rep', 'POST', '/items/order_changes', { order: o1.id, kind: 'cancel', reason: '客户取消采购计划' });
		await submit('sales_rep', 'order_changes', cancel.id);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o1.id}`)).status).toBe('confirmed');
		await approveAll('order_changes', cancel.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/order_changes/${cancel.id}`)).status).toBe('applied');
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o1.id}`)).status).toBe('cancelled');
		const [move] = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/status_history?filter[collection][_eq]=sales_orders&filter[item][_eq]=${o1.id}&sort=-id&limit=1`,
		);
		expect(move).toMatchObject({
			from_status: 'confirmed',
			to_status: 'cancelled',
			by_system: true,
			reason: `${cancel.number}: 客户取消采购计划`,
		});

		const o2 = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '2', unit_price: '100.00' }]);
		const n = await note(o2.id, wh.id, [{ order_line: o2.lines[0].id, quantity: '1' }]);
		const withNote = await call('sales_rep', 'POST', '/items/order_changes', { order: o2.id, kind: 'cancel', reason: '取消' });
		expect([withNote.status, errorCode(withNote)]).toEqual([409, 'INVALID_TRANSITION']);
		expect(withNote.errors?.[0]?.message).toContain('1 delivery note(s)');
		await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
		await ok('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' });
		const shipped = await call('sales_rep', 'POST', '/items/order_changes', { order: o2.id, kind: 'cancel', reason: '取消' });
		expect([shipped.status, errorCode(shipped)]).toEqual([409, 'INVALID_TRANSITION']);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o2.id}`)).status).toBe('partially_shipped');
	});

	it('a change moves the requested date and the ship-to address once approved', async () => {
		const { product: p } = await stockedProduct(5);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '1', unit_price: '100.00' }]);
		const ch = await ok<any>('sales_rep', 'POST', '/items/order_changes', {
			order: o.id,
			reason: '客户要求延期并改址',
			new_requested_date: '2027-01-15',
			new_ship_to: '苏州市工业园区星湖街 88 号',
		});
		await submit('sales_rep', 'order_changes', ch.id);
		await approveAll('order_changes', ch.id, approversMap());
		expect(await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}?fields=status,requested_date,ship_to`)).toEqual({
			status: 'confirmed',
			requested_date: '2027-01-15',
			ship_to: '苏州市工业园区星湖街 88 号',
		});
	});
});

describe('order changes', () => {
	it('applies after the division head approves, never below what was shipped', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(10);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '5', unit_price: '100.00' }]);
		const n = await note(o.id, wh.id, [{ order_line: o.lines[0].id, quantity: '3' }]);
		await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
		await ok('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' });
		const below = await call('sales_rep', 'POST', '/items/order_changes', {
			order: o.id,
			reason: '客户减量',
			changes: [{ order_line: o.lines[0].id, new_quantity: '2' }],
		});
		expect(errorCode(below)).toBe('OVER_DELIVERY');
		const ch = await ok<any>('sales_rep', 'POST', '/items/order_changes', {
			order: o.id,
			reason: '客户减量并调价',
			changes: [{ order_line: o.lines[0].id, new_quantity: '4', new_unit_price: '95.00' }],
		});
		await submit('sales_rep', 'order_changes', ch.id);
		await approveAll('order_changes', ch.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/order_changes/${ch.id}`)).status).toBe('applied');
		const after = await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}?fields=*,lines.*`);
		expect(Number(after.lines[0].quantity)).toBe(4);
		expect(Number(after.total)).toBe(380);
		expect(after.status).toBe('partially_shipped');
		expect(after.percent_shipped).toBe('75.0');
	});
});

describe('returns', () => {
	it('request → product manager → division head → return → received into stock', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(10);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '4', unit_price: '100.00' }]);
		const n = await note(o.id, wh.id);
		await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
		await ok('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' });
		const line = n.lines[0];
		const rr = await ok<any>('sales_rep', 'POST', '/items/return_requests?fields=*,lines.*', {
			shipment: n.id,
			reason: '质量问题',
			lines: [{ shipment_line: line.id, quantity: '3' }],
		});
		expect(rr.customer).toBe(n.customer);
		expect(Number(rr.lines[0].unit_price)).toBe(100);
		const over = await call('sales_rep', 'POST', '/items/return_requests', {
			shipment: n.id,
			reason: '再退',
			lines: [{ shipment_line: line.id, quantity: '2' }],
		});
		expect(errorCode(over)).toBe('OVER_RETURN');
		await submit('sales_rep', 'return_requests', rr.id);
		await approveAll('return_requests', rr.id, approversMap());
		const ret = (await ok<any[]>('warehouse', 'GET', `/items/returns?filter[return_request][_eq]=${rr.id}`))[0];
		expect(ret.status).toBe('pending');
		expect(await onHand(p.id, wh.id)).toBe(6);
		await ok('warehouse', 'PATCH', `/items/returns/${ret.id}`, { status: 'received' });
		expect(await onHand(p.id, wh.id)).toBe(9);
		expect(await ledgerSum(p.id, wh.id)).toBe(9);
		expect(Number((await ok<any>('admin', 'GET', `/items/shipment_lines/${line.id}`)).returned_qty)).toBe(3);
		expect(Number((await ok<any>('admin', 'GET', `/items/sales_order_lines/${o.lines[0].id}`)).returned_qty)).toBe(3);
		const last = await call('sales_rep', 'POST', '/items/return_requests', {
			shipment: n.id,
			reason: '再退',
			lines: [{ shipment_line: line.id, quantity: '2' }],
		});
		expect(errorCode(last)).toBe('OVER_RETURN');
	});
});

describe('stock entries', () => {
	it('only the warehouse manager posts; a loss beyond on hand is refused', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(2);
		const e = await ok<any>('warehouse', 'POST', '/items/stock_entries', {
			type: 'adjust_out',
			warehouse: wh.id,
			lines: [{ product: p.id, quantity: '3' }],
		});
		expect((await call('warehouse', 'PATCH', `/items/stock_entries/${e.id}`, { status: 'posted' })).status).toBe(403);
		const r = await call('warehouse_manager', 'PATCH', `/items/stock_entries/${e.id}`, { status: 'posted' });
		expect(errorCode(r)).toBe('INSUFFICIENT_STOCK');
		expect(await onHand(p.id, wh.id)).toBe(2);
		const ok2 = await ok<any>('warehouse', 'POST', '/items/stock_entries', {
			type: 'adjust_in',
			warehouse: wh.id,
			lines: [{ product: p.id, quantity: '1.5' }],
		});
		await ok('warehouse_manager', 'PATCH', `/items/stock_entries/${ok2.id}`, { status: 'posted' });
		expect(await onHand(p.id, wh.id)).toBe(3.5);
	});

	it('on hand equals the sum of moves for every product and warehouse', async () => {
		const levels = await ok<any[]>('admin', 'GET', '/items/stock_levels?limit=-1');
		const sums = await ok<any[]>(
			'admin',
			'GET',
			'/items/stock_moves?aggregate[sum]=quantity&groupBy[]=product&groupBy[]=warehouse&limit=-1',
		);
		for (const l of levels) {
			const s = sums.find((x) => x.product === l.product && x.warehouse === l.warehouse);
			expect(Number(s?.sum?.quantity ?? 0), `${l.product}@${l.warehouse}`).toBeCloseTo(Number(l.on_hand), 3);
		}
		expect(await warehouse('WH-SH')).toBeTruthy();
	});
});
