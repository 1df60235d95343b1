// Available to promise, read from the ledger: on hand (stock_levels) less what is promised — confirmed
// or partly shipped orders (ordered − shipped) and approved loans not yet issued. One grouped query per
// kind, summed in SQL as whole thousandths so both databases give exact bigints.
import type { Knex } from 'knex';
import { availability, type ProductAvailability } from '../domain/availability';
import { milli, whole, type Row } from '../platform/database';

/** Order statuses whose unshipped quantity is promised to the customer. */
const RESERVING_ORDERS = ['confirmed', 'partially_shipped'];
/** Loans reserve from approval until the warehouse issues them (then on hand drops instead). */
const RESERVING_LOANS = ['approved'];

/**
 * Per product of `products`: on hand, reserved and available in total and per warehouse. Orders name no
 * warehouse before a delivery note does (the note picks it), so they reserve against the product total;
 * a loan names its warehouse and reserves there. `excludeOrder` leaves one order's own lines out.
 */
export async function stockAvailability(db: Knex, products: number[], excludeOrder?: number): Promise<Map<number, ProductAvailability>> {
	if (!products.length) return new Map();
	const open = `CASE WHEN l.quantity - COALESCE(l.shipped_qty, 0) > 0 THEN l.quantity - COALESCE(l.shipped_qty, 0) ELSE 0 END`;
	const [levels, orders, loans] = (await Promise.all([
		db('stock_levels')
			.whereIn('product', products)
			.select('product', 'warehouse', db.raw(`${milli(db, 'on_hand')} as milli`)),
		db('sales_order_lines as l')
			.join('sales_orders as o', 'o.id', 'l.order')
			.whereIn('o.status', RESERVING_ORDERS)
			.whereIn('l.product', products)
			.modify((q) => excludeOrder !== undefined && q.whereNot('o.id', excludeOrder))
			.groupBy('l.product')
			.select('l.product', db.raw(`SUM(${milli(db, open)}) as milli`)),
		db('loan_lines as l')
			.join('loans as n', 'n.id', 'l.loan')
			.whereIn('n.status', RESERVING_LOANS)
			.whereIn('l.product', products)
			.groupBy('l.product', 'n.warehouse')
			.select('l.product', 'n.warehouse', db.raw(`SUM(${milli(db, 'l.quantity')}) as milli`)),
	])) as Row[][];
	return availability(
		levels.map((r) => ({ product: r.product, warehouse: r.warehouse, onHandMilli: whole(r.milli) })),
		[
			...orders.map((r) => ({ product: r.product, warehouse: null, quantityMilli: whole(r.milli) })),
			...loans.map((r) => ({ product: r.product, warehouse: r.warehouse, quantityMilli: whole(r.milli) })),
		],
	);
}
