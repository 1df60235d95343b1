import { approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

export const quoteLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'],
	transitions: [
		...approvalCycle('approved'),
		...t('approved', 'sent', 'owner'),
		...t('sent', ['accepted', 'expired'], 'owner'),
		...t('approved', 'expired', 'system'), // valid_until passed before it was sent
	],
	editable: ['draft', 'rejected'],
	alwaysEditable: ['memo'],
	approved: 'approved',
});
