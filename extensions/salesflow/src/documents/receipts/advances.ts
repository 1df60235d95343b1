// Advances (预收款/订金): part of a confirmed receipt held against an order before it is invoiced — a
// receipt_allocations row with the order and no invoice. It counts toward the order's before-shipment
// share (the shipment gate, assertPrepaid) and, when an invoice of the order is issued, is applied to it oldest first
// in that transaction: the advance row gives up what it applies to a row that carries the invoice as
// well, so every fen of a receipt stays on exactly one row (receipt allocated = the sum of its rows,
// invoice paid = the sum of its rows).
import type { Knex } from 'knex';
import { DomainError } from '../../domain/errors';
import { formatMoney, parseMoney } from '../../domain/money';
import { applyAdvances, assertPaymentCovered, checkAdvance } from '../../domain/payment-terms';
import { now } from '../../platform/clock';
import { forNoKeyUpdate, forUpdate, insertRow, type Row, sumFen, whole } from '../../platform/database';

export type AdvanceRequest = { order: number; amountFen: bigint };

export type AdvanceMade = { id: number; receipt: number; receipt_number: string; order: number; order_number: string; amount: string };

/** Writes one allocation row: a receipt's `amountFen` to an invoice, held for an order, or both (an applied advance). */
export function insertAllocation(
	trx: Knex,
	row: { receipt: number; invoice?: number | null; order?: number | null; amountFen: bigint },
	user: string | null,
	at: Date,
): Promise<number> {
	return insertRow(trx, 'receipt_allocations', {
		receipt: row.receipt,
		invoice: row.invoice ?? null,
		order: row.order ?? null,
		amount: formatMoney(row.amountFen),
		date_created: at,
		user_created: user,
	});
}

/** Orders a deposit may be taken for: submitted up to shipped — not a draft, rejected, cancelled or closed order. */
const ADVANCEABLE = ['submitted', 'pending_approval', 'confirmed', 'partially_shipped', 'shipped'];

/** All that was advanced to an order, applied to its invoices or not. */
export async function advancedTo(db: Knex, order: number | string): Promise<bigint> {
	const [row] = await db('receipt_allocations')
		.where({ order })
		.select(db.raw(`${sumFen(db, 'amount').sql} as fen`));
	return whole(row?.fen);
}

/**
 * The shipment gate (款到发货): 409 PAYMENT_REQUIRED while the advances to the order cover less than the
 * before-shipment instalments of its payment schedule. Advances only grow, so no lock is needed.
 */
export async function assertPrepaid(db: Knex, order: number | string): Promise<void> {
	const schedule: Row[] = await db('payment_schedules').where({ order, trigger: 'before_shipment' }).select('amount');
	if (!schedule.length) return;
	const o = await db('sales_orders').where({ id: order }).first('number');
	assertPaymentCovered({
		order: o.number,
		requiredFen: schedule.reduce((s, r) => s + parseMoney(r.amount), 0n),
		coveredFen: await advancedTo(db, order),
	});
}

/**
 * Holds parts of a receipt (locked by the caller, with `freeFen` left) as advances to orders of its
 * customer, each order locked in id order and never advanced beyond its total. Returns the rows written.
 */
export async function allocateAdvances(
	trx: Knex,
	receipt: Row,
	freeFen: bigint,
	requests: AdvanceRequest[],
	user: string | null,
): Promise<AdvanceMade[]> {
	const ids = [...new Set(requests.map((r) => r.order))].sort((a, b) => a - b);
	const orders: Row[] = ids.length
		? await forNoKeyUpdate(trx, trx('sales_orders').whereIn('id', ids).orderBy('id').select('id', 'number', 'customer', 'status', 'total'))
		: [];
	const byId = new Map(orders.map((o) => [Number(o.id), o]));
	const advanced = new Map<number, bigint>();
	const made: AdvanceMade[] = [];
	let free = freeFen;
	const at = now();
	for (const r of requests) {
		const order = byId.get(r.order);
		if (!order || String(order.customer) !== String(receipt.customer))
			throw new DomainError('INVALID_PAYLOAD', `order ${r.order} is not an order of the customer of ${receipt.number}`, 400, {
				field: 'allocations.order',
				order: r.order,
			});
		if (!ADVANCEABLE.includes(order.status))
			throw new DomainError(
				'INVALID_TRANSITION',
				`${order.number} is ${order.status}; advances are taken for orders submitted up to shipped`,
				409,
				{
					field: 'allocations.order',
					order: order.id,
					status: order.status,
				},
			);
		const before = advanced.get(r.order) ?? (await advancedTo(trx, r.order));
		checkAdvance({
			receipt: receipt.number,
			order: order.number,
			receiptFreeFen: free,
			orderTotalFen: parseMoney(order.total ?? 0),
			orderAdvancedFen: before,
			amountFen: r.amountFen,
		});
		advanced.set(r.order, before + r.amountFen);
		free -= r.amountFen;
		const id = await insertAllocation(trx, { receipt: receipt.id, order: order.id, amountFen: r.amountFen }, user, at);
		made.push({
			id,
			receipt: receipt.id,
			receipt_number: receipt.number,
			order: order.id,
			order_number: order.number,
			amount: formatMoney(r.amountFen),
		});
	}
	return made;
}

/**
 * Applies the unapplied advances of `orders` to an invoice being issued, oldest first, up to its open
 * amount; the advance rows are locked first (two invoices of one order issued at once apply each
 * advance once). Returns the fen applied.
 */
export async function applyAdvancesToInvoice(
	trx: Knex,
	invoice: number,
	orders: number[],
	openFen: bigint,
	user: string | null,
): Promise<bigint> {
	if (!orders.length || openFen <= 0n) return 0n;
	const rows: Row[] = await forUpdate(
		trx,
		trx('receipt_allocations').whereIn('order', orders).whereNull('invoice').orderBy('id').select('id', 'receipt', 'order', 'amount'),
	);
	const byId = new Map(rows.map((r) => [Number(r.id), r]));
	const applied = applyAdvances(
		rows.map((r) => ({ id: Number(r.id), freeFen: parseMoney(r.amount) })),
		openFen,
	);
	const at = now();
	let total = 0n;
	for (const a of applied) {
		const row = byId.get(a.id)!;
		const left = parseMoney(row.amount) - a.amountFen;
		if (left === 0n) await trx('receipt_allocations').where({ id: a.id }).delete();
		else
			await trx('receipt_allocations')
				.where({ id: a.id })
				.update({ amount: formatMoney(left) });
		await insertAllocation(trx, { receipt: row.receipt, order: row.order, invoice, amountFen: a.amountFen }, user, at);
		total += a.amountFen;
	}
	return total;
}
