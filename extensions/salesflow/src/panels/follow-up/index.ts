import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';
import { rowsOption, ownerOption } from '../shared/options';

export default definePanel({
	id: 'salesflow-follow-up',
	name: '跟进清单 / Follow-up',
	icon: 'notification_important',
	description: '逾期未发货订单、超期未到货、逾期借出、超时投诉 / Late orders, late deliveries, overdue loans, complaints waiting',
	component: PanelComponent,
	options: [ownerOption, rowsOption(5)],
	minWidth: 14,
	minHeight: 10,
});
