import { GRANTS } from '../../../../../schema/grants';
import { defineLifecycle, t } from '../../domain/state-machines';

export const workReportLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'reviewed'],
	transitions: [...t('draft', 'submitted', 'owner'), ...t('submitted', 'reviewed', GRANTS.review_reports)],
	editable: ['draft'],
	alwaysEditable: ['review_comment'],
});
