import { defineLifecycle, t } from '../../domain/state-machines';

export const approvalRequestLifecycle = defineLifecycle({
	statuses: ['pending', 'approved', 'rejected', 'cancelled'],
	transitions: t('pending', ['approved', 'rejected', 'cancelled'], 'system'),
});

/** Steps are decided by the engine (a decision, or an earlier approval of the same person), never moved as documents. */
export const approvalStepLifecycle = defineLifecycle({
	statuses: ['waiting', 'pending', 'approved', 'rejected', 'skipped'],
	transitions: [],
});
