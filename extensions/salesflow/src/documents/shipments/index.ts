// Delivery notes (发货单): created from a confirmed order, never more than is left to deliver, submitted
// and issued only for an order covered by a signed contract (合同在先), issued by the warehouse (stock
// out), then logistics, delivery and customer acceptance.
import type { Knex } from 'knex';
import { PRE_SHIPMENT_CHECKS, parseAcceptance, parseCheck, preShipmentCheck } from '../../domain/delivery-quality';
import { DomainError, invalid } from '../../domain/errors';
import { formatQty, parseQty, sumByKey } from '../../domain/money';
import { assertDeliverable } from '../../domain/stock';
import { defineDocument } from '../../engine/document-type';
import { readVisible } from '../../platform/access';
import { now, todayPlus } from '../../platform/clock';
import { dbDate, type Row } from '../../platform/database';
import { memoized } from '../../platform/memo';
import { paymentTriggered } from '../payment-schedules';
import { refreshCustomerFollowUp } from '../visits';
import { assertOrderCovered } from '../contracts/performance';
import { assertPrepaid } from '../receipts/advances';
import { recordRectification } from './acceptance';
import { issueShipment } from './issue';
import { shipmentLifecycle } from './lifecycle';

const DELIVERABLE_ORDER = ['confirmed', 'partially_shipped'];
const OPEN_NOTE = ['draft', 'submitted'];

/** Quantity of each order line held by open (draft/submitted) delivery notes, except one line or one note. */
async function heldByOpenNotes(
	db: Knex,
	orderLines: number[],
	except: { line?: number; shipment?: number | string } = {},
): Promise<Map<number, bigint>> {
	const rows: Row[] = await db('shipment_lines as l')
		.join('shipments as s', 's.id', 'l.shipment')
		.whereIn('l.order_line', orderLines)
		.whereIn('s.status', OPEN_NOTE)
		.modify((q) => except.line && q.whereNot('l.id', except.line))
		.modify((q) => except.shipment && q.whereNot('s.id', except.shipment))
		.select('l.order_line', 'l.quantity');
	return sumByKey(
		rows,
		(r) => Number(r.order_line),
		(r) => parseQty(r.quantity),
	);
}

const orderLineWithSku = (db: Knex, id: number): Promise<Row | undefined> =>
	db('sales_order_lines as l').join('products as p', 'p.id', 'l.product').where('l.id', id).first('l.*', 'p.sku');

export const shipments = defineDocument({
	collection: 'shipments',
	lifecycle: shipmentLifecycle,
	fixedAfterCreate: ['order', 'customer'],
	// The note's own amount (its lines at their prices), kept with its lines: the sales trend reads notes.
	totals: (db, id) => db('shipment_lines').where({ shipment: id }).select('quantity', 'unit_price', 'tax_rate'),
	totalsInto: (amounts) => ({ amount: amounts.total }),
	archive: { statuses: ['accepted', 'cancelled'], grant: 'archive_documents' },
	lines: [
		{
			collection: 'shipment_lines',
			required: ['order_line', 'quantity'],
			onWrite: async (ctx, payload, current, parent) => {
				const orderLineId = payload.order_line ?? current?.order_line;
				const orderLine = orderLineId ? await orderLineWithSku(ctx.db, orderLineId) : undefined;
				if (!orderLine || (parent && orderLine.order !== parent.order)) {
					throw invalid('order_line', `order line ${orderLineId ?? '(missing)'} is not a line of the delivery note's order`);
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
			},
		},
	],
	onCreate: async (ctx, payload) => {
		const order = await readVisible(ctx, 'sales_orders', payload.order, 'order');
		if (!DELIVERABLE_ORDER.includes(order.status)) {
			throw new DomainError('APPROVAL_REQUIRED', `${order.number} is ${order.status}; only a confirmed order can be delivered`, 409, {
				field: 'order',
				status: order.status,
			});
		}
		if (payload.customer !== undefined && payload.customer !== order.customer)
			throw invalid('customer', `customer must be the order's customer`);
		const warehouse = payload.warehouse ?? null;
		if (
			warehouse === null ||
			!(await memoized(ctx.db, `warehouses:${warehouse}`, () => ctx.db('warehouses').where({ id: warehouse }).first()))
		) {
			throw invalid('warehouse', `warehouse ${payload.warehouse ?? '(missing)'} does not exist`);
		}
		payload.customer = order.customer;
		payload.ship_to ??= order.ship_to;
		if (payload.lines === undefined) {
			// Everything still to deliver, by default.
			const lines: Row[] = await ctx.db('sales_order_lines').where({ order: order.id }).orderBy('id');
			const held = await heldByOpenNotes(
				ctx.db,
				lines.map((l) => l.id),
			);
			payload.lines = lines
				.map((l) => ({ order_line: l.id, left: parseQty(l.quantity) - parseQty(l.shipped_qty) - (held.get(Number(l.id)) ?? 0n) }))
				.filter((l) => l.left > 0n)
				.map((l) => ({ order_line: l.order_line, quantity: formatQty(l.left) }));
		}
	},
	onUpdate: async (ctx, keys, payload) => {
		const checks = PRE_SHIPMENT_CHECKS.filter((f) => f in payload);
		for (const f of checks) parseCheck(f, payload[f]);
		if (checks.length) {
			const done = await ctx.db('shipments').whereIn('id', keys).whereNotIn('status', OPEN_NOTE).first('number', 'status');
			if (done) throw invalid(checks[0]!, `${done.number} is ${done.status}: the pre-shipment check is recorded when issuing`);
		}
		const acceptance = parseAcceptance(payload);
		if (acceptance?.result === 'needs_rectification') {
			// Written here, with its history and the rep's notice, in one transaction; Directus writes the rest.
			await recordRectification(ctx, keys, payload, acceptance);
			for (const f of ['acceptance', 'acceptance_note', 'rectification_note', 'rectification_due']) delete payload[f];
		}
		return undefined;
	},
	effects: {
		'draft->submitted': async ({ trx, id, row }) => {
			const lines: Row[] = await trx('shipment_lines').where({ shipment: id });
			if (!lines.length) throw invalid('lines', `${row.number} has no lines`);
			const order = await trx('sales_orders').where({ id: row.order }).first('number', 'status');
			if (!DELIVERABLE_ORDER.includes(order.status)) throw new DomainError('APPROVAL_REQUIRED', `${order.number} is ${order.status}`, 409);
			// A note can always be drafted; it goes to the warehouse only for an order under a signed contract
			// and with its before-shipment share paid in advance (both checked again at issue).
			await assertOrderCovered(trx, row.order);
			await assertPrepaid(trx, row.order);
			// Two queries for the whole note: its order lines, and what other open notes hold of them.
			const ids = [...new Set(lines.map((l) => l.order_line as number))];
			const orderLines = new Map(
				(
					(await trx('sales_order_lines as l')
						.join('products as p', 'p.id', 'l.product')
						.whereIn('l.id', ids)
						.select('l.id', 'l.quantity', 'l.shipped_qty', 'p.sku')) as Row[]
				).map((r) => [Number(r.id), r]),
			);
			const elsewhere = await heldByOpenNotes(trx, ids, { shipment: id });
			for (const l of lines) {
				const orderLine = orderLines.get(Number(l.order_line))!;
				const onThisNote = lines
					.filter((x) => x.order_line === l.order_line && x.id !== l.id)
					.reduce((sum, x) => sum + parseQty(x.quantity), 0n);
				const openOther = (elsewhere.get(Number(l.order_line)) ?? 0n) + onThisNote;
				assertDeliverable(
					{ sku: orderLine.sku, ordered: parseQty(orderLine.quantity), shipped: parseQty(orderLine.shipped_qty), openOther },
					parseQty(l.quantity),
				);
			}
			return undefined;
		},
		'submitted->issued': async (m) => {
			// The warehouse's check (003): unrecorded points pass, a failure refuses the issue (and rolls back what was sent with it).
			const checked = preShipmentCheck(m.row.number, m.row);
			await m
				.trx('shipments')
				.where({ id: m.id })
				.update({ ...checked, checked_by: m.actor.user, checked_at: now() });
			// Here, not in issueShipment: a loan conversion's delivery is exempt (the goods are already at the customer).
			await assertPrepaid(m.trx, m.row.order);
			await issueShipment(m, { id: Number(m.id), number: m.row.number, order: m.row.order, warehouse: m.row.warehouse });
			return undefined;
		},
		'issued->delivered': async ({ trx, id, row }) => {
			if (!row.delivered_at) await trx('shipments').where({ id }).update({ delivered_at: now() });
			await paymentTriggered(trx, [Number(row.order)], 'after_delivery');
			return undefined;
		},
		/** Acceptance schedules the after-sales follow-up visit 3–7 days later for the owner (售后回访). */
		'delivered->accepted': async ({ trx, id, row, actor, payload }) => {
			// The move records the result 合格; a rectification is recorded without a status (onUpdate).
			if ('acceptance' in payload && payload.acceptance !== 'accepted')
				throw invalid(
					'acceptance',
					`${row.number}: moving to "accepted" records the result "accepted", not ${JSON.stringify(payload.acceptance)}`,
				);
			await trx('shipments').where({ id }).update({ acceptance: 'accepted' });
			await trx('visits').insert({
				owner: row.owner,
				customer: row.customer,
				shipment: id,
				kind: 'after_sales',
				state: 'planned',
				// Planned by the standard itself (售后回访): no plan approval to ask for.
				status: 'approved',
				visited_on: dbDate(trx, todayPlus(3)),
				next_date: dbDate(trx, todayPlus(7)),
				purpose: `售后回访 ${row.number}（验收后3–7天内） / After-sales follow-up`,
				date_created: now(),
				user_created: actor.user,
			});
			await refreshCustomerFollowUp(trx, [row.customer]);
			await paymentTriggered(trx, [Number(row.order)], 'after_acceptance');
			return undefined;
		},
	},
});
