import { APPROVABLE, approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

export const orderChangeLifecycle = defineLifecycle({
	statuses: [...APPROVABLE, 'applied'],
	transitions: [...approvalCycle('approved'), ...t('approved', 'applied', 'system')],
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
