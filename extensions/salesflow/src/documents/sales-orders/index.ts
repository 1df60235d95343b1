// Sales orders (销售订单): created directly or from an approved quote for a customer the caller can
// see, confirmed through approval (the manager; special discounts, credit and a first order's customer
// review by the rules) with the 3-working-day shipping promise, cancelled only while nothing has
// shipped. Submitting notes per line the stock available to promise; a shortage is the approver's to
// weigh, never a refusal.
import { addWorkingDays } from '../../domain/calendar/work-calendar';
import { DomainError, invalid } from '../../domain/errors';
import { displayQty, formatMoney, lineTotal, parseMoney, parseQty } from '../../domain/money';
import { assertBinding, BINDING_QUOTE } from '../../domain/quote-validity';
import { submitForApproval } from '../../engine/approvals/engine';
import { pricedLines } from '../../engine/approvals/context';
import { quotedPrices, validityOf } from '../quotes';
import { type DocContext, defineDocument, type Effect, type Id, type Move } from '../../engine/document-type';
import { inTransaction } from '../../engine/status';
import { keyOf, readVisible } from '../../platform/access';
import { nestedRows } from '../../platform/input';
import { now, today, workCalendar } from '../../platform/clock';
import { dbDate, lockRow, type Row } from '../../platform/database';
import type { Knex } from 'knex';
import { assertWithinContract, type CallOffLine } from '../contracts/call-offs';
import { refreshPerformance } from '../contracts/performance';
import { dropSchedule, refreshPaid, writeSchedule } from '../payment-schedules';
import { recordAvailability, submittedAvailability } from './availability';
import { noticeLateOrders, noticeOrderConfirmed } from './notices';
import { salesOrderLifecycle } from './lifecycle';
import { assertReviewPath, firstOrderReview } from './review';
import { advanceOpportunity } from '../opportunities';

/** Quotes whose prices an order may take over (while their validity lasts). */
const QUOTE_USABLE: readonly string[] = BINDING_QUOTE;
/** Working days from confirmation to shipment (seed 003). */
const SHIP_WITHIN_WORKING_DAYS = 3;

/** Open receivables plus confirmed orders not yet invoiced, for one customer. */
export async function creditExposure(db: Knex, customer: number, excludeOrder?: number): Promise<bigint> {
	const invoices: Row[] = await db('invoices').where({ customer, status: 'issued', direction: 'blue' }).select('open_amount');
	let exposure = invoices.reduce((s, r) => s + parseMoney(r.open_amount), 0n);
	const lines: Row[] = await db('sales_order_lines as l')
		.join('sales_orders as o', 'o.id', 'l.order')
		.where('o.customer', customer)
		.whereIn('o.status', ['confirmed', 'partially_shipped', 'shipped'])
		.modify((q) => excludeOrder && q.whereNot('o.id', excludeOrder))
		.select('l.quantity', 'l.invoiced_qty', 'l.unit_price');
	for (const l of lines) exposure += lineTotal(parseQty(l.quantity) - parseQty(l.invoiced_qty), parseMoney(l.unit_price));
	return exposure;
}

/** 409 unless nothing of `order` was shipped and it has no live delivery notes (cancel those first). */
export async function assertCancellable(db: Knex, order: Row): Promise<void> {
	const lines: Row[] = await db('sales_order_lines').where({ order: order.id }).select('shipped_qty');
	const shipped = lines.reduce((s, l) => s + parseQty(l.shipped_qty), 0n);
	const open = await db('shipments')
		.where({ order: order.id })
		.whereIn('status', ['draft', 'submitted', 'issued', 'delivered', 'accepted'])
		.count({ n: '*' });
	if (shipped > 0n || Number(open[0]!.n) > 0) {
		throw new DomainError(
			'INVALID_TRANSITION',
			`${order.number} cannot be cancelled: ${shipped > 0n ? `${displayQty(shipped)} units were shipped` : `it has ${open[0]!.n} delivery note(s); cancel them first`}`,
			409,
			{ from: order.status, to: 'cancelled' },
		);
	}
}

/** The lines a create payload brings; products may be keyed objects. */
const newLines = (lines: unknown): CallOffLine[] =>
	nestedRows(lines).map((l) => ({
		product: keyOf(l.product) as number,
		quantity: l.quantity as string,
		unit_price: l.unit_price as string,
	}));

/** Orders a signed contract may still be attached to (补签合同): confirmed, nothing or part shipped. */
const ATTACHABLE = ['confirmed', 'partially_shipped'];

const locked = (order: Row, why: string) =>
	new DomainError('DOCUMENT_LOCKED', `${order.number} is ${order.status}: ${why}`, 409, { status: order.status, fields: ['contract'] });

/**
 * A confirmed order without a contract gets the one signed after it (补签合同) — once, within the
 * contract's terms (checked with the order and then the contract locked), and the contract's figures
 * take it in. A contract, once attached, stays; drafts are edited as usual (checked at submit).
 */
async function attachContract(ctx: DocContext, keys: Id[], contract: unknown): Promise<boolean> {
	const rows: Row[] = await ctx.db('sales_orders').whereIn('id', keys).select('id', 'number', 'status', 'contract');
	const later = rows.filter((r) => !['draft', 'rejected'].includes(r.status));
	if (!later.length) return false;
	if (rows.length > 1) throw invalid('contract', 'attach a contract to one order at a time');
	const order = rows[0]!;
	if (!ATTACHABLE.includes(order.status)) throw locked(order, 'a contract is attached only to a confirmed order');
	if (order.contract) throw locked(order, 'it is already under its contract');
	if (contract === null || contract === undefined) return true;
	await inTransaction(ctx, async ({ trx }) => {
		const current = await lockRow(trx, 'sales_orders', order.id);
		if (current!.contract || !ATTACHABLE.includes(current!.status)) throw locked(current!, 'it changed meanwhile');
		const c = (await lockRow(trx, 'contracts', keyOf(contract) as Id))!;
		const lines: Row[] = await trx('sales_order_lines')
			.where({ order: order.id })
			.orderBy('id')
			.select('product', 'quantity', 'unit_price');
		await assertWithinContract(trx, c, { order: order.id, customer: current!.customer, lines: lines as CallOffLine[] });
		await trx('sales_orders').where({ id: order.id }).update({ contract: c.id });
		await refreshPerformance(trx, c.id);
	});
	return true;
}

const contractFollows: Effect = async (m) => {
	if (m.row.contract) await refreshPerformance(m.trx, m.row.contract, { collection: 'sales_orders', id: m.id, to: m.to });
	return undefined;
};

/** A confirmed order of a quote that belongs to an opportunity wins it (成交) with the order's amount. */
async function winOpportunity(m: Move): Promise<void> {
	if (!m.row.quote) return;
	const quote = await m.trx('quotes').where({ id: m.row.quote }).first('opportunity');
	const order = await m.trx('sales_orders').where({ id: m.id }).first('number', 'total');
	await advanceOpportunity(m.trx, quote?.opportunity, 'won', {
		note: `订单 ${order.number} 已确认 / order confirmed`,
		user: m.actor.user,
		amount: formatMoney(parseMoney(order.total ?? 0)),
	});
}

export const salesOrders = defineDocument({
	collection: 'sales_orders',
	lifecycle: salesOrderLifecycle,
	archive: { statuses: ['shipped', 'closed', 'cancelled'], grant: 'archive_documents' },
	lines: [{ collection: 'sales_order_lines', required: ['product', 'quantity', 'unit_price'], snapshot: ['floor_price'] }],
	totals: (db, id) => db('sales_order_lines').where({ order: id }).select('quantity', 'unit_price', 'tax_rate'),
	amountField: 'total',
	approvalContext: async (db, row) => {
		// Prices an approved quote of the same customer already granted need no special discount.
		const covered = await quotedPrices(db, row.quote, row.customer);
		const customer = await db('customers').where({ id: row.customer }).first('credit_limit');
		return {
			collection: 'sales_orders',
			amountFen: parseMoney(row.total),
			lines: await pricedLines(db, 'sales_order_lines', 'order', row.id, covered),
			credit: {
				limitFen: customer?.credit_limit === null || customer?.credit_limit === undefined ? null : parseMoney(customer.credit_limit),
				exposureFen: await creditExposure(db, row.customer, row.id),
			},
			stock: await submittedAvailability(db, row.id),
			review: await firstOrderReview(db, row.customer, row.id),
		};
	},
	onCreate: async (ctx, payload) => {
		const customer = await readVisible(ctx, 'customers', payload.customer, 'customer');
		if (payload.quote) {
			const quote = await readVisible(ctx, 'quotes', payload.quote, 'quote');
			if (quote.customer !== customer.id)
				throw new DomainError('INVALID_PAYLOAD', `quote ${quote.number} is for another customer`, 400, { field: 'quote' });
			if (quote.status !== 'expired' && !QUOTE_USABLE.includes(quote.status)) {
				throw new DomainError(
					'APPROVAL_REQUIRED',
					`quote ${quote.number} is ${quote.status}; only an approved quote can become an order`,
					409,
					{
						field: 'quote',
					},
				);
			}
			assertBinding(validityOf(quote), today(), 'make a new quote for this order');
			if (payload.lines === undefined) {
				const lines: Row[] = await ctx.db('quote_lines').where({ quote: quote.id }).orderBy('id');
				payload.lines = lines.map((l) => ({ product: l.product, quantity: l.quantity, unit_price: l.unit_price, tax_rate: l.tax_rate }));
			}
		}
		let contract: Row | undefined;
		if (payload.contract !== undefined && payload.contract !== null) {
			contract = await readVisible(ctx, 'contracts', payload.contract, 'contract');
			await assertWithinContract(ctx.db, contract, { customer: customer.id, lines: newLines(payload.lines) });
		}
		// The contract's payment term before the customer's; fixed once the order is submitted (not editable after draft).
		payload.payment_term ??= contract?.payment_term ?? customer.payment_term ?? null;
		payload.order_date ??= today();
		payload.ship_to ??= customer.address_phone ?? null;
	},
	onUpdate: async (ctx, keys, payload) => {
		if (!('contract' in payload) || !(await attachContract(ctx, keys, payload.contract))) return undefined;
		const { contract: _written, ...rest } = payload;
		return rest;
	},
	effects: {
		// Prices the order took from a quote hold only while the quote does (even before the expiry job ran).
		// The stock it asks for is noted for the approver, never refused.
		submitted: async (m) => {
			const quote = m.row.quote ? await m.trx('quotes').where({ id: m.row.quote }).first('number', 'status', 'valid_until') : null;
			if (quote) assertBinding(validityOf(quote), today(), 'make a new quote or take it off the order before submitting');
			await assertReviewPath(m.trx, 'sales_orders', m.row, m.row.customer, m.id);
			// Checked again as submitted, under the contract's row lock: concurrent submits against one contract count each other.
			const contract = m.row.contract ? await lockRow(m.trx, 'contracts', m.row.contract) : undefined;
			if (contract) {
				const lines: Row[] = await m
					.trx('sales_order_lines')
					.where({ order: m.id })
					.orderBy('id')
					.select('product', 'quantity', 'unit_price');
				await assertWithinContract(m.trx, contract, { order: m.id, customer: m.row.customer, lines: lines as CallOffLine[] });
			}
			await recordAvailability(m.trx, m.id);
			return submitForApproval(m);
		},
		'confirmed->cancelled': async (m) => {
			await assertCancellable(m.trx, m.row);
			await dropSchedule(m.trx, Number(m.id));
			return undefined;
		},
		// The contract's ordered amount follows its orders in and out of "confirmed".
		confirmed: contractFollows,
		cancelled: contractFollows,
	},
	onApproved: async (m) => {
		const confirmedAt = now();
		const shipBy = addWorkingDays(today(), SHIP_WITHIN_WORKING_DAYS, workCalendar());
		await m
			.trx('sales_orders')
			.where({ id: m.id })
			.update({ confirmed_at: confirmedAt, ship_by: dbDate(m.trx, shipBy) });
		await writeSchedule(m.trx, Number(m.id));
		// A deposit may have come before the confirmation.
		await refreshPaid(m.trx, [Number(m.id)]);
		await noticeOrderConfirmed(m.trx, m.id);
		await winOpportunity(m);
		return undefined;
	},
	jobs: [{ name: 'late-order-notices', env: 'LATE_ORDERS', cron: '17 * * * *', run: (ctx) => noticeLateOrders(ctx) }],
});
