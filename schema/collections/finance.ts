import {
	file,
	archiveFields,
	C,
	L,
	S,
	ch,
	choice,
	date,
	datetime,
	bool,
	int,
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
	type CollectionDef,
} from '../model';
import { invoiceLifecycle } from '../../extensions/salesflow/src/documents/invoices/lifecycle';
import { receiptLifecycle } from '../../extensions/salesflow/src/documents/receipts/lifecycle';
import { statementLifecycle } from '../../extensions/salesflow/src/documents/statements/lifecycle';
import { INVOICE_TYPES, lineAmountFields, totalsFields } from './selling';

const customerField = () => m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' });

export const invoices: CollectionDef = {
	collection: 'invoices',
	label: { en: ['Invoice', 'Invoices'], zh: ['销售发票', '销售发票'] },
	icon: 'receipt_long',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		customerField(),
		choice('type', L('Type', '发票类型'), INVOICE_TYPES, { required: true }),
		choice('direction', L('Direction', '蓝/红字'), [ch('blue', 'Blue', '蓝字', C.teal), ch('red', 'Red (credit)', '红字', C.red)], {
			default: 'blue',
			readonly: true,
		}),
		m2o('original_invoice', L('Original invoice', '原蓝字发票'), 'invoices', {
			readonly: true,
			conditions: shownWhen('direction', ['red']),
			onDelete: 'RESTRICT',
			template: '{{number}}',
		}),
		status(invoiceLifecycle, [
			S.draft,
			S.submitted,
			S.pending_approval,
			ch('issued', 'Issued', '已开具', C.green),
			ch('void', 'Void', '作废', C.dark),
			S.rejected,
		]),
		// Red invoices only: they are approved before issue.
		m2o('approval_request', L('Approval request', '审批单'), 'approval_requests', {
			readonly: true,
			onDelete: 'SET NULL',
			template: '{{number}} · {{status}}',
		}),
		choice(
			'payment_status',
			L('Payment', '收款状态'),
			[
				ch('unpaid', 'Unpaid', '未收款', C.grey),
				ch('partially_paid', 'Partially paid', '部分收款', C.amber),
				ch('paid', 'Paid', '已收款', C.green),
			],
			{ readonly: true, default: 'unpaid' },
		),
		str('buyer_name', L('Buyer name', '购买方名称'), { readonly: true }),
		str('buyer_tax_id', L('Buyer taxpayer ID', '购买方纳税人识别号'), { readonly: true }),
		// Address, phone and bank account are printed on a 专票 only.
		str('buyer_address_phone', L('Buyer address & phone', '购买方地址电话'), {
			readonly: true,
			conditions: shownWhen('type', ['vat_special']),
		}),
		str('buyer_bank_account', L('Buyer bank & account', '购买方开户行及账号'), {
			readonly: true,
			conditions: shownWhen('type', ['vat_special']),
		}),
		...totalsFields(),
		money('paid_amount', L('Received', '已收款'), { readonly: true, default: 0 }),
		money('open_amount', L('Open', '未收金额'), {
			readonly: true,
			note: L('Total − allocated receipts − red invoices against it.', '价税合计 − 已核销收款 − 红字冲减。'),
		}),
		date('issue_date', L('Issue date', '开票日期'), { readonly: true, index: true }),
		date('due_date', L('Due date', '到期日'), {
			readonly: true,
			index: true,
			note: L(
				"Issue date + the customer's payment days; for orders with a payment schedule, the earliest open instalment due after shipment (empty until its trigger happens).",
				'开票日期 + 客户账期；订单有付款计划时，取发货后各期中最早到期且未付清的一期（付款节点发生前为空）。',
			),
		}),
		text('reason', L('Reason (red invoice)', '红冲原因'), { conditions: shownWhen('direction', ['red']) }),
		str('red_confirmation_no', L('Red confirmation no.', '红字确认单编号'), {
			length: 40,
			conditions: shownWhen('direction', ['red']),
			note: L(
				'Red invoices only: the 红字发票信息确认单 number from the e-invoice platform; required before issue.',
				'仅红字发票：电子发票服务平台的红字发票信息确认单编号；开具前必填。',
			),
		}),
		str('einvoice_number', L('E-invoice number', '数电票号码'), {
			readonly: true,
			unique: true,
			length: 20,
			note: L(
				"The platform's 20-digit number, set when the invoice is issued (or its results are imported).",
				'电子发票服务平台赋予的20位号码，开具（或导入开票结果）时写入。',
			),
		}),
		file('einvoice_file', L('E-invoice file', '数电票文件'), {
			note: L('The PDF, OFD or XML the platform returned.', '平台返回的PDF、OFD或XML文件。'),
		}),
		o2m('lines', L('Lines', '发票明细'), 'invoice_lines', 'invoice', {
			fields: ['shipment_line', 'quantity', 'unit_price', 'amount_excl', 'tax', 'total'],
		}),
		...archiveFields(),
	],
};

export const invoice_lines: CollectionDef = {
	collection: 'invoice_lines',
	label: { en: ['Invoice line', 'Invoice lines'], zh: ['发票明细', '发票明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		m2o('invoice', L('Invoice', '发票'), 'invoices', { onDelete: 'CASCADE', hidden: true }),
		m2o('shipment_line', L('Delivery line', '发货行'), 'shipment_lines', {
			readonly: true,
			template: '{{shipment.number}} · {{product.sku}}',
		}),
		m2o('original_line', L('Original line', '原发票行'), 'invoice_lines', { readonly: true, onDelete: 'RESTRICT' }),
		m2o('product', L('Product', '产品'), 'products', { readonly: true, template: '{{sku}}' }),
		qty('quantity', L('Quantity', '数量'), { readonly: true }),
		money('unit_price', L('Unit price (tax incl.)', '含税单价'), { readonly: true }),
		rate('tax_rate', L('VAT rate', '税率'), { readonly: true }),
		...lineAmountFields(),
	],
};

export const receipts: CollectionDef = {
	collection: 'receipts',
	label: { en: ['Receipt', 'Receipts'], zh: ['收款单', '收款单'] },
	icon: 'payments',
	template: '{{number}} · {{customer.name}} · {{amount}}',
	fields: [
		...documentFields(),
		customerField(),
		money('amount', L('Amount', '收款金额'), { required: true }),
		date('received_on', L('Received on', '收款日期'), { required: true, index: true }),
		str('method', L('Method', '收款方式'), { options: { placeholder: '银行转账' } }),
		str('reference', L('Bank reference', '银行流水号')),
		status(receiptLifecycle, [S.draft, ch('confirmed', 'Confirmed', '已确认', C.green)]),
		money('allocated_amount', L('Allocated', '已核销'), { readonly: true, default: 0 }),
		o2m('allocations', L('Allocations', '核销明细'), 'receipt_allocations', 'receipt', {
			ownsRows: false,
			readonly: true,
			fields: ['invoice', 'amount'],
		}),
	],
};

export const receipt_allocations: CollectionDef = {
	collection: 'receipt_allocations',
	label: { en: ['Allocation', 'Allocations'], zh: ['核销', '核销记录'] },
	icon: 'link',
	hidden: true,
	template: '{{receipt.number}} → {{invoice.number}}{{order.number}}: {{amount}}',
	fields: [
		id(),
		m2o('receipt', L('Receipt', '收款单'), 'receipts', { readonly: true, template: '{{number}}' }),
		m2o('invoice', L('Invoice', '发票'), 'invoices', { readonly: true, template: '{{number}}' }),
		m2o('order', L('Order (advance)', '订单（预收款）'), 'sales_orders', {
			readonly: true,
			template: '{{number}}',
			note: L(
				'An advance held for the order; with an invoice as well, the part of it applied to that invoice.',
				'预收款对应的订单；同时有发票时为已冲抵该发票的部分。',
			),
		}),
		money('amount', L('Amount', '核销金额'), { readonly: true }),
		datetime('date_created', L('When', '时间'), { readonly: true, special: ['date-created'] }),
		m2o('user_created', L('Who', '操作人'), 'directus_users', { readonly: true, special: ['user-created'], onDelete: 'SET NULL' }),
	],
};

export const statements: CollectionDef = {
	collection: 'statements',
	label: { en: ['Statement', 'Statements'], zh: ['对账单', '对账单'] },
	icon: 'account_balance',
	template: '{{number}} · {{customer.name}} · {{period}}',
	fields: [
		...documentFields(),
		customerField(),
		str('period', L('Period (YYYY-MM)', '期间（年-月）'), { required: true, index: true }),
		status(statementLifecycle, [
			ch('draft', 'Draft', '草稿', C.grey),
			ch('sent', 'Sent', '已发送', C.teal),
			ch('confirmed', 'Confirmed', '客户已确认', C.green),
			ch('disputed', 'Disputed', '有异议', C.red),
		]),
		money('opening', L('Opening balance', '期初余额'), { readonly: true }),
		money('shipped', L('Shipped', '本期发货'), { readonly: true }),
		money('invoiced', L('Invoiced', '本期开票'), { readonly: true }),
		money('red', L('Red / returned', '本期红冲'), { readonly: true }),
		money('received', L('Received', '本期收款'), { readonly: true }),
		money('closing', L('Closing balance', '期末余额'), {
			readonly: true,
			note: L('Opening + invoiced + red − received.', '期初 + 开票 + 红冲 − 收款。'),
		}),
		date('confirmed_payment_date', L('Confirmed payment date', '确认回款时间')),
		text('dispute_note', L('Dispute note', '异议说明')),
	],
	indexes: [{ columns: ['customer', 'period'], unique: true }],
};

/** An instalment's trigger (付款节点): the event its due date counts from. */
export const PAYMENT_TRIGGER_CHOICES = [
	ch('before_shipment', 'Before shipment', '发货前', C.amber),
	ch('after_delivery', 'After delivery', '到货后', C.teal),
	ch('after_acceptance', 'After acceptance', '验收后', C.green),
	ch('after_invoice', 'After invoice', '开票后', C.purple),
];

export const payment_terms: CollectionDef = {
	collection: 'payment_terms',
	label: { en: ['Payment term', 'Payment terms'], zh: ['付款条件', '付款条件'] },
	icon: 'request_quote',
	template: '{{code}} · {{name}}',
	note: L(
		'Instalments of an order: share, trigger and days. Finance maintains them; customers, contracts and orders use them.',
		'订单的分期付款：比例、付款节点、天数。由财务维护，供客户、合同和订单选用。',
	),
	fields: [
		id(),
		str('code', L('Code', '编码'), { required: true, unique: true, options: { placeholder: 'PT-NET30' } }),
		str('name', L('Name', '名称'), { required: true, options: { placeholder: '30% 预付，验收后付 70%' } }),
		bool('active', L('Active', '启用'), { default: true }),
		o2m('lines', L('Instalments', '分期'), 'payment_term_lines', 'term', {
			// A term without instalments is refused (documents/payment-terms): the form marks them.
			required: true,
			fields: ['sequence', 'trigger', 'percent', 'days'],
			note: L(
				'Shares add up to exactly 100. Changing a term leaves the schedules of confirmed orders as they are.',
				'比例合计必须为 100。修改付款条件不影响已确认订单的付款计划。',
			),
		}),
	],
};

export const payment_term_lines: CollectionDef = {
	collection: 'payment_term_lines',
	label: { en: ['Payment term line', 'Payment term lines'], zh: ['付款条件分期', '付款条件分期'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		m2o('term', L('Payment term', '付款条件'), 'payment_terms', { onDelete: 'CASCADE', hidden: true }),
		int('sequence', L('Sequence', '序号'), { required: true }),
		choice('trigger', L('Trigger', '付款节点'), PAYMENT_TRIGGER_CHOICES, { required: true }),
		{
			...rate('percent', L('Share (%)', '比例（%）')),
			precision: 5,
			scale: 2,
			interface: 'input',
			choices: undefined,
			required: true,
			note: L('Percent of the order total, e.g. 30 or 33.33.', '占订单金额的百分比，如 30 或 33.33。'),
		},
		int('days', L('Days', '天数'), {
			required: true,
			default: 0,
			note: L('Due this many days after the trigger (0–3650).', '付款节点后若干天到期（0–3650）。'),
		}),
	],
};

export const payment_schedules: CollectionDef = {
	collection: 'payment_schedules',
	label: { en: ['Payment schedule', 'Payment schedules'], zh: ['付款计划', '付款计划'] },
	icon: 'event_note',
	// Listed (read-only) under 发票与收款: the instalments-due bookmark lives on it.
	template: '{{order.number}} #{{sequence}} · {{amount}}',
	note: L(
		'Written when the order is confirmed from its payment term; due dates are set when each trigger happens. Nobody edits it.',
		'订单确认时按付款条件生成；各付款节点发生时写入到期日。不可手工修改。',
	),
	fields: [
		id(),
		m2o('order', L('Order', '销售订单'), 'sales_orders', { readonly: true, onDelete: 'CASCADE', template: '{{number}}' }),
		int('sequence', L('Sequence', '序号'), { readonly: true }),
		choice('trigger', L('Trigger', '付款节点'), PAYMENT_TRIGGER_CHOICES, { readonly: true }),
		{ ...rate('percent', L('Share (%)', '比例（%）')), precision: 5, scale: 2, interface: 'input', choices: undefined, readonly: true },
		int('days', L('Days', '天数'), { readonly: true }),
		money('amount', L('Amount', '金额'), {
			readonly: true,
			note: L(
				'Share of the order total, to the fen half up; the last takes the remainder.',
				'按比例计算到分（四舍五入），最后一期取余数。',
			),
		}),
		date('due_date', L('Due date', '到期日'), {
			readonly: true,
			index: true,
			note: L('Trigger date + days; empty until the trigger happens.', '付款节点日期 + 天数；节点发生前为空。'),
		}),
		money('paid_amount', L('Paid', '已付'), { readonly: true, default: 0 }),
		choice(
			'state',
			L('Payment', '付款状态'),
			[
				ch('unpaid', 'Unpaid', '未付', C.grey),
				ch('partially_paid', 'Partially paid', '部分已付', C.amber),
				ch('paid', 'Paid', '已付清', C.green),
			],
			{ readonly: true, default: 'unpaid' },
		),
	],
	indexes: [{ columns: ['order', 'sequence'], unique: true }],
};

export const finance = [
	invoices,
	invoice_lines,
	receipts,
	receipt_allocations,
	statements,
	payment_terms,
	payment_term_lines,
	payment_schedules,
];
