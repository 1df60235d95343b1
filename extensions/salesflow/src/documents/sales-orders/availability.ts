// Available to promise on submit (可用量): each line keeps its product's on hand, reserved, available and
// shortage as they stood (other orders and loans only), and the approval reads them back from there.
import type { Knex } from 'knex';
import { type LineAvailability, lineAvailability, type StockFigures } from '../../domain/availability';
import { parseQty } from '../../domain/money';
import type { Id } from '../../engine/document-type';
import type { Row } from '../../platform/database';
import { stockAvailability } from '../../stock/availability';

const orderLines = (db: Knex, order: Id, ...columns: string[]): Promise<Row[]> =>
	db('sales_order_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.order', order)
		.orderBy('l.id')
		.select('l.product', 'p.sku', 'l.quantity', ...columns);

const asked = (lines: Row[]) =>
	lines.map((l, i) => ({ index: i + 1, product: l.product, sku: l.sku, quantityMilli: parseQty(l.quantity) }));

/** Computes and stores the figures of the order's lines (one write per product: they share them). */
export async function recordAvailability(trx: Knex, order: Id): Promise<void> {
	const lines = await orderLines(trx, order);
	const products = [...new Set(lines.map((l) => l.product as number))];
	const figures = lineAvailability(asked(lines), await stockAvailability(trx, products, Number(order)));
	for (const product of products) {
		const f = figures[lines.findIndex((l) => l.product === product)]!;
		await trx('sales_order_lines').where({ order, product }).update({
			on_hand_at_submit: f.on_hand,
			reserved_at_submit: f.reserved,
			available_at_submit: f.available,
			shortage_at_submit: f.shortage_qty,
		});
	}
}

/** The figures recordAvailability stored, per line; none for lines it has not seen. */
export async function submittedAvailability(db: Knex, order: Id): Promise<LineAvailability[]> {
	const lines = (await orderLines(db, order, 'l.on_hand_at_submit', 'l.reserved_at_submit')).filter((l) => l.on_hand_at_submit !== null);
	const stock = new Map<number, StockFigures>(
		lines.map((l) => {
			const onHand = parseQty(l.on_hand_at_submit);
			const reserved = parseQty(l.reserved_at_submit);
			return [l.product, { onHand, reserved, available: onHand - reserved }];
		}),
	);
	return lineAvailability(asked(lines), stock);
}
