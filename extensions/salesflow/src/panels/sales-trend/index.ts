import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';
import { ownerOption } from '../shared/options';

export default definePanel({
	id: 'salesflow-sales-trend',
	name: '销售趋势 / Sales trend',
	icon: 'show_chart',
	description: '按月的下单、发货、开票、回款金额 / Ordered, shipped, invoiced and received per month',
	component: PanelComponent,
	options: [
		{
			field: 'months',
			name: '月数 / Months',
			type: 'integer',
			meta: { interface: 'select-dropdown', width: 'half', options: { choices: [6, 12, 24].map((n) => ({ text: `${n}`, value: n })) } },
			schema: { default_value: 12 },
		},
		ownerOption,
	],
	minWidth: 16,
	minHeight: 10,
});
