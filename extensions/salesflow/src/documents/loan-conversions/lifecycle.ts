import { APPROVABLE, approvalCycle, defineLifecycle } from '../../domain/state-machines';

export const loanConversionLifecycle = defineLifecycle({
	statuses: APPROVABLE,
	transitions: approvalCycle('approved'),
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
