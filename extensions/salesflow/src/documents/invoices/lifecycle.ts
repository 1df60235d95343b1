import { defineLifecycle, t } from '../../domain/state-machines';

/**
 * A red invoice (红字发票) is approved before it is issued (PROCESS.md §12): submitting it opens an
 * approval request and an approved one is back in "submitted", ready to issue. A blue invoice's
 * submit opens nothing (documents/invoices/index.ts).
 */
export const invoiceLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'pending_approval', 'issued', 'void', 'rejected'],
	transitions: [
		...t(['draft', 'rejected'], 'submitted', 'owner'),
		...t(['submitted', 'rejected'], 'draft', 'owner'),
		...t('submitted', 'pending_approval', 'system'),
		...t('pending_approval', ['submitted', 'rejected'], 'system'),
		...t(['draft', 'submitted'], 'issued', 'system'), // only the issue endpoint (finance) issues
		...t(['draft', 'submitted', 'rejected'], 'void', 'owner'),
	],
	editable: ['draft', 'rejected'],
	alwaysEditable: ['red_confirmation_no', 'einvoice_file'],
	approved: 'submitted',
});
