import { GRANTS } from '../../../../../schema/grants';
import { defineLifecycle, t } from '../../domain/state-machines';

export const stockEntryLifecycle = defineLifecycle({
	statuses: ['draft', 'posted'],
	transitions: t('draft', 'posted', GRANTS.post_stock_entries),
	editable: ['draft'],
});
