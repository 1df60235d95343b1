import { GRANTS } from '../../../../../schema/grants';
import { defineLifecycle, t } from '../../domain/state-machines';

/**
 * The customer's answer is final: a confirmed or disputed statement changes only when finance
 * reopens it (back to draft, recorded in the status history), and the owner sends it again.
 */
export const statementLifecycle = defineLifecycle({
	statuses: ['draft', 'sent', 'confirmed', 'disputed'],
	transitions: [
		...t('draft', 'sent', 'owner'),
		...t('sent', ['confirmed', 'disputed'], 'owner'),
		...t(['confirmed', 'disputed'], 'draft', GRANTS.reopen_statements),
	],
	editable: ['draft', 'sent'],
});
