import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';

export default definePanel({
	id: 'salesflow-approvals-inbox',
	name: '审批待办 / Approvals inbox',
	icon: 'approval',
	description: '当前用户待审批事项，可直接批准或驳回 / Pending approval steps of the current user, approved or rejected in place',
	component: PanelComponent,
	options: [],
	minWidth: 12,
	minHeight: 8,
});
