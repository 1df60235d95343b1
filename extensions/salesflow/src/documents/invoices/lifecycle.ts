import { defineLifecycle, t } from '../../domain/state-machines';

export const invoiceLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'issued', 'void'],
	transitions: [
		...t('draft', 'submitted', 'owner'),
		...t('submitted', 'draft', 'owner'),
		...t(['draft', 'submitted'], 'issued', 'system'), // only the issue endpoint (finance) issues
		...t(['draft', 'submitted'], 'void', 'owner'),
	],
	editable: ['draft'],
});
