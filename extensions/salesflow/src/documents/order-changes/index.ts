// Order changes (订单变更): a confirmed order is locked; changes — quantities and prices, the requested
// date, the ship-to address, or cancelling the order (kind `cancel`, only while nothing was shipped) —
// are approved by the rules (the division head by default) and applied in the approving transaction,
// never below what was already shipped.
import type { Knex } from 'knex';
import { computeLine } from '../../domain/document-totals';
import { DomainError, invalid } from '../../domain/errors';
import { displayQty, parseMoney, parseQty } from '../../domain/money';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument, type TrxDocContext } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { recomputeTotals } from '../../engine/totals';
import { readVisible } from '../../platform/access';
import { nestedRows } from '../../platform/input';
import { lockRow, type Row } from '../../platform/database';
import { assertWithinContract, type CallOffLine } from '../contracts/call-offs';
import { rescheduleOrder } from '../payment-schedules';
import { assertCancellable } from '../sales-orders';
import { refreshOrder } from '../sales-orders/rollups';
import { orderChangeLifecycle } from './lifecycle';

/** Orders that take changes (a draft is edited directly). */
const CHANGEABLE = ['confirmed', 'partially_shipped'];

function assertNotBelowShipped(line: Row, newQuantity: unknown): void {
	if (newQuantity === null || newQuantity === undefined) return;
	const q = parseQty(newQuantity as string);
	const shipped = parseQty(line.shipped_qty);
	if (q <= 0n || q < shipped) {
		throw new DomainError(
			'OVER_DELIVERY',
			`order line ${line.id}: new quantity ${displayQty(q)} is below what was shipped (${displayQty(shipped)})`,
			409,
			{
				field: 'new_quantity',
			},
		);
	}
}

/**
 * An order against a contract stays within it after the change: its lines as the change would leave
 * them, checked under the contract's row lock (as an order's submit is) when the change is submitted
 * and again when it is applied. A change that only lowers quantities or raises prices cannot leave
 * the contract, and is not refused when the contract has since been completed or terminated.
 */
async function assertChangeWithinContract(trx: Knex, change: Row): Promise<void> {
	const order = await trx('sales_orders').where({ id: change.order }).first('id', 'customer', 'contract');
	if (!order?.contract) return;
	const edits: Row[] = await trx('order_change_lines').where({ change: change.id }).select('order_line', 'new_quantity', 'new_unit_price');
	const lines: Row[] = await trx('sales_order_lines')
		.where({ order: order.id })
		.orderBy('id')
		.select('id', 'product', 'quantity', 'unit_price');
	const edit = new Map(edits.map((e) => [String(e.order_line), e]));
	const takesMore = lines.some((l) => {
		const e = edit.get(String(l.id));
		return (
			e &&
			((e.new_quantity != null && parseQty(e.new_quantity) > parseQty(l.quantity)) ||
				(e.new_unit_price != null && parseMoney(e.new_unit_price) < parseMoney(l.unit_price)))
		);
	});
	if (!takesMore) return;
	const contract = (await lockRow(trx, 'contracts', order.contract))!;
	const after: CallOffLine[] = lines.map((l) => {
		const e = edit.get(String(l.id));
		return { product: l.product, quantity: e?.new_quantity ?? l.quantity, unit_price: e?.new_unit_price ?? l.unit_price };
	});
	await assertWithinContract(trx, contract, { order: order.id, customer: order.customer, lines: after });
}

async function applyChange(t: TrxDocContext, change: Row): Promise<void> {
	const { trx } = t;
	const [changeId, orderId] = [Number(change.id), Number(change.order)];
	if (change.kind === 'cancel') {
		await moveAsSystem(t, { collection: 'sales_orders', id: orderId, to: 'cancelled', reason: `${change.number}: ${change.reason}` });
		return;
	}
	await assertChangeWithinContract(trx, change);
	const order: Row = {};
	if (change.new_requested_date) order.requested_date = change.new_requested_date;
	if (change.new_ship_to) order.ship_to = change.new_ship_to;
	if (Object.keys(order).length) await trx('sales_orders').where({ id: orderId }).update(order);
	const changes: Row[] = await trx('order_change_lines').where({ change: changeId }).orderBy('id');
	for (const c of changes) {
		const line = (await lockRow(trx, 'sales_order_lines', c.order_line))!;
		assertNotBelowShipped(line, c.new_quantity);
		const quantity = c.new_quantity ?? line.quantity;
		const unit_price = c.new_unit_price ?? line.unit_price;
		await trx('sales_order_lines')
			.where({ id: line.id })
			.update({ quantity, unit_price, ...computeLine({ quantity, unit_price, tax_rate: line.tax_rate }) });
	}
	await recomputeTotals(trx, t.documents.document('sales_orders'), orderId);
	await rescheduleOrder(trx, orderId);
	await refreshOrder(t, orderId);
}

export const orderChanges = defineDocument({
	collection: 'order_changes',
	lifecycle: orderChangeLifecycle,
	fixedAfterCreate: ['order', 'kind'],
	lines: [
		{
			collection: 'order_change_lines',
			required: ['order_line'],
			optionalWhen: (change) => change.kind === 'cancel' || Boolean(change.new_requested_date || change.new_ship_to),
			onWrite: async (ctx, payload, current, parent) => {
				const line = await ctx
					.db('sales_order_lines')
					.where({ id: payload.order_line ?? current?.order_line ?? null })
					.first();
				if (!line || (parent && line.order !== parent.order)) {
					throw new DomainError('INVALID_PAYLOAD', `order line ${payload.order_line} is not on the changed order`, 400, {
						field: 'order_line',
					});
				}
				assertNotBelowShipped(line, payload.new_quantity ?? current?.new_quantity);
			},
		},
	],
	onCreate: async (ctx, payload) => {
		const order = await readVisible(ctx, 'sales_orders', payload.order, 'order');
		// Its choices and the date's shape are checked with every write (platform/input.ts); the schema's default is not in the payload yet.
		payload.kind ??= 'change';
		if (payload.kind === 'cancel') {
			if (order.status !== 'confirmed')
				throw new DomainError(
					'INVALID_TRANSITION',
					`${order.number} is ${order.status}; only a confirmed order is cancelled by a change`,
					409,
				);
			if (nestedRows(payload.changes).length || payload.new_requested_date || payload.new_ship_to)
				throw invalid('kind', 'a cancellation changes nothing else: no lines, date or address');
			await assertCancellable(ctx.db, order);
			return;
		}
		if (!CHANGEABLE.includes(order.status)) {
			throw new DomainError(
				'INVALID_TRANSITION',
				`${order.number} is ${order.status}; only a confirmed order takes changes (edit a draft directly)`,
				409,
			);
		}
	},
	effects: {
		submitted: async (m) => {
			await assertChangeWithinContract(m.trx, m.row);
			return submitForApproval(m);
		},
	},
	onApproved: async (m) => {
		await applyChange(m, m.row);
		return 'applied';
	},
});
