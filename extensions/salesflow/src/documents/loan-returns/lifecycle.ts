import { APPROVABLE, approvalCycle, defineLifecycle } from '../../domain/state-machines';

export const loanReturnLifecycle = defineLifecycle({
	statuses: APPROVABLE,
	transitions: approvalCycle('approved'),
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
