// Order line rollups (shipped, returned, invoiced) and the order status and percentages that
// follow from them. Called inside the transaction that moves the goods or issues the invoice.
import type { Knex } from 'knex';
import { formatQty, parseQty } from '../domain/money';
import { orderStatusFromRollups, percent } from '../domain/stock';
import { lockedForUpdate } from './context';

type Rollup = 'shipped_qty' | 'returned_qty' | 'invoiced_qty';

/** Adds `delta` (thousandths, may be negative) to a rollup of an order line. */
export async function addToRollup(
	trx: Knex,
	table: 'sales_order_lines' | 'shipment_lines' | 'loan_lines',
	id: number,
	field: Rollup | 'converted_qty',
	delta: bigint,
): Promise<void> {
	// Read under the row lock the update takes anyway (PostgreSQL): two documents adding to the same
	// line at once would otherwise both add to the same old figure, losing one quantity.
	const q = trx(table).where({ id }).first(field);
	const row = await lockedForUpdate(trx, q);
	await trx(table)
		.where({ id })
		.update({ [field]: formatQty(parseQty(row[field]) + delta) });
}

/** Recomputes an order's status (while it is being shipped) and its % shipped / % invoiced. */
export async function refreshOrder(trx: Knex, orderId: number): Promise<void> {
	// Locked first (PostgreSQL), so the lines are read after any other refresh of this order has
	// committed: a stale read would write back an old status or percentage.
	const oq = trx('sales_orders').where({ id: orderId }).first('status');
	const order = await lockedForUpdate(trx, oq);
	const lines = await trx('sales_order_lines').where({ order: orderId }).select('quantity', 'shipped_qty', 'invoiced_qty');
	const ordered = lines.reduce((s: bigint, l: any) => s + parseQty(l.quantity), 0n);
	const shipped = lines.reduce((s: bigint, l: any) => s + parseQty(l.shipped_qty), 0n);
	const invoiced = lines.reduce((s: bigint, l: any) => s + parseQty(l.invoiced_qty), 0n);
	const update: Record<string, string> = { percent_shipped: percent(shipped, ordered), percent_invoiced: percent(invoiced, ordered) };
	if (['confirmed', 'partially_shipped', 'shipped'].includes(order.status)) {
		update.status = orderStatusFromRollups(lines.map((l: any) => ({ ordered: parseQty(l.quantity), shipped: parseQty(l.shipped_qty) })));
	}
	await trx('sales_orders').where({ id: orderId }).update(update);
}
