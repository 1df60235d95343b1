import { defineLifecycle, t } from '../../domain/state-machines';

export const customerLifecycle = defineLifecycle({
	statuses: ['lead', 'prospect', 'signed', 'inactive'],
	transitions: [
		...t('lead', 'prospect', 'owner'),
		...t('prospect', 'lead', 'owner'),
		...t(['lead', 'prospect', 'signed'], 'inactive', 'owner'),
		...t('inactive', ['lead', 'prospect'], 'owner'),
		...t(['lead', 'prospect', 'inactive'], 'signed', 'system'), // set by the first signed contract
	],
	// A customer is registered as a lead or a prospect.
	createdAs: ['prospect'],
});
