// Invoices (销售发票): drafted from issued delivery notes or as red-letter credits through /invoicing
// (drafts.ts), issued by finance (issue.ts). Customer, direction and original are fixed once drafted.
import { defineDocument } from '../../engine/document-type';
import { issueInvoice } from './issue';
import { invoiceLifecycle } from './lifecycle';

export const invoices = defineDocument({
	collection: 'invoices',
	lifecycle: invoiceLifecycle,
	fixedAfterCreate: ['customer', 'direction', 'original_invoice'],
	archive: { statuses: ['issued', 'void'], grant: 'archive_invoices' },
	effects: { issued: issueInvoice },
});
