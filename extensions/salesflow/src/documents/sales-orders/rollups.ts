// Order line rollups (shipped, returned, invoiced) and the order status and percentages that follow
// from them. Called inside the transaction that moves the goods or issues the invoice; a status change
// goes through the status door like any other.
import { formatQty, parseQty } from '../../domain/money';
import { orderStatusFromRollups, percent } from '../../domain/stock';
import type { TrxDocContext } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { forNoKeyUpdate, type Row } from '../../platform/database';
import type { Knex } from 'knex';
import { type Moving, refreshPerformance } from '../contracts/performance';

type Rollup = 'shipped_qty' | 'returned_qty' | 'invoiced_qty';

/** Adds `delta` (thousandths, may be negative) to a rollup of a line. */
export async function addToRollup(
	trx: Knex,
	table: 'sales_order_lines' | 'shipment_lines' | 'loan_lines',
	id: number,
	field: Rollup | 'converted_qty',
	delta: bigint,
): Promise<void> {
	// Read under the row lock the update takes anyway (PostgreSQL): two documents adding to the same
	// line at once would otherwise both add to the same old figure, losing one quantity.
	const row = await forNoKeyUpdate(trx, trx(table).where({ id }).first(field));
	await trx(table)
		.where({ id })
		.update({ [field]: formatQty(parseQty(row[field]) + delta) });
}

const SHIPPING = ['confirmed', 'partially_shipped', 'shipped'];

/**
 * Recomputes an order's % shipped / % invoiced, while it is being shipped its status, and its contract's
 * performance (`moving`: the delivery note or invoice whose move is being made).
 */
export async function refreshOrder(t: TrxDocContext, orderId: number, moving?: Moving): Promise<void> {
	const { trx } = t;
	// Locked first (PostgreSQL), so the lines are read after any other refresh of this order has
	// committed: a stale read would write back an old status or percentage.
	const order = await forNoKeyUpdate(trx, trx('sales_orders').where({ id: orderId }).first('status', 'contract'));
	const lines: Row[] = await trx('sales_order_lines').where({ order: orderId }).select('quantity', 'shipped_qty', 'invoiced_qty');
	const sum = (k: string) => lines.reduce((s, l) => s + parseQty(l[k]), 0n);
	const ordered = sum('quantity');
	await trx('sales_orders')
		.where({ id: orderId })
		.update({ percent_shipped: percent(sum('shipped_qty'), ordered), percent_invoiced: percent(sum('invoiced_qty'), ordered) });
	if (SHIPPING.includes(order.status)) {
		const status = orderStatusFromRollups(lines.map((l) => ({ ordered: parseQty(l.quantity), shipped: parseQty(l.shipped_qty) })));
		if (status !== order.status) await moveAsSystem(t, { collection: 'sales_orders', id: orderId, to: status });
	}
	// Last, after the order and its lines: the contract lock always comes after them (documents/contracts/performance.ts).
	if (order.contract) await refreshPerformance(trx, order.contract, moving);
}
