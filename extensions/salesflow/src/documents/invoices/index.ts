// Invoices (销售发票): drafted from issued delivery notes or as red-letter credits through /invoicing
// (drafts.ts), issued by finance (issue.ts). Customer, direction and original are fixed once drafted.
// A red invoice is submitted for approval (product managers of the goods, finance manager) before issue.
// Its red confirmation number (红字确认单编号) and the platform's returned file come later: they stay editable.
import { zRedConfirmationNo } from '../../domain/einvoice/identifiers';
import { DomainError, invalid } from '../../domain/errors';
import { parseField } from '../../domain/field-checks';
import { parseMoney } from '../../domain/money';
import { productsOf } from '../../engine/approvals/context';
import { submitForApproval } from '../../engine/approvals/engine';
import { type DocContext, defineDocument, type Effect, type Id } from '../../engine/document-type';
import type { Row } from '../../platform/database';
import { issueInvoice } from './issue';
import { invoiceLifecycle } from './lifecycle';

/** A red confirmation number is set on red invoices not yet issued; it is how the platform's red results find them. */
async function checkRedConfirmation(ctx: DocContext, keys: Id[], payload: Row): Promise<void> {
	if (!('red_confirmation_no' in payload)) return;
	if (payload.red_confirmation_no === '') payload.red_confirmation_no = null;
	if (payload.red_confirmation_no !== null) parseField(zRedConfirmationNo, 'red_confirmation_no', payload.red_confirmation_no);
	for (const row of await ctx.db('invoices').whereIn('id', keys).select('number', 'direction', 'status')) {
		if (row.direction !== 'red')
			throw invalid('red_confirmation_no', `${row.number} is a blue invoice; only red invoices carry a red confirmation number`);
		if (row.status === 'issued' || row.status === 'void')
			throw new DomainError('DOCUMENT_LOCKED', `${row.number} is ${row.status}: its red confirmation number cannot change`, 409, {
				status: row.status,
				fields: ['red_confirmation_no'],
			});
	}
}

const submitRed: Effect = async (m) => (m.row.direction === 'red' ? submitForApproval(m) : undefined);

export const invoices = defineDocument({
	collection: 'invoices',
	lifecycle: invoiceLifecycle,
	fixedAfterCreate: ['customer', 'direction', 'original_invoice'],
	onUpdate: async (ctx, keys, payload) => {
		await checkRedConfirmation(ctx, keys, payload);
		return undefined;
	},
	archive: { statuses: ['issued', 'void'], grant: 'archive_invoices' },
	amountField: 'total',
	approvalContext: async (db, row) => ({
		collection: 'invoices',
		amountFen: parseMoney(row.total ?? 0),
		lines: [],
		// The credited goods: each red line's delivery line names its product.
		products: await productsOf(
			db,
			await db('invoice_lines as l')
				.join('shipment_lines as s', 's.id', 'l.shipment_line')
				.where('l.invoice', row.id)
				.orderBy('l.id')
				.pluck('s.product'),
		),
	}),
	// Keyed by the move from draft or rejected: the approval's own return to "submitted" opens nothing.
	effects: { 'draft->submitted': submitRed, 'rejected->submitted': submitRed, issued: issueInvoice },
});
