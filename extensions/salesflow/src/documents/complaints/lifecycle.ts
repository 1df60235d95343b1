import { defineLifecycle, t } from '../../domain/state-machines';

export const complaintLifecycle = defineLifecycle({
	statuses: ['open', 'responded', 'escalated', 'resolved', 'closed'],
	transitions: [
		...t('open', 'responded', 'owner'),
		...t('open', 'escalated', 'system'), // no first response within 24 h
		...t('escalated', 'responded', 'owner'),
		...t('responded', 'resolved', 'owner'),
		...t('resolved', 'closed', 'owner'),
	],
});
