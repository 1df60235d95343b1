// What the order tells people (PROCESS.md §12 "People are told at once"): on confirmation the warehouse
// and the sales assistants get the 订单执行通知 (002/003); once an order is past its ship-by date with
// goods still to ship, the rep and the assistants are told, once (a scheduled job).
import type { Knex } from 'knex';
import { isLate } from '../../domain/delivery-quality';
import { roleId } from '../../domain/ids';
import { displayQty, parseQty } from '../../domain/money';
import type { DocContext } from '../../engine/document-type';
import { inTransaction } from '../../engine/status';
import { now, today } from '../../platform/clock';
import { asSystem } from '../../platform/context';
import { dateRange, dayOf, lockRow, type Row } from '../../platform/database';
import { itemLink, notifyAll, usersWithRole } from '../../platform/notify';

const orderLines = async (trx: Knex, order: number | string): Promise<string> =>
	(
		(await trx('sales_order_lines as l')
			.join('products as p', 'p.id', 'l.product')
			.where('l.order', order)
			.orderBy('l.id')
			.select('p.sku', 'p.name', 'l.quantity')) as Row[]
	)
		.map((l) => `${l.sku} ${l.name} × ${displayQty(parseQty(l.quantity))}`)
		.join('；');

const assistants = (trx: Knex) => usersWithRole(trx, roleId('sales_assistant'));

/** 订单执行通知: to every active warehouse user and sales assistant, in the confirming transaction. */
export async function noticeOrderConfirmed(trx: Knex, id: number | string): Promise<void> {
	const order: Row = await trx('sales_orders as o')
		.join('customers as c', 'c.id', 'o.customer')
		.where('o.id', id)
		.first('o.id', 'o.number', 'o.ship_by', 'o.ship_to', 'c.name as customer');
	const recipients = [...new Set([...(await usersWithRole(trx, roleId('warehouse'))), ...(await assistants(trx))])];
	await notifyAll(trx, recipients, {
		subject: `订单执行通知 / Order to execute: ${order.number} ${order.customer}`,
		message: [
			`客户 / Customer: ${order.customer}`,
			`明细 / Lines: ${await orderLines(trx, id)}`,
			`最迟发货日 / Ship by: ${dayOf(order.ship_by) ?? '—'}`,
			order.ship_to ? `收货地址 / Ship to: ${order.ship_to}` : '',
			itemLink('sales_orders', order.id),
		]
			.filter(Boolean)
			.join('\n'),
		collection: 'sales_orders',
		item: order.id,
		event: 'salesflow.notice.order_confirmed',
		number: order.number,
	});
}

/**
 * Tells the rep and the sales assistants of each order past its ship-by date with goods still to
 * ship: once per order (late_notified_at, set under the order's row lock and re-checked inside).
 */
export async function noticeLateOrders(ctx: DocContext, day: string = today()): Promise<number> {
	const before = dateRange(ctx.db, 'ship_by', undefined, day);
	const candidates: Row[] = await ctx
		.db('sales_orders')
		.whereIn('status', ['confirmed', 'partially_shipped'])
		.whereNull('late_notified_at')
		.whereRaw(before.sql, before.bindings)
		.select('id');
	let told = 0;
	for (const { id } of candidates) {
		const done = await inTransaction(asSystem(ctx), async (t) => {
			const order = await lockRow(t.trx, 'sales_orders', id);
			if (!order || order.late_notified_at || !isLate({ status: order.status, ship_by: dayOf(order.ship_by) }, day)) return false;
			await t.trx('sales_orders').where({ id }).update({ late_notified_at: now() });
			const customer = await t.trx('customers').where({ id: order.customer }).first('name');
			const recipients = [...new Set([order.owner, ...(await assistants(t.trx))].filter((r): r is string => Boolean(r)))];
			await notifyAll(t.trx, recipients, {
				subject: `订单逾期未发货 / Order late: ${order.number} ${customer?.name ?? ''}`.trim(),
				message: [
					`最迟发货日 ${dayOf(order.ship_by)} 已过，仍有货物未发，请告知客户。 / Past its ship-by date ${dayOf(order.ship_by)} with goods still to ship: tell the customer.`,
					`明细 / Lines: ${await orderLines(t.trx, id)}`,
					itemLink('sales_orders', id),
				].join('\n'),
				collection: 'sales_orders',
				item: id,
				event: 'salesflow.notice.order_late',
				number: order.number,
			});
			return true;
		});
		if (done) told += 1;
	}
	return told;
}
