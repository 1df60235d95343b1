// The 数电票 round trip against the database: the draft invoices of a batch workbook, issuing what the
// platform's results name (all rows or none, through issueInvoiceAs like /issue), and a period's
// documents for the vouchers. Matching and the rows themselves are the domain's (domain/einvoice).
import type { Knex } from 'knex';
import type { BatchInvoice } from '../../domain/einvoice/batch';
import { type MatchInvoice, matchResults, ourNumbersIn } from '../../domain/einvoice/matching';
import type { EinvoiceResult } from '../../domain/einvoice/results';
import type { VoucherInvoice, VoucherReceipt } from '../../domain/einvoice/vouchers';
import { DomainError, invalid } from '../../domain/errors';
import { periodRange } from '../../domain/invoicing';
import type { DocContext } from '../../engine/document-type';
import { inTransaction } from '../../engine/status';
import { chunks, dateRange, dayOf, type Row } from '../../platform/database';
import { readingAll } from '../../platform/query-limits';
import { settings } from '../../platform/settings';
import { OPEN_INVOICE } from './drafts';
import { issueInvoiceAs } from './issue';

/** The draft invoices `ids` (in that order) with their lines' products; each must be one the caller may read. */
export async function batchInvoices(ctx: DocContext, ids: number[]): Promise<BatchInvoice[]> {
	const service = new ctx.services.ItemsService('invoices', { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	const visible = new Set(
		(await readingAll(() => service.readByQuery({ filter: { id: { _in: ids } }, fields: ['id'], limit: -1 }))).map((r) => Number(r.id)),
	);
	const hidden = ids.find((id) => !visible.has(id));
	if (hidden !== undefined)
		throw new DomainError('NOT_FOUND', `invoices: invoice ${hidden} does not exist or is not one you may read`, 404, { field: 'invoices' });
	const heads: Row[] = await ctx.db('invoices').whereIn('id', ids);
	const lines: Row[] = await ctx
		.db('invoice_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.whereIn('l.invoice', ids)
		.orderBy('l.id')
		.select('l.invoice', 'l.quantity', 'l.unit_price', 'l.tax_rate', 'l.tax', 'l.total', 'p.sku', 'p.name', 'p.spec', 'p.unit')
		.select('p.tax_code', 'p.tax_category');
	const byId = new Map(heads.map((h) => [Number(h.id), h]));
	return ids.map((id) => {
		const h = byId.get(id)!;
		if (h.direction === 'red')
			throw invalid('invoices', `${h.number} is a red invoice: the platform issues it from its 红字确认单, not from the batch workbook`);
		if (!OPEN_INVOICE.includes(h.status))
			throw new DomainError(
				'INVALID_TRANSITION',
				`${h.number} is ${h.status}; only draft or submitted invoices go into the batch workbook`,
				409,
				{
					field: 'invoices',
					status: h.status,
				},
			);
		return {
			number: h.number,
			type: h.type,
			buyer_name: h.buyer_name ?? '',
			buyer_tax_id: h.buyer_tax_id,
			buyer_address_phone: h.buyer_address_phone,
			buyer_bank_account: h.buyer_bank_account,
			lines: lines
				.filter((l) => Number(l.invoice) === id)
				.map((l) => ({
					sku: l.sku,
					name: l.name,
					spec: l.spec,
					unit: l.unit,
					tax_code: l.tax_code,
					category: l.tax_category,
					quantity: l.quantity,
					unit_price: l.unit_price,
					total: l.total,
					tax_rate: l.tax_rate,
					tax: l.tax,
				})),
		};
	});
}

const MATCH_COLUMNS = ['id', 'number', 'direction', 'status', 'buyer_tax_id', 'total', 'einvoice_number', 'red_confirmation_no'];

/**
 * The invoices the results can concern: those 备注 names, those already holding one of the numbers,
 * and the open drafts of the rows' buyers or red confirmations. Queried in chunks of ids.
 */
async function candidates(db: Knex, results: EinvoiceResult[]): Promise<MatchInvoice[]> {
	const found = new Map<number, MatchInvoice>();
	const values = (xs: Array<string | null>) => [...new Set(xs.flatMap((x) => (x ? [x, x.toUpperCase()] : [])))];
	const add = async (column: string, xs: string[], open: boolean) => {
		for (const part of chunks(xs)) {
			const q = db('invoices').whereIn(column, part).select(MATCH_COLUMNS);
			if (open) q.whereIn('status', OPEN_INVOICE).whereNull('einvoice_number');
			for (const r of (await q) as MatchInvoice[]) found.set(Number(r.id), r);
		}
	};
	await add('number', values(results.flatMap((r) => ourNumbersIn(r.remark))), false);
	await add('einvoice_number', values(results.map((r) => r.number)), false);
	await add('buyer_tax_id', values(results.filter((r) => r.positive).map((r) => r.buyerTaxId)), true);
	await add('red_confirmation_no', values(results.filter((r) => !r.positive).map((r) => r.redConfirmationNo)), true);
	return [...found.values()];
}

export type ResultAnswer = {
	row: number;
	einvoice_number: string;
	status: 'issued' | 'already_issued' | 'unmatched';
	invoice: number | null;
	invoice_number: string | null;
	reason: string | null;
};

/**
 * Issues what the results name, in one transaction: every matched draft with the platform's number
 * and date (a red one with the row's confirmation). A conflicting row refuses the whole file (409
 * naming the row and field), so nothing is half-done; a rerun answers already_issued.
 */
export async function importResults(ctx: DocContext, results: EinvoiceResult[]): Promise<ResultAnswer[]> {
	return inTransaction(ctx, async (t) => {
		const outcomes = matchResults(results, await candidates(t.trx, results), {
			companyTaxId: settings().company_tax_id ?? undefined,
			issuable: OPEN_INVOICE,
		});
		const conflicts = outcomes.flatMap((o) => (o.status === 'conflicting' ? [o] : []));
		if (conflicts.length) {
			const first = conflicts[0]!;
			throw new DomainError('EINVOICE_CONFLICT', conflicts.map((c) => `row ${c.row} (${c.field}): ${c.reason}`).join('; '), 409, {
				row: first.row,
				field: first.field,
				conflicts: conflicts.map(({ row, field, einvoice, reason }) => ({ row, field, einvoice_number: einvoice, reason })),
			});
		}
		const answers: ResultAnswer[] = [];
		for (const [i, o] of outcomes.entries()) {
			const r = results[i]!;
			if (o.status === 'issue')
				await issueInvoiceAs(t, Number(o.invoice.id), {
					einvoice_number: r.number,
					issue_date: r.date,
					...(o.invoice.direction === 'red' ? { red_confirmation_no: r.redConfirmationNo! } : {}),
				});
			const invoice = o.status === 'unmatched' || o.status === 'conflicting' ? null : o.invoice;
			answers.push({
				row: o.row,
				einvoice_number: o.einvoice,
				status: o.status === 'issue' ? 'issued' : o.status === 'conflicting' ? 'unmatched' : o.status,
				invoice: invoice ? Number(invoice.id) : null,
				invoice_number: invoice?.number ?? null,
				reason: 'reason' in o ? o.reason : null,
			});
		}
		return answers;
	});
}

/** A period's issued invoices (by issue date) and confirmed receipts (by date received), for the vouchers. */
export async function voucherDocuments(db: Knex, period: string): Promise<{ invoices: VoucherInvoice[]; receipts: VoucherReceipt[] }> {
	const { start, end } = periodRange(period);
	const issued = dateRange(db, 'i.issue_date', start, end);
	const received = dateRange(db, 'r.received_on', start, end);
	const invoices: Row[] = await db('invoices as i')
		.join('customers as c', 'c.id', 'i.customer')
		.where('i.status', 'issued')
		.whereRaw(issued.sql, issued.bindings)
		.select('i.number', 'i.direction', 'i.issue_date', 'i.amount_excl', 'i.tax', 'i.total', 'c.name as customer');
	const receipts: Row[] = await db('receipts as r')
		.join('customers as c', 'c.id', 'r.customer')
		.where('r.status', 'confirmed')
		.whereRaw(received.sql, received.bindings)
		.select('r.number', 'r.received_on', 'r.amount', 'c.name as customer');
	return {
		invoices: invoices.map((i) => ({
			number: i.number,
			direction: i.direction,
			date: dayOf(i.issue_date)!,
			customer: i.customer,
			amount_excl: i.amount_excl,
			tax: i.tax,
			total: i.total,
		})),
		receipts: receipts.map((r) => ({ number: r.number, date: dayOf(r.received_on)!, customer: r.customer, amount: r.amount })),
	};
}
