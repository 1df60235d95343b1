import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';
import { ownerOption } from '../shared/options';

export default definePanel({
	id: 'salesflow-pipeline',
	name: '销售漏斗 / Pipeline',
	icon: 'filter_alt',
	description:
		'商机漏斗（数量、金额、加权金额、阶段转化率）、客户等级与意向、报价状态与金额、报价转订单率 / Opportunity funnel (count, amount, weighted, stage conversion), customers by grade and intent, quotes by status, quote-to-order conversion',
	component: PanelComponent,
	options: [ownerOption],
	minWidth: 14,
	minHeight: 10,
});
