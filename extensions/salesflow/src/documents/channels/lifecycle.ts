import { defineLifecycle } from '../../domain/state-machines';

/** Outbox messages are set by the outbox job (sent, failed) and by an admin resending one, never moved as documents. */
export const outboxMessageLifecycle = defineLifecycle({
	statuses: ['pending', 'sent', 'failed'],
	transitions: [],
});
