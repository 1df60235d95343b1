// Stock arithmetic (quantities in thousandths): move types and their sign, never-negative on hand,
// and the limits on delivering, returning and giving back loaned goods. Refusals carry the figures.
import { DomainError, ErrorCode, invalid } from './errors';
import { atLeastZero, displayQty, formatScaled, mulDivRound } from './money';

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

function assertPositive(qtyMilli: bigint, what: string): void {
	if (qtyMilli <= 0n) throw invalid('quantity', `${what} quantity must be greater than 0, got ${displayQty(qtyMilli)}`);
}

/** The signed ledger quantity of a move of `qtyMilli` (> 0) units. */
export function signedMoveQuantity(type: MoveType, qtyMilli: bigint): bigint {
	assertPositive(qtyMilli, 'stock move');
	return MOVE_TYPES[type].sign < 0 ? -qtyMilli : qtyMilli;
}

export function insufficientStockError(x: { sku: string; warehouse: string; onHand: bigint; requested: bigint }): DomainError {
	return new DomainError(
		ErrorCode.INSUFFICIENT_STOCK,
		`${x.sku} at ${x.warehouse}: on hand ${displayQty(x.onHand)}, requested ${displayQty(x.requested)}`,
		409,
		{
			sku: x.sku,
			warehouse: x.warehouse,
			on_hand: displayQty(x.onHand),
			requested: displayQty(x.requested),
		},
	);
}

/** On hand after a move; stock never goes below zero. */
export function applyMove(onHand: bigint, delta: bigint, where: { sku: string; warehouse: string }): bigint {
	const next = onHand + delta;
	if (next < 0n) throw insufficientStockError({ ...where, onHand, requested: -delta });
	return next;
}

/** What a 409 says: `SKU: label figure, …, requested n`, figures also in the extensions. */
function overError(code: string, sku: string, figures: Array<[label: string, key: string, qty: bigint]>, requested: bigint): DomainError {
	const text = figures.map(([label, , q]) => `${label} ${displayQty(q)}`).join(', ');
	const extensions = Object.fromEntries([
		['sku', sku],
		...figures.map(([, key, q]) => [key, displayQty(q)]),
		['requested', displayQty(requested)],
	]);
	return new DomainError(code, `${sku}: ${text}, requested ${displayQty(requested)}`, 409, extensions);
}

/** Ordered − shipped − on other open delivery notes (draft/submitted), never below zero. */
export const remainingToDeliver = (orderedMilli: bigint, shippedMilli: bigint, openOtherDeliveriesMilli: bigint) =>
	atLeastZero(orderedMilli - shippedMilli - openOtherDeliveriesMilli);

export function assertDeliverable(line: { sku: string; ordered: bigint; shipped: bigint; openOther: bigint }, requested: bigint): void {
	assertPositive(requested, 'delivery');
	if (requested <= remainingToDeliver(line.ordered, line.shipped, line.openOther)) return;
	throw overError(
		ErrorCode.OVER_DELIVERY,
		line.sku,
		[
			['ordered', 'ordered', line.ordered],
			['shipped', 'shipped', line.shipped],
			['on open delivery notes', 'open_other', line.openOther],
		],
		requested,
	);
}

/** Returns are limited by what was delivered less what was returned or is on pending return requests. */
export function assertReturnable(line: { sku: string; shipped: bigint; returned: bigint; pending: bigint }, requested: bigint): void {
	assertPositive(requested, 'return');
	if (requested <= atLeastZero(line.shipped - line.returned - line.pending)) return;
	throw overError(
		ErrorCode.OVER_RETURN,
		line.sku,
		[
			['shipped', 'shipped', line.shipped],
			['returned', 'returned', line.returned],
			['on pending return requests', 'pending', line.pending],
		],
		requested,
	);
}

/** A loan line gives back (or converts) at most what is still out: lent − returned − converted. */
export function assertLoanReturnable(
	line: { sku: string; lent: bigint; returned: bigint; converted: bigint; pending?: bigint },
	requested: bigint,
): void {
	assertPositive(requested, 'loan return');
	const pending = line.pending ?? 0n;
	if (requested <= atLeastZero(line.lent - line.returned - line.converted - pending)) return;
	const figures: Array<[string, string, bigint]> = [
		['lent', 'lent', line.lent],
		['returned', 'returned', line.returned],
		['converted', 'converted', line.converted],
	];
	if (pending) figures.push(['on other open returns/conversions', 'pending', pending]);
	throw overError(ErrorCode.OVER_RETURN, line.sku, figures, requested);
}

/** A confirmed order's status from its line rollups: nothing shipped, some, or every line in full. */
export function orderStatusFromRollups(lines: Array<{ ordered: bigint; shipped: bigint }>): 'confirmed' | 'partially_shipped' | 'shipped' {
	if (!lines.some((l) => l.shipped > 0n)) return 'confirmed';
	return lines.every((l) => l.shipped >= l.ordered) ? 'shipped' : 'partially_shipped';
}

/** part / whole as a percentage with one decimal ("66.7"); "0.0" when there is no whole. */
export const percent = (part: bigint, whole: bigint) => formatScaled(whole === 0n ? 0n : mulDivRound(part, 1000n, whole), 1);
