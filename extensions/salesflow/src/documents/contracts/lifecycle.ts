import { GRANTS } from '../../../../../schema/grants';
import { approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

export const contractLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'pending_approval', 'approved', 'signed', 'completed', 'terminated', 'rejected'],
	transitions: [
		...approvalCycle('approved'),
		// 'owner' includes the sales assistant who files contracts, when the row permission lets them edit it.
		...t('approved', 'signed', 'owner'),
		...t('signed', 'completed', 'owner'),
		...t('signed', 'terminated', GRANTS.terminate_contracts),
	],
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
