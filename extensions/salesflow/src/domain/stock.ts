// Stock arithmetic: move types and their sign, never-negative on hand, and the limits on
// delivering, returning and giving back loaned goods.
import { DomainError } from './errors';
import { displayQty } from './money';

export const MOVE_TYPES = {
	sales_out: { sign: -1, en: 'Sales out', zh: '销售出库' },
	return_in: { sign: 1, en: 'Return in', zh: '退货入库' },
	loan_out: { sign: -1, en: 'Loan out', zh: '借出出库' },
	loan_return_in: { sign: 1, en: 'Loan return in', zh: '借出归还入库' },
	loan_convert_in: { sign: 1, en: 'Loan conversion in', zh: '借出转换其他入库' },
	adjust_in: { sign: 1, en: 'Stock gain', zh: '盘盈' },
	adjust_out: { sign: -1, en: 'Stock loss', zh: '盘亏' },
	purchase_in: { sign: 1, en: 'Purchase/production in', zh: '采购/生产入库' },
} as const;

export type MoveType = keyof typeof MOVE_TYPES;

/** The signed ledger quantity of a move of `qtyMilli` (> 0) units. */
export function signedMoveQuantity(type: MoveType, qtyMilli: bigint): bigint {
	if (qtyMilli <= 0n) throw new DomainError('INVALID_PAYLOAD', `stock move quantity must be greater than 0, got ${displayQty(qtyMilli)}`, 400, { field: 'quantity' });
	return MOVE_TYPES[type].sign < 0 ? -qtyMilli : qtyMilli;
}

/** On hand after a move; refuses to go below zero with the figures a warehouse person needs. */
export function applyMove(onHand: bigint, delta: bigint, where: { sku: string; warehouse: string }): bigint {
	const next = onHand + delta;
	if (next < 0n) throw insufficientStockError({ ...where, onHand, requested: -delta });
	return next;
}

export function insufficientStockError(x: { sku: string; warehouse: string; onHand: bigint; requested: bigint }): DomainError {
	return new DomainError('INSUFFICIENT_STOCK', `${x.sku} at ${x.warehouse}: on hand ${displayQty(x.onHand)}, requested ${displayQty(x.requested)}`, 409, {
		sku: x.sku,
		warehouse: x.warehouse,
		on_hand: displayQty(x.onHand),
		requested: displayQty(x.requested),
	});
}
