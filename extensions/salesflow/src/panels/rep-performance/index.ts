import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';
import { periodOption } from '../shared/options';

export default definePanel({
	id: 'salesflow-rep-performance',
	name: '销售业绩 / Rep performance',
	icon: 'emoji_events',
	description: '目标与实际、新客户、拜访 / Target vs actual, new customers and visits per rep',
	component: PanelComponent,
	options: [periodOption],
	minWidth: 14,
	minHeight: 8,
});
