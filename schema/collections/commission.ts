import { GRADE_CHOICES } from './crm';
import { type CollectionDef, choice, id, L, str } from '../model';

/**
 * The commission rate table (提成比例, seed 001): a rate per product group and/or customer grade; the
 * most specific row wins (group + grade, group, grade, the default row with neither).
 */
export const commission_rates: CollectionDef = {
	collection: 'commission_rates',
	label: { en: ['Commission rate', 'Commission rates'], zh: ['提成比例', '提成比例'] },
	icon: 'percent',
	note: L(
		'Commission on money received: the most specific row wins (group and grade, group, grade, then the row with neither).',
		'按回款计提成：最具体的一行适用（产品组+客户等级、产品组、客户等级、均为空的默认行）。',
	),
	template: '{{product_group}} · {{customer_grade}} · {{rate}}%',
	fields: [
		id(),
		str('product_group', L('Product group', '产品组'), {
			note: L('As on the products; empty for any group.', '与产品上的产品组一致；留空表示任意产品组。'),
		}),
		choice('customer_grade', L('Customer grade', '客户等级'), GRADE_CHOICES, {
			note: L('Empty for any grade.', '留空表示任意等级。'),
		}),
		{
			field: 'rate',
			type: 'decimal',
			precision: 5,
			scale: 2,
			label: L('Rate (%)', '提成比例（%）'),
			interface: 'input',
			display: 'formatted-value',
			width: 'half',
			required: true,
			note: L('A percent from 0 to 100 with up to 2 decimals.', '0–100 的百分比，最多两位小数。'),
		},
		str('memo', L('Memo', '备注'), { width: 'full' }),
	],
};

export const commission = [commission_rates];
