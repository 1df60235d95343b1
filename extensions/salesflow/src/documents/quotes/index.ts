// Quotes (报价单): made for a customer the caller can see, lines priced with the product's list and
// floor prices snapshotted; approved by the direct superior, with the special-discount and margin rules
// of approval_rules. Cost is confidential (保密): it is snapshotted by Salesflow when the quote goes for
// approval, never written or read by the rep who prices it. A quote binds until `valid_until` (报价有效期,
// the company's validity days by default); past it, it cannot be sent or accepted and a job marks it expired.
import { parseMoney } from '../../domain/money';
import type { Knex } from 'knex';
import { assertBinding, BINDING_QUOTE, checkValidity, defaultValidUntil, lapsed, type QuoteValidity } from '../../domain/quote-validity';
import { submitForApproval } from '../../engine/approvals/engine';
import { pricedLines } from '../../engine/approvals/context';
import { type DocContext, defineDocument, type Effect, type Id } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { sweep } from '../../engine/sweep';
import { readVisible } from '../../platform/access';
import { today } from '../../platform/clock';
import { dayOf, lockRow, type Row } from '../../platform/database';
import { notify } from '../../platform/notify';
import { settings } from '../../platform/settings';
import { advanceOpportunity } from '../opportunities';
import { quoteLifecycle } from './lifecycle';

/** What the validity rules read of a quote row (DATE columns come back in the driver's shape). */
export const validityOf = (row: Row): QuoteValidity => ({ number: row.number, status: row.status, valid_until: dayOf(row.valid_until) });

/**
 * The unit price per product an approved quote of `customer` granted, while it binds: lines priced at
 * least so need no special discount. Undefined when there is no such quote.
 */
export async function quotedPrices(db: Knex, quoteId: Id | null | undefined, customer: Id): Promise<Map<number, bigint> | undefined> {
	if (quoteId === null || quoteId === undefined) return undefined;
	const quote = await db('quotes').where({ id: quoteId, customer }).first('status', 'valid_until');
	if (!quote || !(BINDING_QUOTE as readonly string[]).includes(quote.status) || lapsed(dayOf(quote.valid_until), today())) return undefined;
	const lines: Row[] = await db('quote_lines').where({ quote: quoteId }).select('product', 'unit_price');
	return new Map(lines.map((l) => [l.product, parseMoney(l.unit_price)]));
}

/** A quote that has lapsed cannot be sent or accepted (409 QUOTE_EXPIRED), even before the job marks it. */
const stillBinding: Effect = async ({ row, to }) => {
	assertBinding(validityOf(row), today(), `it can no longer be ${to}`);
	return undefined;
};

/**
 * Moves every approved or sent quote whose last valid day is before `day` to `expired` and tells
 * its owner. One transaction per quote under its row lock, re-checked inside. Returns how many.
 */
export async function expireQuotes(ctx: DocContext, day: string = today()): Promise<number> {
	const open: Row[] = await ctx
		.db('quotes')
		.whereIn('status', ['approved', 'sent'])
		.whereNotNull('valid_until')
		.select('id', 'valid_until');
	return sweep(
		ctx,
		open.filter((q) => lapsed(dayOf(q.valid_until), day)),
		async (t, { id }) => {
			const row = await lockRow(t.trx, 'quotes', id);
			if (!row || !['approved', 'sent'].includes(row.status) || !lapsed(dayOf(row.valid_until), day)) return false;
			await moveAsSystem(t, { collection: 'quotes', id, to: 'expired', reason: `valid until ${dayOf(row.valid_until)}` });
			if (row.owner)
				await notify(t.trx, {
					recipient: row.owner,
					subject: `报价已过期 / Quote expired: ${row.number}`,
					event: 'salesflow.notice.quote_expired',
					number: row.number,
					message: `报价有效期已过，如需继续请重新报价。 / The quote is past its validity date; make a new quote to go on.`,
					collection: 'quotes',
					item: id,
				});
			return true;
		},
	);
}

export const quotes = defineDocument({
	collection: 'quotes',
	lifecycle: quoteLifecycle,
	lines: [{ collection: 'quote_lines', required: ['product', 'quantity', 'unit_price'], snapshot: ['floor_price', 'list_price'] }],
	totals: (db, id) => db('quote_lines').where({ quote: id }).select('quantity', 'unit_price', 'tax_rate'),
	amountField: 'total',
	approvalContext: async (db, row) => ({
		collection: 'quotes',
		amountFen: parseMoney(row.total),
		lines: await pricedLines(db, 'quote_lines', 'quote', row.id),
	}),
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		payload.quote_date ??= today();
		payload.valid_until ??= defaultValidUntil(payload.quote_date, settings().quote_validity_days);
		checkValidity(payload.quote_date, payload.valid_until);
	},
	onUpdate: async (ctx, keys, payload) => {
		if (!('quote_date' in payload) && !('valid_until' in payload)) return undefined;
		for (const row of (await ctx.db('quotes').whereIn('id', keys).select('quote_date', 'valid_until')) as Row[])
			checkValidity(
				dayOf(payload.quote_date !== undefined ? payload.quote_date : row.quote_date),
				dayOf(payload.valid_until !== undefined ? payload.valid_until : row.valid_until),
			);
		return undefined;
	},
	effects: {
		submitted: async (m) => {
			await m
				.trx('quote_lines')
				.where({ quote: m.id })
				.update({ cost_price: m.trx('products').select('cost_price').where('products.id', m.trx.ref('quote_lines.product')) });
			return submitForApproval(m);
		},
		'approved->sent': stillBinding,
		'sent->accepted': stillBinding,
	},
	// A quote out to the customer is the opportunity's proposal (方案/报价).
	onApproved: async (m) => {
		await advanceOpportunity(m.trx, m.row.opportunity, 'proposal', {
			note: `报价 ${m.row.number} 已批准 / quote approved`,
			user: m.actor.user,
		});
		return undefined;
	},
	// Hourly rather than at midnight: a lapsed quote is marked within the company's first hour whatever the server's time zone.
	jobs: [{ name: 'quote-expiry', env: 'QUOTE_EXPIRY', cron: '7 * * * *', run: (ctx) => expireQuotes(ctx) }],
});
