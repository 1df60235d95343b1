// Order changes (订单变更): a confirmed order is locked; changes are approved by the division head
// and applied in the approving transaction, never below what was already shipped.
import type { Knex } from 'knex';
import { computeLine } from '../domain/document-totals';
import { DomainError } from '../domain/errors';
import { displayQty, parseQty } from '../domain/money';
import { readVisible } from '../lib/access';
import { onApproved } from '../lib/approval-engine';
import { lockRow } from '../lib/context';
import { refreshOrder } from '../lib/order-rollups';
import { onCreate, onLineWrite } from './documents';
import { recomputeTotals } from './totals';

const CHANGEABLE = ['confirmed', 'partially_shipped'];

function assertNotBelowShipped(line: { shipped_qty: unknown; id: number }, newQuantity: unknown): void {
	if (newQuantity === null || newQuantity === undefined) return;
	const q = parseQty(newQuantity as string);
	const shipped = parseQty(line.shipped_qty as string);
	if (q <= 0n || q < shipped) {
		throw new DomainError(
			'OVER_DELIVERY',
			`order line ${line.id}: new quantity ${displayQty(q)} is below what was shipped (${displayQty(shipped)})`,
			409,
			{ field: 'new_quantity' },
		);
	}
}

onCreate('order_changes', async (ctx, payload) => {
	const order = await readVisible(ctx, 'sales_orders', payload.order, 'order');
	if (!CHANGEABLE.includes(order.status))
		throw new DomainError(
			'INVALID_TRANSITION',
			`${order.number} is ${order.status}; only a confirmed order takes changes (edit a draft directly)`,
			409,
		);
});

onLineWrite('order_change_lines', async (ctx, payload, current, parent) => {
	const line = await ctx
		.db('sales_order_lines')
		.where({ id: payload.order_line ?? current?.order_line ?? null })
		.first();
	if (!line || (parent && line.order !== parent.order))
		throw new DomainError('INVALID_PAYLOAD', `order line ${payload.order_line} is not on the changed order`, 400, { field: 'order_line' });
	assertNotBelowShipped(line, payload.new_quantity ?? current?.new_quantity);
});

async function applyChange(trx: Knex, changeId: number, orderId: number): Promise<void> {
	const changes = await trx('order_change_lines').where({ change: changeId }).orderBy('id');
	for (const c of changes) {
		const line = await lockRow(trx, 'sales_order_lines', c.order_line);
		assertNotBelowShipped(line, c.new_quantity);
		const quantity = c.new_quantity ?? line.quantity;
		const unit_price = c.new_unit_price ?? line.unit_price;
		await trx('sales_order_lines')
			.where({ id: line.id })
			.update({ quantity, unit_price, ...computeLine({ quantity, unit_price, tax_rate: line.tax_rate }) });
	}
	await recomputeTotals(trx, 'sales_orders', orderId);
	await refreshOrder(trx, orderId);
}

onApproved('order_changes', async ({ trx, id, row }) => {
	await applyChange(trx, Number(id), row.order);
	return 'applied';
});
