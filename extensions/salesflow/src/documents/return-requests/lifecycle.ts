import { APPROVABLE, approvalCycle, defineLifecycle } from '../../domain/state-machines';

export const returnRequestLifecycle = defineLifecycle({
	statuses: APPROVABLE,
	transitions: approvalCycle('approved'),
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
