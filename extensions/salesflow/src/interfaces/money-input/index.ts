import { defineInterface } from '@directus/extensions-sdk';
import InterfaceComponent from './interface.vue';

// Money fields in forms: an amount with two decimals to type in, and where the field cannot be
// edited (totals, locked documents) the amount as the lists show it (¥25,600.00, red when negative).
export default defineInterface({
	id: 'salesflow-money-input',
	name: '金额 / Money',
	icon: 'currency_yuan',
	description: '两位小数的金额 / An amount with two decimals',
	component: InterfaceComponent,
	types: ['decimal'],
	options: null,
});
