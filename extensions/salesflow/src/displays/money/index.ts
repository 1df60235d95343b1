import { defineDisplay } from '@directus/extensions-sdk';
import DisplayComponent from './display.vue';
import { moneyText } from './format';

// Money in lists, related tables and item pages: ¥ with thousands separators and always two
// decimals (¥25,600.00), red when negative. The stock formatted-value display drops the fen.
export default defineDisplay({
	id: 'salesflow-money',
	name: '金额 / Money',
	icon: 'currency_yuan',
	description: '¥ 千分位、两位小数，负数红色 / ¥ with separators and two decimals, negatives red',
	component: DisplayComponent,
	// Templates (a form's lines table, related values) print the handler's text rather than the component.
	handler: (value: string | number | null) => moneyText(value),
	types: ['decimal'],
	options: null,
});
