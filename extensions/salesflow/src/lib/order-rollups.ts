// Order line rollups (shipped, returned, invoiced) and the order status and percentages that
// follow from them. Called inside the transaction that moves the goods or issues the invoice.
import type { Knex } from 'knex';
import { formatQty, parseQty } from '../domain/money';
import { orderStatusFromRollups, percent } from '../domain/stock';

type Rollup = 'shipped_qty' | 'returned_qty' | 'invoiced_qty';

/** Adds `delta` (thousandths, may be negative) to a rollup of an order line. */
export async function addToRollup(trx: Knex, table: 'sales_order_lines' | 'shipment_lines' | 'loan_lines', id: number, field: Rollup | 'converted_qty', delta: bigint): Promise<void> {
	const row = await trx(table).where({ id }).first(field);
	await trx(table).where({ id }).update({ [field]: formatQty(parseQty(row[field]) + delta) });
}

/** Recomputes an order's status (while it is being shipped) and its % shipped / % invoiced. */
export async function refreshOrder(trx: Knex, orderId: number): Promise<void> {
	const order = await trx('sales_orders').where({ id: orderId }).first('status');
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
