// Invoices (销售发票): drafted from issued delivery notes or as red-letter credits through /invoicing
// (drafts.ts), issued by finance (issue.ts). Customer, direction and original are fixed once drafted.
// A red invoice is submitted for approval (product managers of the goods, finance manager) before issue.
import { parseMoney } from '../../domain/money';
import { productsOf } from '../../engine/approvals/context';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument, type Effect } from '../../engine/document-type';
import { issueInvoice } from './issue';
import { invoiceLifecycle } from './lifecycle';

const submitRed: Effect = async (m) => (m.row.direction === 'red' ? submitForApproval(m) : undefined);

export const invoices = defineDocument({
	collection: 'invoices',
	lifecycle: invoiceLifecycle,
	fixedAfterCreate: ['customer', 'direction', 'original_invoice'],
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
