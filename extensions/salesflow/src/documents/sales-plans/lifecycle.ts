import { APPROVABLE, approvalCycle, defineLifecycle } from '../../domain/state-machines';

/** A sales plan is submitted to and approved by the direct superior (PROCESS.md §12, seed 003). */
export const salesPlanLifecycle = defineLifecycle({
	statuses: APPROVABLE,
	transitions: approvalCycle('approved'),
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
