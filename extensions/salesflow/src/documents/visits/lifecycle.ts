import { APPROVABLE, approvalCycle, defineLifecycle } from '../../domain/state-machines';

/**
 * A planned (future) visit is approved by the direct superior (PROCESS.md §12, seed 004); a visit
 * that already happened is a record and starts as approved (documents/visits/index.ts).
 */
export const visitLifecycle = defineLifecycle({
	statuses: APPROVABLE,
	transitions: approvalCycle('approved'),
	editable: ['draft', 'rejected'],
	// What happened at a planned visit is recorded after its approval.
	alwaysEditable: ['state', 'content', 'result', 'problems', 'next_step', 'next_date', 'contact', 'location'],
	approved: 'approved',
	createdAs: ['approved'],
});
