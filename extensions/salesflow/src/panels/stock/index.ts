import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';
import { rowsOption, warehouseOption } from '../shared/options';

export default definePanel({
	id: 'salesflow-stock',
	name: '库存与借出 / Stock and loans',
	icon: 'inventory_2',
	description:
		'现存量、已预留与可用量、低库存预警、借出未还与逾期 / On hand, reserved and available, low-stock warnings, goods on loan and overdue',
	component: PanelComponent,
	options: [
		warehouseOption,
		{
			field: 'low_only',
			name: '只看低库存 / Low stock only',
			type: 'boolean',
			meta: { interface: 'boolean', width: 'half' },
			schema: { default_value: false },
		},
		rowsOption(50),
	],
	minWidth: 14,
	minHeight: 10,
});
