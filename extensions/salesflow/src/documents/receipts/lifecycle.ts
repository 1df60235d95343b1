import { GRANTS } from '../../../../../schema/grants';
import { defineLifecycle, t } from '../../domain/state-machines';

export const receiptLifecycle = defineLifecycle({
	statuses: ['draft', 'confirmed'],
	transitions: t('draft', 'confirmed', GRANTS.confirm_receipts),
	editable: ['draft'],
});
