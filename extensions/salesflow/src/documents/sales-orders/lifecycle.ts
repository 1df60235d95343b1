import { GRANTS } from '../../../../../schema/grants';
import { approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

export const salesOrderLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'pending_approval', 'confirmed', 'partially_shipped', 'shipped', 'closed', 'cancelled', 'rejected'],
	transitions: [
		...approvalCycle('confirmed'),
		// Delivery rollups move a confirmed order; a cancelled delivery can move it back.
		...t('confirmed', ['partially_shipped', 'shipped'], 'system'),
		...t('partially_shipped', 'shipped', 'system'),
		...t('partially_shipped', 'confirmed', 'system'),
		...t('shipped', 'closed', GRANTS.close_orders),
		...t(['draft', 'rejected'], 'cancelled', 'owner'),
		// A confirmed order is cancelled by an approved order change of kind `cancel`; the order's
		// rules check again that nothing was shipped.
		...t('confirmed', 'cancelled', 'system'),
	],
	editable: ['draft', 'rejected'],
	// `contract`: attached to a confirmed order once (attachContract).
	alwaysEditable: ['memo', 'contract'],
	approved: 'confirmed',
});
