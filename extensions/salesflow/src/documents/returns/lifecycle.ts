import { GRANTS } from '../../../../../schema/grants';
import { defineLifecycle, t } from '../../domain/state-machines';

export const returnLifecycle = defineLifecycle({
	statuses: ['pending', 'received'],
	transitions: t('pending', 'received', GRANTS.move_stock),
	editable: ['pending'], // the goods are counted against it until received
});
