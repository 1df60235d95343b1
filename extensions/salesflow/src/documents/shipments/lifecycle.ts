import { GRANTS } from '../../../../../schema/grants';
import { defineLifecycle, t } from '../../domain/state-machines';

export const shipmentLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'issued', 'delivered', 'accepted', 'cancelled'],
	transitions: [
		...t('draft', 'submitted', 'owner'),
		...t('submitted', 'draft', 'owner'),
		...t('submitted', 'issued', GRANTS.move_stock),
		...t('issued', 'delivered', GRANTS.record_delivery),
		...t('delivered', 'accepted', GRANTS.record_acceptance),
		...t(['draft', 'submitted'], 'cancelled', 'owner'),
	],
	editable: ['draft'],
});
