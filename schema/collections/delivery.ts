import {
	archiveFields,
	C,
	L,
	S,
	ch,
	date,
	datetime,
	documentFields,
	id,
	m2o,
	money,
	o2m,
	qty,
	rate,
	shownWhen,
	status,
	str,
	text,
	choice,
	type CollectionDef,
	type StatusList,
	user,
} from '../model';
import { loanConversionLifecycle } from '../../extensions/salesflow/src/documents/loan-conversions/lifecycle';
import { loanReturnLifecycle } from '../../extensions/salesflow/src/documents/loan-returns/lifecycle';
import { loanLifecycle } from '../../extensions/salesflow/src/documents/loans/lifecycle';
import { returnRequestLifecycle } from '../../extensions/salesflow/src/documents/return-requests/lifecycle';
import { returnLifecycle } from '../../extensions/salesflow/src/documents/returns/lifecycle';
import { shipmentLifecycle } from '../../extensions/salesflow/src/documents/shipments/lifecycle';

const customerField = () => m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' });
const warehouseField = () => m2o('warehouse', L('Warehouse', '仓库'), 'warehouses', { required: true, template: '{{code}} · {{name}}' });
const approvalRequestField = () =>
	m2o('approval_request', L('Approval request', '审批单'), 'approval_requests', {
		readonly: true,
		onDelete: 'SET NULL',
		template: '{{number}} · {{status}}',
	});
const lineOf = (field: string, label: ReturnType<typeof L>, related: string) =>
	m2o(field, label, related, { onDelete: 'CASCADE', hidden: true });
const approvalStatuses = (lifecycle: StatusList) => status(lifecycle, [S.draft, S.submitted, S.pending_approval, S.approved, S.rejected]);

export const shipments: CollectionDef = {
	collection: 'shipments',
	label: { en: ['Delivery note', 'Delivery notes'], zh: ['发货单', '发货单'] },
	icon: 'local_shipping',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		m2o('order', L('Sales order', '销售订单'), 'sales_orders', {
			required: true,
			template: '{{number}}',
			note: L(
				'Only confirmed orders; each line at most ordered − shipped − on other open notes.',
				'仅限已确认订单；每行不超过 订购 − 已发 − 其他未完成发货单。',
			),
		}),
		// The order's customer, written on create: nothing the rep picks (a required mark asked for it).
		m2o('customer', L('Customer', '客户'), 'customers', {
			readonly: true,
			template: '{{name}}',
			note: L('Taken from the sales order.', '取自销售订单。'),
		}),
		warehouseField(),
		status(shipmentLifecycle, [
			S.draft,
			S.submitted,
			ch('issued', 'Issued (stock out)', '已出库', C.purple),
			ch('delivered', 'Delivered', '已送达', C.teal),
			ch('accepted', 'Accepted', '已验收', C.green),
			ch('cancelled', 'Cancelled', '已取消', C.dark),
		]),
		datetime('issued_at', L('Issued at', '出库时间'), { readonly: true, index: true }),
		// Kept from the lines (engine/totals.ts), so the sales trend sums notes instead of every line.
		money('amount', L('Amount', '金额'), {
			readonly: true,
			note: L('The lines at their prices (tax included); kept by Salesflow.', '各行按单价的含税合计，由系统维护。'),
		}),
		str('carrier', L('Carrier', '承运商')),
		str('tracking_no', L('Tracking number', '运单号')),
		datetime('shipped_at', L('Shipped at', '发运时间')),
		date('eta', L('ETA', '预计到达'), { index: true }),
		datetime('delivered_at', L('Delivered at', '送达时间')),
		choice(
			'acceptance',
			L('Customer acceptance', '客户验收'),
			[ch('accepted', 'Accepted', '验收合格', C.green), ch('needs_rectification', 'Needs rectification', '需整改', C.red)],
			{ index: false },
		),
		text('acceptance_note', L('Acceptance note', '验收说明')),
		text('rectification_note', L('Rectification required', '整改要求'), {
			conditions: shownWhen('acceptance', ['needs_rectification'], true),
			note: L(
				'Required with "needs rectification"; the delivery stays delivered until accepted.',
				'需整改时必填；整改合格前发货单保持“已送达”。',
			),
		}),
		date('rectification_due', L('Rectify by', '整改期限'), {
			conditions: shownWhen('acceptance', ['needs_rectification'], true),
			note: L('Required with "needs rectification".', '需整改时必填。'),
		}),
		...(['check_quantity', 'check_quality', 'check_packing'] as const).map((f) =>
			choice(
				f,
				f === 'check_quantity'
					? L('Check: quantity', '出库检查：数量')
					: f === 'check_quality'
						? L('Check: quality', '出库检查：质量')
						: L('Check: packing', '出库检查：包装'),
				[ch('passed', 'Passed', '合格', C.green), ch('failed', 'Failed', '不合格', C.red)],
				{ index: false, note: L('Recorded by the warehouse at issue; not recorded counts as passed.', '仓库出库时填写；未填视为合格。') },
			),
		),
		user('checked_by', L('Checked by', '检查人'), { readonly: true }),
		datetime('checked_at', L('Checked at', '检查时间'), { readonly: true }),
		str('ship_to', L('Ship to', '收货地址'), { width: 'full' }),
		o2m('lines', L('Lines', '发货明细'), 'shipment_lines', 'shipment', {
			fields: ['order_line', 'product', 'quantity', 'unit_price', 'invoiced_qty', 'returned_qty'],
		}),
		...archiveFields(),
	],
};

export const shipment_lines: CollectionDef = {
	collection: 'shipment_lines',
	label: { en: ['Delivery line', 'Delivery lines'], zh: ['发货明细', '发货明细'] },
	icon: 'list',
	hidden: true,
	template: '{{shipment.number}} · {{product.sku}} × {{quantity}}',
	fields: [
		id(),
		lineOf('shipment', L('Delivery note', '发货单'), 'shipments'),
		m2o('order_line', L('Order line', '订单行'), 'sales_order_lines', { required: true, template: '{{product.sku}} × {{quantity}}' }),
		m2o('product', L('Product', '产品'), 'products', {
			readonly: true,
			template: '{{sku}} · {{name}}',
			note: L('Taken from the order line.', '取自订单行。'),
		}),
		qty('quantity', L('Quantity', '数量'), { required: true }),
		money('unit_price', L('Unit price (tax incl.)', '含税单价'), { readonly: true }),
		rate('tax_rate', L('VAT rate', '税率'), { readonly: true }),
		qty('invoiced_qty', L('Invoiced', '已开票'), { readonly: true, default: 0 }),
		qty('returned_qty', L('Returned', '已退货'), { readonly: true, default: 0 }),
	],
};

export const return_requests: CollectionDef = {
	collection: 'return_requests',
	label: { en: ['Return request', 'Return requests'], zh: ['退货申请单', '退货申请单'] },
	icon: 'assignment_return',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		m2o('shipment', L('Delivery note', '发货单'), 'shipments', { required: true, template: '{{number}}' }),
		m2o('customer', L('Customer', '客户'), 'customers', {
			readonly: true,
			template: '{{name}}',
			note: L('Taken from the delivery note.', '取自发货单。'),
		}),
		approvalStatuses(returnRequestLifecycle),
		text('reason', L('Reason', '退货原因'), { required: true }),
		...['amount_excl', 'tax', 'total'].map((f) =>
			money(f, f === 'total' ? L('Total', '金额') : f === 'tax' ? L('Tax', '税额') : L('Amount excl. tax', '不含税金额'), {
				readonly: true,
			}),
		),
		approvalRequestField(),
		o2m('lines', L('Lines', '退货明细'), 'return_request_lines', 'request', {
			fields: ['shipment_line', 'quantity', 'unit_price', 'total'],
		}),
	],
};

export const return_request_lines: CollectionDef = {
	collection: 'return_request_lines',
	label: { en: ['Return request line', 'Return request lines'], zh: ['退货明细', '退货明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		lineOf('request', L('Return request', '退货申请'), 'return_requests'),
		m2o('shipment_line', L('Delivery line', '发货行'), 'shipment_lines', { required: true, template: '{{product.sku}} × {{quantity}}' }),
		m2o('product', L('Product', '产品'), 'products', { readonly: true, template: '{{sku}}' }),
		qty('quantity', L('Quantity', '数量'), {
			required: true,
			note: L('At most shipped − returned − on other pending requests.', '不超过 已发 − 已退 − 其他未完成申请。'),
		}),
		money('unit_price', L('Unit price (delivered)', '单价（发货价）'), { readonly: true }),
		money('total', L('Total', '金额'), { readonly: true }),
	],
};

export const returns: CollectionDef = {
	collection: 'returns',
	label: { en: ['Return', 'Returns'], zh: ['退货单', '退货单'] },
	icon: 'keyboard_return',
	note: L(
		'Created from an approved return request; the warehouse sets "received", which writes the return_in moves.',
		'由已批准的退货申请生成；库房设置“已收货”时写入退货入库流水。',
	),
	template: '{{number}} · {{return_request.number}}',
	fields: [
		...documentFields(),
		m2o('return_request', L('Return request', '退货申请'), 'return_requests', { readonly: true, template: '{{number}}' }),
		m2o('customer', L('Customer', '客户'), 'customers', { readonly: true, template: '{{name}}' }),
		warehouseField(),
		status(returnLifecycle, [ch('pending', 'Pending', '待收货', C.amber), ch('received', 'Received', '已收货', C.green)]),
		datetime('received_at', L('Received at', '收货时间'), { readonly: true }),
		m2o('red_invoice', L('Red invoice', '红字发票'), 'invoices', { readonly: true, onDelete: 'SET NULL', template: '{{number}}' }),
	],
};

export const loans: CollectionDef = {
	collection: 'loans',
	label: { en: ['Loan', 'Loans'], zh: ['借出单', '借出单'] },
	icon: 'outbox',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		customerField(),
		warehouseField(),
		status(loanLifecycle, [
			S.draft,
			S.submitted,
			S.pending_approval,
			S.approved,
			ch('issued', 'Issued', '已出库', C.purple),
			ch('closed', 'Closed', '已关闭', C.dark),
			S.rejected,
		]),
		date('expected_return_date', L('Expected return', '预计归还日期'), { required: true, index: true }),
		text('purpose', L('Purpose', '借出用途')),
		approvalRequestField(),
		o2m('lines', L('Lines', '借出明细'), 'loan_lines', 'loan', { fields: ['product', 'quantity', 'returned_qty', 'converted_qty'] }),
	],
};

export const loan_lines: CollectionDef = {
	collection: 'loan_lines',
	label: { en: ['Loan line', 'Loan lines'], zh: ['借出明细', '借出明细'] },
	icon: 'list',
	hidden: true,
	template: '{{loan.number}} · {{product.sku}} × {{quantity}}',
	fields: [
		id(),
		lineOf('loan', L('Loan', '借出单'), 'loans'),
		m2o('product', L('Product', '产品'), 'products', { required: true, template: '{{sku}} · {{name}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true }),
		qty('returned_qty', L('Returned', '已归还'), { readonly: true, default: 0 }),
		qty('converted_qty', L('Converted to sale', '已转销售'), { readonly: true, default: 0 }),
	],
};

const loanDocument = (
	collection: string,
	en: [string, string],
	zh: [string, string],
	icon: string,
	lines: string,
	lineFields: string[],
): CollectionDef => ({
	collection,
	label: { en, zh },
	icon,
	template: '{{number}} · {{loan.number}}',
	fields: [
		...documentFields(),
		m2o('loan', L('Loan', '借出单'), 'loans', { required: true, template: '{{number}}' }),
		approvalStatuses(collection === 'loan_returns' ? loanReturnLifecycle : loanConversionLifecycle),
		approvalRequestField(),
		o2m('lines', L('Lines', '明细'), lines, collection === 'loan_returns' ? 'loan_return' : 'conversion', { fields: lineFields }),
	],
});

export const loan_returns: CollectionDef = loanDocument(
	'loan_returns',
	['Loan return', 'Loan returns'],
	['借出归还单', '借出归还单'],
	'move_to_inbox',
	'loan_return_lines',
	['loan_line', 'quantity'],
);

export const loan_return_lines: CollectionDef = {
	collection: 'loan_return_lines',
	label: { en: ['Loan return line', 'Loan return lines'], zh: ['归还明细', '归还明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		lineOf('loan_return', L('Loan return', '归还单'), 'loan_returns'),
		m2o('loan_line', L('Loan line', '借出行'), 'loan_lines', { required: true, template: '{{product.sku}} × {{quantity}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true, note: L('At most what is still out.', '不超过未归还数量。') }),
	],
};

export const loan_conversions: CollectionDef = {
	...loanDocument(
		'loan_conversions',
		['Loan conversion', 'Loan conversions'],
		['借出转换单', '借出转换单'],
		'sync_alt',
		'loan_conversion_lines',
		['loan_line', 'quantity', 'unit_price'],
	),
};
loan_conversions.fields.push(
	m2o('contract', L('Contract', '合同'), 'contracts', {
		onDelete: 'SET NULL',
		template: '{{number}}',
		note: L(
			"The customer's signed contract the sale comes under (试用完成，签订合同后); required from the amount set in the settings.",
			'试用完成、签订合同后转销售：须有已签署合同（金额起点见系统设置）。',
		),
	}),
	m2o('order', L('Sales order created', '生成的销售订单'), 'sales_orders', {
		readonly: true,
		onDelete: 'SET NULL',
		template: '{{number}}',
	}),
	m2o('shipment', L('Delivery note created', '生成的发货单'), 'shipments', {
		readonly: true,
		onDelete: 'SET NULL',
		template: '{{number}}',
	}),
);

export const loan_conversion_lines: CollectionDef = {
	collection: 'loan_conversion_lines',
	label: { en: ['Loan conversion line', 'Loan conversion lines'], zh: ['转换明细', '转换明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		lineOf('conversion', L('Conversion', '转换单'), 'loan_conversions'),
		m2o('loan_line', L('Loan line', '借出行'), 'loan_lines', { required: true, template: '{{product.sku}} × {{quantity}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true }),
		money('unit_price', L('Unit price (tax incl.)', '含税单价'), { required: true, note: L('Floor-price rules apply.', '适用底价规则。') }),
	],
};

export const delivery = [
	shipments,
	shipment_lines,
	return_requests,
	return_request_lines,
	returns,
	loans,
	loan_lines,
	loan_returns,
	loan_return_lines,
	loan_conversions,
	loan_conversion_lines,
];
