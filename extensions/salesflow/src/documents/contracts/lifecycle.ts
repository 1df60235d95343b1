import { approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

export const contractLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'pending_approval', 'approved', 'signed', 'completed', 'terminated', 'rejected'],
	transitions: [
		...approvalCycle('approved'),
		// 'owner' includes the sales assistant who files contracts, when the row permission lets them edit it.
		...t('approved', 'signed', 'owner'),
		...t('signed', 'completed', 'owner'),
		// Only an approved contract change of kind `terminate` terminates a contract (documents/contract-changes).
		...t('signed', 'terminated', 'system'),
	],
	editable: ['draft', 'rejected'],
	alwaysEditable: ['signed_scan', 'sign_date'],
	approved: 'approved',
});
