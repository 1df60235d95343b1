import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';

export default definePanel({
	id: 'salesflow-approvals-inbox',
	name: 'Approvals inbox / 审批待办',
	icon: 'approval',
	description: 'Pending approval steps of the current user / 当前用户待审批事项',
	component: PanelComponent,
	options: [],
	minWidth: 12,
	minHeight: 8,
});
