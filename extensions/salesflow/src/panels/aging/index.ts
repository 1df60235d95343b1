import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';
import { rowsOption, ownerOption } from '../shared/options';

export default definePanel({
	id: 'salesflow-aging',
	name: '应收账龄 / Receivables aging',
	icon: 'hourglass_bottom',
	description: '已开票未收款按逾期天数分段 / Open invoice amounts by days overdue',
	component: PanelComponent,
	options: [ownerOption, rowsOption(8)],
	minWidth: 14,
	minHeight: 10,
});
