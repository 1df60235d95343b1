import { defineLifecycle, t } from '../../domain/state-machines';

export const statementLifecycle = defineLifecycle({
	statuses: ['draft', 'sent', 'confirmed', 'disputed'],
	transitions: [...t('draft', 'sent', 'owner'), ...t('sent', ['confirmed', 'disputed'], 'owner'), ...t('disputed', 'sent', 'owner')],
	editable: ['draft'],
});
