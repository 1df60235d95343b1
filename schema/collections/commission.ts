import { GRADE_CHOICES } from './crm';
import { commissionStatementLifecycle } from '../../extensions/salesflow/src/documents/commission-statements/lifecycle';
import { approvableHead, type CollectionDef, choice, type FieldDef, id, L, type Label, m2o, money, o2m, str, text } from '../model';

/** A commission rate in percent with up to 2 decimals (3.50 = 3.5 %). */
const percent = (field: string, label: Label, o: Partial<FieldDef> = {}): FieldDef => ({
	field,
	type: 'decimal',
	precision: 5,
	scale: 2,
	label,
	interface: 'input',
	display: 'formatted-value',
	width: 'half',
	...o,
});

/**
 * The commission rate table (提成比例, seed 001): a rate per product group and/or customer grade; the
 * most specific row wins (group + grade, group, grade, the default row with neither).
 */
export const commission_rates: CollectionDef = {
	collection: 'commission_rates',
	label: { en: ['Commission rate', 'Commission rates'], zh: ['提成比例', '提成比例'] },
	icon: 'percent',
	note: L(
		'Commission on money received: the most specific row wins (group and grade, group, grade, then the default row with neither, which always stays).',
		'按回款计提成：最具体的一行适用（产品组+客户等级、产品组、客户等级、均为空的默认行；默认行不可删除）。',
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
		percent('rate', L('Rate (%)', '提成比例（%）'), {
			required: true,
			note: L('A percent from 0 to 100 with up to 2 decimals.', '0–100 的百分比，最多两位小数。'),
		}),
		str('memo', L('Memo', '备注'), { width: 'full' }),
	],
};

/**
 * A rep's monthly commission statement (提成单): the figures of the commission report for the owner and
 * month, computed when it is submitted and frozen on it, approved by the owner's direct superior.
 */
export const commission_statements: CollectionDef = {
	collection: 'commission_statements',
	label: { en: ['Commission statement', 'Commission statements'], zh: ['提成单', '提成单'] },
	icon: 'savings',
	note: L(
		"A rep's commission for a month on money received, computed on submission and approved by the direct superior; one per rep and month.",
		'销售人员某月按回款计算的提成，提交时计算并固定，由直属上级审批；每人每月一张。',
	),
	template: '{{number}} · {{period}} · {{owner.first_name}}',
	fields: [
		...approvableHead(commissionStatementLifecycle),
		str('period', L('Month', '月份'), {
			required: true,
			index: true,
			options: { placeholder: '2027-01' },
			note: L('The month YYYY-MM; one statement per owner and month.', '月份（YYYY-MM）；每人每月一张。'),
		}),
		money('received', L('Received', '回款'), {
			readonly: true,
			note: L(
				"This month's allocations of receipts to the owner's customers' invoices, as of submission.",
				'本月收款核销到负责人客户发票的金额，按提交时计算。',
			),
		}),
		money('commission', L('Commission', '提成'), { readonly: true }),
		text('memo', L('Memo', '说明')),
		o2m('lines', L('Lines', '提成明细'), 'commission_statement_lines', 'statement', {
			readonly: true,
			fields: ['invoice', 'product', 'product_group', 'customer_grade', 'received', 'rate', 'commission'],
		}),
	],
};

/** A statement's detail: one row per allocation and invoice line, written on submission only. */
export const commission_statement_lines: CollectionDef = {
	collection: 'commission_statement_lines',
	label: { en: ['Commission line', 'Commission lines'], zh: ['提成明细', '提成明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		m2o('statement', L('Commission statement', '提成单'), 'commission_statements', { onDelete: 'CASCADE', hidden: true }),
		m2o('allocation', L('Allocation', '核销记录'), 'receipt_allocations', { readonly: true, onDelete: 'SET NULL' }),
		m2o('invoice', L('Invoice', '发票'), 'invoices', { readonly: true, onDelete: 'SET NULL', template: '{{number}}' }),
		m2o('product', L('Product', '产品'), 'products', { readonly: true, onDelete: 'SET NULL', template: '{{sku}}' }),
		str('product_group', L('Product group', '产品组'), { readonly: true }),
		choice('customer_grade', L('Customer grade', '客户等级'), GRADE_CHOICES, { readonly: true }),
		money('received', L('Received', '回款'), { readonly: true }),
		percent('rate', L('Rate (%)', '提成比例（%）'), { readonly: true }),
		money('commission', L('Commission', '提成'), { readonly: true }),
	],
};

export const commission = [commission_rates, commission_statements, commission_statement_lines];
