import { APPROVABLE, approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

/** Contract changes (合同变更/解除申请): approved by the rules, applied in the approving transaction. */
export const contractChangeLifecycle = defineLifecycle({
	statuses: [...APPROVABLE, 'applied'],
	transitions: [...approvalCycle('approved'), ...t('approved', 'applied', 'system')],
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
