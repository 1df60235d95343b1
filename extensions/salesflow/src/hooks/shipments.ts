// Delivery notes (发货单): created from a confirmed order, never more than is left to deliver,
// issued by the warehouse (stock out), then logistics, delivery and customer acceptance.
import type { Knex } from 'knex';
import { DomainError } from '../domain/errors';
import { formatQty, parseQty } from '../domain/money';
import { assertDeliverable } from '../domain/stock';
import { readVisible } from '../lib/access';
import { memoized } from '../lib/transaction-memo';
import { issueShipment } from '../lib/shipping';
import { refreshCustomerFollowUp } from './crm-activities';
import { onCreate, onLineWrite } from './documents';
import { onTransition } from './transitions';

const DELIVERABLE_ORDER = ['confirmed', 'partially_shipped'];
const OPEN_NOTE = ['draft', 'submitted'];

/** Quantity of each order line held by open (draft/submitted) delivery notes, except one line or one note. */
async function heldByOpenNotes(
	db: Knex,
	orderLines: number[],
	except: { line?: number; shipment?: number | string } = {},
): Promise<Map<number, bigint>> {
	const rows = await db('shipment_lines as l')
		.join('shipments as s', 's.id', 'l.shipment')
		.whereIn('l.order_line', orderLines)
		.whereIn('s.status', OPEN_NOTE)
		.modify((q) => except.line && q.whereNot('l.id', except.line))
		.modify((q) => except.shipment && q.whereNot('s.id', except.shipment))
		.select('l.order_line', 'l.quantity');
	const held = new Map<number, bigint>();
	for (const r of rows) held.set(Number(r.order_line), (held.get(Number(r.order_line)) ?? 0n) + parseQty(r.quantity));
	return held;
}

async function orderLineWithSku(db: Knex, id: number) {
	return db('sales_order_lines as l').join('products as p', 'p.id', 'l.product').where('l.id', id).first('l.*', 'p.sku');
}

onCreate('shipments', async (ctx, payload) => {
	const order = await readVisible(ctx, 'sales_orders', payload.order, 'order');
	if (!DELIVERABLE_ORDER.includes(order.status)) {
		throw new DomainError('APPROVAL_REQUIRED', `${order.number} is ${order.status}; only a confirmed order can be delivered`, 409, {
			field: 'order',
			status: order.status,
		});
	}
	if (payload.customer !== undefined && payload.customer !== order.customer)
		throw new DomainError('INVALID_PAYLOAD', `customer must be the order's customer`, 400, { field: 'customer' });
	const warehouse = payload.warehouse ?? null;
	if (
		warehouse === null ||
		!(await memoized(ctx.db, `warehouses:${warehouse}`, () => ctx.db('warehouses').where({ id: warehouse }).first()))
	) {
		throw new DomainError('INVALID_PAYLOAD', `warehouse ${payload.warehouse ?? '(missing)'} does not exist`, 400, { field: 'warehouse' });
	}
	payload.customer = order.customer;
	payload.ship_to ??= order.ship_to;
	if (payload.lines === undefined) {
		// Everything still to deliver, by default.
		const lines = await ctx.db('sales_order_lines').where({ order: order.id }).orderBy('id');
		const held = await heldByOpenNotes(
			ctx.db,
			lines.map((l: any) => l.id),
		);
		const open = [];
		for (const l of lines) {
			const left = parseQty(l.quantity) - parseQty(l.shipped_qty) - (held.get(Number(l.id)) ?? 0n);
			if (left > 0n) open.push({ order_line: l.id, quantity: formatQty(left) });
		}
		payload.lines = open;
	}
});

onLineWrite('shipment_lines', async (ctx, payload, current, parent) => {
	const orderLineId = payload.order_line ?? current?.order_line;
	const orderLine = orderLineId ? await orderLineWithSku(ctx.db, orderLineId) : undefined;
	if (!orderLine || (parent && orderLine.order !== parent.order)) {
		throw new DomainError('INVALID_PAYLOAD', `order line ${orderLineId ?? '(missing)'} is not a line of the delivery note's order`, 400, {
			field: 'order_line',
		});
	}
	Object.assign(payload, { product: orderLine.product, unit_price: orderLine.unit_price, tax_rate: orderLine.tax_rate });
	const quantity = parseQty(payload.quantity ?? current?.quantity);
	const held = await heldByOpenNotes(ctx.db, [orderLine.id], { line: current?.id });
	assertDeliverable(
		{
			sku: orderLine.sku,
			ordered: parseQty(orderLine.quantity),
			shipped: parseQty(orderLine.shipped_qty),
			openOther: held.get(Number(orderLine.id)) ?? 0n,
		},
		quantity,
	);
});

onTransition('shipments', 'draft->submitted', async ({ trx, id, row }) => {
	const lines = await trx('shipment_lines').where({ shipment: id });
	if (!lines.length) throw new DomainError('INVALID_PAYLOAD', `${row.number} has no lines`, 400, { field: 'lines' });
	const order = await trx('sales_orders').where({ id: row.order }).first('number', 'status');
	if (!DELIVERABLE_ORDER.includes(order.status)) throw new DomainError('APPROVAL_REQUIRED', `${order.number} is ${order.status}`, 409);
	// Two queries for the whole note: its order lines, and what other open notes hold of them.
	const ids = [...new Set(lines.map((l: any) => l.order_line))];
	const orderLines = new Map(
		(
			await trx('sales_order_lines as l')
				.join('products as p', 'p.id', 'l.product')
				.whereIn('l.id', ids)
				.select('l.id', 'l.quantity', 'l.shipped_qty', 'p.sku')
		).map((r: any) => [Number(r.id), r]),
	);
	const elsewhere = await heldByOpenNotes(trx, ids, { shipment: id });
	for (const l of lines) {
		const orderLine = orderLines.get(Number(l.order_line));
		const onThisNote = lines
			.filter((x: any) => x.order_line === l.order_line && x.id !== l.id)
			.reduce((sum: bigint, x: any) => sum + parseQty(x.quantity), 0n);
		const openOther = (elsewhere.get(Number(l.order_line)) ?? 0n) + onThisNote;
		assertDeliverable(
			{ sku: orderLine.sku, ordered: parseQty(orderLine.quantity), shipped: parseQty(orderLine.shipped_qty), openOther },
			parseQty(l.quantity),
		);
	}
});

onTransition('shipments', 'submitted->issued', async ({ trx, row, actor }) => {
	await issueShipment(trx, row, actor.user);
});

onTransition('shipments', 'issued->delivered', async ({ trx, id, row }) => {
	if (!row.delivered_at) await trx('shipments').where({ id }).update({ delivered_at: new Date() });
});

/** Acceptance schedules the after-sales follow-up visit 3–7 days later for the owner (售后回访). */
onTransition('shipments', 'delivered->accepted', async ({ trx, id, row, actor }) => {
	const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
	await trx('shipments').where({ id }).update({ acceptance: 'accepted' });
	await trx('visits').insert({
		owner: row.owner,
		customer: row.customer,
		shipment: id,
		kind: 'after_sales',
		state: 'planned',
		visited_on: day(3),
		next_date: day(7),
		purpose: `售后回访 ${row.number}（验收后3–7天内） / After-sales follow-up`,
		date_created: new Date(),
		user_created: actor.user,
	});
	await refreshCustomerFollowUp(trx, [row.customer]);
});
