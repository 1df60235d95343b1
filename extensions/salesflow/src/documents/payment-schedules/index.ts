// An order's payment schedule (付款计划): written from its payment term when the order is confirmed,
// recomputed when an approved change moves the total, removed when the order is cancelled. Each
// instalment's due date is set once, when its trigger first happens (confirmation, first delivery,
// first acceptance, first invoice), plus its days on the company calendar. Invoices of an order with
// a schedule are due as domain/payment-terms.ts invoiceDueDate says, so aging follows the instalments.
import type { Knex } from 'knex';
import { receivedShare } from '../../domain/contract-performance';
import { formatMoney, formatScaled, parseMoney, parseScaled } from '../../domain/money';
import {
	checkTermLines,
	instalmentDueDate,
	instalmentState,
	invoiceDueDate,
	type PaymentTrigger,
	rescheduleAmounts,
	scheduleAmounts,
	spreadPaid,
	TRIGGER_EVENT,
} from '../../domain/payment-terms';
import { today } from '../../platform/clock';
import { chunks, dayOf, dbDate, forNoKeyUpdate, forUpdate, type Row, sumFen, whole } from '../../platform/database';

const percentOf = (v: unknown) => parseScaled(v as string, 2, 'percent');

const scheduleOf = (trx: Knex, order: number): Promise<Row[]> => trx('payment_schedules').where({ order }).orderBy('sequence');

/**
 * Writes the schedule of a confirmed order from its payment term (nothing without one, nothing twice)
 * and dates its before-shipment instalments from today.
 */
export async function writeSchedule(trx: Knex, orderId: number): Promise<void> {
	const order = await trx('sales_orders').where({ id: orderId }).first('id', 'total', 'payment_term');
	if (!order?.payment_term || (await scheduleOf(trx, orderId)).length) return;
	const lines = checkTermLines(
		await trx('payment_term_lines').where({ term: order.payment_term }).select('sequence', 'trigger', 'percent', 'days'),
	);
	const rows = scheduleAmounts(parseMoney(order.total), lines).map((i) => ({
		order: orderId,
		sequence: i.sequence,
		trigger: i.trigger,
		percent: formatScaled(i.percent, 2),
		days: i.days,
		amount: formatMoney(i.amountFen),
		paid_amount: '0.00',
		state: instalmentState(i.amountFen, 0n),
	}));
	await trx('payment_schedules').insert(rows);
	await setDueDates(trx, orderId, 'before_shipment', today());
}

/** After an approved change moved the order's total: the open instalments share the new total (paid ones keep theirs). */
export async function rescheduleOrder(trx: Knex, orderId: number): Promise<void> {
	const rows = await scheduleOf(trx, orderId);
	if (!rows.length) return;
	const order = await trx('sales_orders').where({ id: orderId }).first('total');
	const next = rescheduleAmounts(
		parseMoney(order.total),
		rows.map((r) => ({
			id: r.id,
			sequence: Number(r.sequence),
			percent: percentOf(r.percent),
			amountFen: parseMoney(r.amount),
			paidFen: parseMoney(r.paid_amount),
		})),
	);
	for (const r of next) {
		await trx('payment_schedules')
			.where({ id: r.id })
			.update({ amount: formatMoney(r.amountFen), state: instalmentState(r.amountFen, r.paidFen) });
	}
}

/** A cancelled order owes nothing: its schedule goes (money received stays with its receipts). */
export async function dropSchedule(trx: Knex, orderId: number): Promise<void> {
	await trx('payment_schedules').where({ order: orderId }).delete();
}

/**
 * What has been paid towards an order, spread over its instalments in sequence order (paid_amount and
 * state). For the advances and allocations that pay orders.
 */
export async function writeSchedulePaid(trx: Knex, orderId: number, paidFen: bigint): Promise<void> {
	const rows = await scheduleOf(trx, orderId);
	const spread = spreadPaid(
		rows.map((r) => ({ id: r.id, sequence: Number(r.sequence), amountFen: parseMoney(r.amount) })),
		paidFen,
	);
	for (const r of spread)
		await trx('payment_schedules')
			.where({ id: r.id })
			.update({ paid_amount: formatMoney(r.paidFen), state: instalmentState(r.amountFen, r.paidFen) });
}

/** The orders whose deliveries these invoices bill. */
export async function ordersOfInvoices(trx: Knex, invoices: number[]): Promise<number[]> {
	if (!invoices.length) return [];
	const ids: unknown[] = await trx('invoice_lines as il')
		.join('shipment_lines as sl', 'sl.id', 'il.shipment_line')
		.join('sales_order_lines as ol', 'ol.id', 'sl.order_line')
		.whereIn('il.invoice', invoices)
		.distinct()
		.pluck('ol.order');
	return ids.map(Number);
}

/**
 * What has been paid towards each order — its advances (applied or not) and the allocations to its
 * invoices (an invoice of several orders pays each its share of the invoice, domain receivedShare) —
 * spread over its schedule. Each order is locked first, so two allocations at once spread in turn.
 */
export async function refreshPaid(trx: Knex, orders: number[]): Promise<void> {
	for (const order of [...new Set(orders)].sort((a, b) => a - b)) {
		await forNoKeyUpdate(trx, trx('sales_orders').where({ id: order }).first('id'));
		if (!(await scheduleOf(trx, order)).length) continue;
		const [advanced] = await trx('receipt_allocations')
			.where({ order })
			.select(trx.raw(`${sumFen(trx, 'amount').sql} as fen`));
		// Per invoice of the order: this order's part of it, its total and what plain allocations (no order) paid it.
		const invoices: Row[] = await trx('invoice_lines as il')
			.join('invoices as i', 'i.id', 'il.invoice')
			.join('shipment_lines as sl', 'sl.id', 'il.shipment_line')
			.join('sales_order_lines as ol', 'ol.id', 'sl.order_line')
			.where('ol.order', order)
			.where('i.status', 'issued')
			.where('i.direction', 'blue')
			.groupBy('i.id', 'i.total')
			.select('i.id', 'i.total', trx.raw('SUM(il.total) as part'));
		const plain = new Map<number, bigint>();
		if (invoices.length)
			for (const r of await trx('receipt_allocations')
				.whereIn(
					'invoice',
					invoices.map((i) => i.id),
				)
				.whereNull('order')
				.groupBy('invoice')
				.select('invoice', trx.raw(`${sumFen(trx, 'amount').sql} as fen`)))
				plain.set(Number(r.invoice), whole(r.fen));
		const paid = invoices.reduce(
			(s, i) => s + receivedShare(plain.get(Number(i.id)) ?? 0n, parseMoney(i.part), parseMoney(i.total)),
			whole(advanced?.fen),
		);
		await writeSchedulePaid(trx, order, paid);
	}
}

/**
 * The one place trigger dates land: the instalments of `trigger` of each order that have no due date
 * yet get `day` + their days (set once: a second delivery or invoice moves nothing). Returns the orders
 * whose dates changed.
 */
export async function setDueDates(trx: Knex, orders: number | number[], trigger: PaymentTrigger, day: string): Promise<number[]> {
	const changed = new Set<number>();
	for (const part of chunks([orders].flat())) {
		const rows: Row[] = await trx('payment_schedules')
			.whereIn('order', part)
			.where({ trigger })
			.whereNull('due_date')
			.select('id', 'order', 'days');
		for (const r of rows) {
			const due = instalmentDueDate({ trigger, days: Number(r.days) }, { [TRIGGER_EVENT[trigger]]: day });
			await trx('payment_schedules')
				.where({ id: r.id })
				.update({ due_date: dbDate(trx, due) });
			changed.add(Number(r.order));
		}
	}
	return [...changed];
}

/** Invoice ids with the orders their lines were delivered under. */
const invoiceOrders = (trx: Knex) =>
	trx('invoice_lines as il')
		.join('shipment_lines as sl', 'sl.id', 'il.shipment_line')
		.join('shipments as s', 's.id', 'sl.shipment')
		.distinct('il.invoice', 's.order');

/**
 * Due dates of blue invoices that follow their orders' schedules: the issued ones of `orders`, and
 * `issuing` (an invoice being issued in this transaction). An invoice of orders without schedules keeps
 * the due date its customer's payment_terms_days gave it.
 */
export async function refreshInvoiceDueDates(trx: Knex, orders: number[], issuing?: number): Promise<void> {
	const invoices = new Set<number>(issuing === undefined ? [] : [issuing]);
	for (const part of chunks(orders)) {
		const rows: Row[] = await invoiceOrders(trx)
			.join('invoices as i', 'i.id', 'il.invoice')
			.whereIn('s.order', part)
			.where({ 'i.status': 'issued', 'i.direction': 'blue' });
		for (const r of rows) invoices.add(Number(r.invoice));
	}
	for (const invoice of invoices) {
		const ofInvoice: Row[] = await invoiceOrders(trx).where('il.invoice', invoice);
		const schedule: Row[] = await trx('payment_schedules').whereIn(
			'order',
			ofInvoice.map((r) => r.order),
		);
		if (!schedule.length) continue;
		const due = invoiceDueDate(
			schedule.map((s) => ({
				trigger: s.trigger,
				dueDate: dayOf(s.due_date),
				amountFen: parseMoney(s.amount),
				paidFen: parseMoney(s.paid_amount),
			})),
		);
		await trx('invoices')
			.where({ id: invoice })
			.update({ due_date: dbDate(trx, due) });
	}
}

/** A trigger happened for these orders today: date their instalments, then the due dates of their issued invoices. */
export async function paymentTriggered(trx: Knex, orders: number[], trigger: PaymentTrigger): Promise<void> {
	const undated = await trx('payment_schedules').whereIn('order', orders).where({ trigger }).whereNull('due_date').first('id');
	if (!undated) return;
	// The invoices whose due dates may move are locked before the schedules, in id order — the order an
	// allocation takes them (invoice → order → schedule) — so the two never wait on each other crosswise.
	await forUpdate(
		trx,
		trx('invoices')
			.whereIn('id', invoiceOrders(trx).whereIn('s.order', orders).clearSelect().select('il.invoice'))
			.where({ status: 'issued', direction: 'blue' })
			.orderBy('id')
			.select('id'),
	);
	const changed = await setDueDates(trx, orders, trigger, today());
	if (changed.length) await refreshInvoiceDueDates(trx, changed);
}
