import { GRANTS } from '../../../../../schema/grants';
import { approvalCycle, defineLifecycle, t } from '../../domain/state-machines';

export const loanLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'pending_approval', 'approved', 'issued', 'closed', 'rejected'],
	transitions: [...approvalCycle('approved'), ...t('approved', 'issued', GRANTS.move_stock), ...t('issued', 'closed', 'system')],
	editable: ['draft', 'rejected'],
	approved: 'approved',
});
