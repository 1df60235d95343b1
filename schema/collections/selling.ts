import {
	archiveFields,
	C,
	L,
	S,
	ch,
	choice,
	date,
	datetime,
	documentFields,
	file,
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
	type FieldDef,
} from '../model';
import { contractChangeLifecycle } from '../../extensions/salesflow/src/documents/contract-changes/lifecycle';
import { contractLifecycle } from '../../extensions/salesflow/src/documents/contracts/lifecycle';
import { orderChangeLifecycle } from '../../extensions/salesflow/src/documents/order-changes/lifecycle';
import { quoteLifecycle } from '../../extensions/salesflow/src/documents/quotes/lifecycle';
import { salesOrderLifecycle } from '../../extensions/salesflow/src/documents/sales-orders/lifecycle';

const customerField = () => m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' });

/** Totals every priced document keeps; computed by the server from its lines. */
export const totalsFields = (): FieldDef[] => [
	money('amount_excl', L('Amount excl. tax', '不含税金额'), {
		readonly: true,
		note: L('Computed: Σ lines, total / (1 + rate) rounded to the fen.', '系统计算：各行含税额 ÷ (1+税率)，四舍五入到分。'),
	}),
	money('tax', L('Tax', '税额'), { readonly: true, note: L('Computed: Σ line tax.', '系统计算：各行税额之和。') }),
	money('total', L('Total (tax incl.)', '价税合计'), {
		readonly: true,
		note: L('Computed: Σ quantity × tax-inclusive unit price.', '系统计算：数量 × 含税单价之和。'),
	}),
];

/** Computed per-line amounts. */
export const lineAmountFields = (): FieldDef[] => [
	money('amount_excl', L('Amount excl. tax', '不含税金额'), { readonly: true }),
	money('tax', L('Tax', '税额'), { readonly: true }),
	money('total', L('Total', '含税金额'), { readonly: true }),
];

const approvalRequestField = () =>
	m2o('approval_request', L('Approval request', '审批单'), 'approval_requests', {
		readonly: true,
		onDelete: 'SET NULL',
		template: '{{number}} · {{status}}',
	});

export const INVOICE_TYPES = [
	ch('vat_special', 'VAT special (专票)', '增值税专用发票', C.teal),
	ch('vat_ordinary', 'VAT ordinary (普票)', '增值税普通发票', C.grey),
];

export const quotes: CollectionDef = {
	collection: 'quotes',
	label: { en: ['Quote', 'Quotes'], zh: ['报价单', '报价单'] },
	icon: 'request_quote',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		customerField(),
		m2o('opportunity', L('Opportunity', '商机'), 'opportunities', {
			onDelete: 'SET NULL',
			template: '{{number}} · {{name}}',
			note: L(
				'Optional, of the same customer. Approval moves it to proposal at least; a confirmed order of this quote wins it.',
				'可选，须为同一客户的商机。报价批准后商机至少进入“方案/报价”；该报价的订单确认后商机成交。',
			),
		}),
		status(quoteLifecycle, [
			S.draft,
			S.submitted,
			S.pending_approval,
			S.approved,
			ch('sent', 'Sent', '已发送', C.purple),
			ch('accepted', 'Accepted', '已接受', C.green),
			S.rejected,
			ch('expired', 'Expired', '已过期', C.dark),
		]),
		date('quote_date', L('Quote date', '报价日期')),
		date('valid_until', L('Valid until', '有效期至'), {
			note: L(
				'Defaults to the quote date plus the validity days of the settings (30). Past it the quote cannot be sent or ordered and is marked expired.',
				'默认为报价日期加系统设置中的报价有效期（30天）；过期后不能发送或转订单，并自动标记为已过期。',
			),
		}),
		str('payment_terms', L('Payment terms', '付款方式'), { options: { placeholder: '30% 预付，验收后付 70%' } }),
		str('delivery_terms', L('Delivery terms', '交付条款')),
		...totalsFields(),
		approvalRequestField(),
		text('memo', L('Memo', '备注')),
		o2m('lines', L('Lines', '报价明细'), 'quote_lines', 'quote', { fields: ['product', 'quantity', 'unit_price', 'total'] }),
	],
};

export const quote_lines: CollectionDef = {
	collection: 'quote_lines',
	label: { en: ['Quote line', 'Quote lines'], zh: ['报价明细', '报价明细'] },
	icon: 'list',
	hidden: true,
	template: '{{product.sku}} × {{quantity}} @ {{unit_price}}',
	fields: [
		id(),
		m2o('quote', L('Quote', '报价单'), 'quotes', { onDelete: 'CASCADE', hidden: true }),
		m2o('product', L('Product', '产品'), 'products', { required: true, template: '{{sku}} · {{name}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true }),
		money('unit_price', L('Unit price (tax incl.)', '含税单价'), { required: true }),
		rate('tax_rate', L('VAT rate', '税率'), { note: L("Defaults to the product's rate.", '默认取产品税率。') }),
		money('list_price', L('List price (snapshot)', '报价单价（快照）'), { readonly: true }),
		money('floor_price', L('Floor price (snapshot)', '指导底价（快照）'), { readonly: true }),
		money('cost_price', L('Cost (snapshot)', '成本（快照）'), { readonly: true }),
		...lineAmountFields(),
	],
};

export const contracts: CollectionDef = {
	collection: 'contracts',
	label: { en: ['Contract', 'Contracts'], zh: ['销售合同', '销售合同'] },
	icon: 'history_edu',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		customerField(),
		m2o('quote', L('Quote', '报价单'), 'quotes', { onDelete: 'SET NULL', template: '{{number}}' }),
		status(contractLifecycle, [
			S.draft,
			S.submitted,
			S.pending_approval,
			S.approved,
			ch('signed', 'Signed', '已签署', C.green),
			ch('completed', 'Completed', '已完成', C.dark),
			ch('terminated', 'Terminated', '已终止', C.red),
			S.rejected,
		]),
		// Not required: a contract with lines gets the total of its lines; only a framework contract is entered (checked at submit).
		money('amount', L('Amount', '合同金额'), {
			note: L(
				'With lines: their total, computed. Without lines (framework contract): entered. ≤ 100,000: department; ≤ 500,000: + VP; above: + general manager.',
				'有明细时为明细合计（系统计算）；无明细为框架合同，手工填写。≤10万部门负责人；≤50万加分管副总；>50万加总经理。',
			),
		}),
		// Contract performance (合同履行): kept by the rules in the transactions that move the figures (documents/contracts/performance.ts).
		money('ordered_amount', L('Ordered', '已下单金额'), {
			readonly: true,
			default: 0,
			note: L('Confirmed orders against the contract.', '按本合同已确认订单金额。'),
		}),
		money('shipped_amount', L('Shipped', '已发货金额'), {
			readonly: true,
			default: 0,
			note: L('Issued delivery notes.', '已出库发货单金额。'),
		}),
		money('invoiced_amount', L('Invoiced', '已开票金额'), {
			readonly: true,
			default: 0,
			note: L('Issued invoices, less red ones.', '已开具发票金额（扣红冲）。'),
		}),
		money('received_amount', L('Received', '已收款金额'), {
			readonly: true,
			default: 0,
			note: L('Receipts allocated to its invoices.', '已核销到其发票的收款。'),
		}),
		str('subject', L('Subject', '合同标的'), { width: 'full' }),
		text('price_terms', L('Price', '价格条款')),
		str('delivery_time', L('Delivery time', '交货时间')),
		str('delivery_place', L('Delivery place', '交货地点')),
		text('acceptance_standard', L('Acceptance standard', '验收标准')),
		text('payment_terms', L('Payment terms', '付款条款')),
		m2o('payment_term', L('Payment term (instalments)', '付款条件（分期）'), 'payment_terms', {
			template: '{{code}} · {{name}}',
			note: L("Orders against the contract take it before the customer's.", '按合同下的订单优先采用此付款条件。'),
		}),
		text('liabilities', L('Liabilities', '违约责任')),
		text('confidentiality', L('Confidentiality', '保密条款')),
		date('sign_date', L('Sign date', '签订日期')),
		file('signed_scan', L('Signed scan', '签署扫描件')),
		approvalRequestField(),
		...archiveFields(),
		o2m('lines', L('Lines', '合同明细'), 'contract_lines', 'contract', {
			fields: ['product', 'quantity', 'unit_price', 'total'],
			note: L(
				'Orders against the contract take only these products, within these quantities, at no lower price. No lines: a framework contract (框架合同) bounded by its amount.',
				'按合同下的订单只能包含这些产品，数量不超过、单价不低于合同；无明细即框架合同，订单金额不超过合同金额。',
			),
		}),
	],
};

export const contract_lines: CollectionDef = {
	collection: 'contract_lines',
	label: { en: ['Contract line', 'Contract lines'], zh: ['合同明细', '合同明细'] },
	icon: 'list',
	hidden: true,
	template: '{{product.sku}} × {{quantity}} @ {{unit_price}}',
	fields: [
		id(),
		m2o('contract', L('Contract', '合同'), 'contracts', { onDelete: 'CASCADE', hidden: true, template: '{{number}}' }),
		m2o('product', L('Product', '产品'), 'products', { required: true, template: '{{sku}} · {{name}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true }),
		money('unit_price', L('Unit price (tax incl.)', '含税单价'), { required: true }),
		rate('tax_rate', L('VAT rate', '税率'), { note: L("Defaults to the product's rate.", '默认取产品税率。') }),
		money('floor_price', L('Floor price (snapshot)', '指导底价（快照）'), { readonly: true }),
		...lineAmountFields(),
	],
};

export const sales_orders: CollectionDef = {
	collection: 'sales_orders',
	label: { en: ['Sales order', 'Sales orders'], zh: ['销售订单', '销售订单'] },
	icon: 'shopping_cart',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		customerField(),
		m2o('contract', L('Contract', '合同'), 'contracts', { onDelete: 'SET NULL', template: '{{number}}' }),
		m2o('quote', L('Quote', '报价单'), 'quotes', {
			onDelete: 'SET NULL',
			template: '{{number}}',
			note: L('Lines priced as on an approved quote need no special-discount approval.', '与已批准报价一致的价格无需特殊折扣审批。'),
		}),
		status(salesOrderLifecycle, [
			S.draft,
			S.submitted,
			S.pending_approval,
			ch('confirmed', 'Confirmed', '已确认', C.green),
			ch('partially_shipped', 'Partially shipped', '部分发货', C.teal),
			ch('shipped', 'Shipped', '已发货', C.purple),
			ch('closed', 'Closed', '已关闭', C.dark),
			ch('cancelled', 'Cancelled', '已取消', C.dark),
			S.rejected,
		]),
		date('order_date', L('Order date', '订单日期')),
		date('requested_date', L('Requested delivery', '要求交货日期'), { index: true }),
		m2o('payment_term', L('Payment term', '付款条件'), 'payment_terms', {
			template: '{{code}} · {{name}}',
			note: L(
				"Defaults to the contract's term, else the customer's; fixed once the order is submitted. Confirmation writes the payment schedule.",
				'默认取合同的付款条件，其次取客户的；提交后不可更改。订单确认时生成付款计划。',
			),
		}),
		str('ship_to', L('Ship to', '收货地址'), { width: 'full' }),
		choice_invoice_type(),
		...totalsFields(),
		str('percent_shipped', L('% shipped', '发货进度%'), { readonly: true }),
		str('percent_invoiced', L('% invoiced', '开票进度%'), { readonly: true }),
		{
			field: 'confirmed_at',
			type: 'timestamp',
			label: L('Confirmed at', '确认时间'),
			readonly: true,
			interface: 'datetime',
			display: 'datetime',
			width: 'half',
			note: L('Ship within 3 working days of confirmation.', '确认后3个工作日内发货。'),
		},
		date('ship_by', L('Ship by', '最迟发货日'), {
			readonly: true,
			index: true,
			note: L(
				'Confirmation + 3 working days (seed 003); later ones are on the follow-up list.',
				'确认后3个工作日内发货；逾期进入跟进清单。',
			),
		}),
		datetime('late_notified_at', L('Late notice sent', '逾期提醒时间'), {
			readonly: true,
			note: L(
				'When the rep and the assistants were told the order is past its ship-by date (once).',
				'已通知销售代表和助理订单逾期未发（仅一次）。',
			),
		}),
		approvalRequestField(),
		text('memo', L('Memo', '备注')),
		o2m('payment_schedule', L('Payment schedule', '付款计划'), 'payment_schedules', 'order', {
			ownsRows: false,
			readonly: true,
			fields: ['sequence', 'trigger', 'percent', 'amount', 'due_date', 'paid_amount', 'state'],
		}),
		o2m('lines', L('Lines', '订单明细'), 'sales_order_lines', 'order', {
			fields: ['product', 'quantity', 'unit_price', 'total', 'shipped_qty', 'invoiced_qty', 'available_at_submit', 'shortage_at_submit'],
		}),
		...archiveFields(),
	],
};

function choice_invoice_type(): FieldDef {
	return {
		field: 'invoice_type',
		type: 'string',
		label: L('Invoice type wanted', '发票类型'),
		interface: 'select-dropdown',
		display: 'labels',
		width: 'half',
		default: 'vat_special',
		choices: INVOICE_TYPES,
	};
}

export const sales_order_lines: CollectionDef = {
	collection: 'sales_order_lines',
	label: { en: ['Order line', 'Order lines'], zh: ['订单明细', '订单明细'] },
	icon: 'list',
	hidden: true,
	template: '{{order.number}} · {{product.sku}} × {{quantity}}',
	fields: [
		id(),
		m2o('order', L('Order', '订单'), 'sales_orders', { onDelete: 'CASCADE', hidden: true, template: '{{number}}' }),
		m2o('product', L('Product', '产品'), 'products', { required: true, template: '{{sku}} · {{name}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true }),
		money('unit_price', L('Unit price (tax incl.)', '含税单价'), { required: true }),
		rate('tax_rate', L('VAT rate', '税率')),
		money('floor_price', L('Floor price (snapshot)', '指导底价（快照）'), { readonly: true }),
		...lineAmountFields(),
		qty('shipped_qty', L('Shipped', '已发货'), { readonly: true, default: 0 }),
		qty('returned_qty', L('Returned', '已退货'), { readonly: true, default: 0 }),
		qty('invoiced_qty', L('Invoiced', '已开票'), { readonly: true, default: 0 }),
		// Available to promise when the order was submitted (the product's figures, not warehouse ones):
		// the approver sees a shortage; it never refuses the order (production may be arranged).
		qty('on_hand_at_submit', L('On hand at submit', '提交时现存量'), { readonly: true }),
		qty('reserved_at_submit', L('Reserved at submit', '提交时已预留'), {
			readonly: true,
			note: L('Promised to other confirmed orders and approved loans.', '其他已确认订单及已批准借出占用的数量。'),
		}),
		qty('available_at_submit', L('Available at submit', '提交时可用量'), {
			readonly: true,
			note: L('On hand less reserved; negative when over-promised.', '现存量减已预留；超量承诺时为负数。'),
		}),
		qty('shortage_at_submit', L('Short at submit', '提交时缺货量'), {
			readonly: true,
			note: L(
				'What this order asks of the product beyond what is available; shown to the approver, the order is not refused.',
				'本订单该产品超出可用量的数量；提示审批人，不拒绝订单。',
			),
		}),
	],
};

/** Order and contract changes: approved, then applied. */
const CHANGE_STATUSES = [S.draft, S.submitted, S.pending_approval, S.approved, S.rejected, ch('applied', 'Applied', '已生效', C.purple)];

export const order_changes: CollectionDef = {
	collection: 'order_changes',
	label: { en: ['Order change', 'Order changes'], zh: ['订单变更', '订单变更'] },
	icon: 'edit_note',
	note: L(
		'A confirmed order is locked; changes go through here and the division head.',
		'已确认订单锁定；变更须经此单据并由事业部负责人审批。',
	),
	template: '{{number}} · {{order.number}}',
	fields: [
		...documentFields(),
		m2o('order', L('Order', '订单'), 'sales_orders', { required: true, template: '{{number}}' }),
		status(orderChangeLifecycle, CHANGE_STATUSES),
		choice('kind', L('Kind', '变更类型'), [ch('change', 'Change', '变更', C.blue), ch('cancel', 'Cancel the order', '取消订单', C.red)], {
			default: 'change',
			note: L(
				'Cancel: the order is cancelled once approved (only while nothing was shipped).',
				'取消订单：审批通过后订单取消（仅限尚未发货的订单）。',
			),
		}),
		text('reason', L('Reason', '变更原因'), { required: true }),
		date('new_requested_date', L('New requested delivery', '新要求交货日期'), { conditions: shownWhen('kind', ['change']) }),
		str('new_ship_to', L('New ship-to address', '新收货地址'), { conditions: shownWhen('kind', ['change']) }),
		approvalRequestField(),
		o2m('changes', L('Changes', '变更明细'), 'order_change_lines', 'change', { fields: ['order_line', 'new_quantity', 'new_unit_price'] }),
	],
};

export const order_change_lines: CollectionDef = {
	collection: 'order_change_lines',
	label: { en: ['Order change line', 'Order change lines'], zh: ['订单变更明细', '订单变更明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		m2o('change', L('Change', '变更单'), 'order_changes', { onDelete: 'CASCADE', hidden: true }),
		m2o('order_line', L('Order line', '订单行'), 'sales_order_lines', { required: true, template: '{{product.sku}} × {{quantity}}' }),
		qty('new_quantity', L('New quantity', '新数量'), { note: L('Never below what was already shipped.', '不得低于已发货数量。') }),
		money('new_unit_price', L('New unit price', '新单价')),
	],
};

export const contract_changes: CollectionDef = {
	collection: 'contract_changes',
	label: { en: ['Contract change', 'Contract changes'], zh: ['合同变更/解除', '合同变更/解除'] },
	icon: 'history_edu',
	note: L(
		'A signed contract is changed or terminated only through here: department leader, legal, finance and the general manager approve; applied once approved.',
		'已签署合同只能通过此单据变更或解除：部门领导、法务、财务、总经理审批，批准后生效。',
	),
	template: '{{number}} · {{contract.number}}',
	fields: [
		...documentFields(),
		m2o('contract', L('Contract', '合同'), 'contracts', { required: true, template: '{{number}}' }),
		status(contractChangeLifecycle, CHANGE_STATUSES),
		choice('kind', L('Kind', '申请类型'), [ch('amend', 'Amend', '变更', C.blue), ch('terminate', 'Terminate', '解除', C.red)], {
			default: 'amend',
			note: L(
				'Terminate: the contract is terminated once approved; no lines or amount. Amend: new lines, or a new amount for a framework contract.',
				'解除：批准后合同终止，不填明细和金额。变更：填写变更明细，框架合同填写新金额。',
			),
		}),
		text('reason', L('Reason', '变更/解除原因'), { required: true }),
		money('new_amount', L('New amount', '新合同金额'), {
			conditions: shownWhen('kind', ['amend']),
			note: L("A framework contract's new amount; never below what its open orders total.", '框架合同的新金额；不得低于未完结订单合计。'),
		}),
		approvalRequestField(),
		o2m('lines', L('Lines', '变更明细'), 'contract_change_lines', 'change', {
			fields: ['contract_line', 'product', 'new_quantity', 'new_unit_price'],
			note: L(
				'With a contract line: that line changes (new quantity 0 removes it). Without: a new line. Never below what open orders take.',
				'选择合同明细即修改该行（新数量为 0 即删除该行）；不选即新增一行。不得低于未完结订单已占用的数量和单价。',
			),
		}),
	],
};

export const contract_change_lines: CollectionDef = {
	collection: 'contract_change_lines',
	label: { en: ['Contract change line', 'Contract change lines'], zh: ['合同变更明细', '合同变更明细'] },
	icon: 'list',
	hidden: true,
	fields: [
		id(),
		m2o('change', L('Change', '变更单'), 'contract_changes', { onDelete: 'CASCADE', hidden: true }),
		m2o('contract_line', L('Contract line', '合同明细行'), 'contract_lines', {
			onDelete: 'SET NULL',
			template: '{{product.sku}} × {{quantity}} @ {{unit_price}}',
			note: L('Empty: a new line.', '为空即新增一行。'),
		}),
		m2o('product', L('Product', '产品'), 'products', { template: '{{sku}} · {{name}}' }),
		qty('new_quantity', L('New quantity', '新数量'), { note: L('0 removes the line.', '0 表示删除该行。') }),
		money('new_unit_price', L('New unit price (tax incl.)', '新含税单价')),
		rate('tax_rate', L('VAT rate', '税率'), { note: L("Defaults to the line's or the product's rate.", '默认取原行或产品税率。') }),
	],
};

export const selling = [
	quotes,
	quote_lines,
	contracts,
	contract_lines,
	sales_orders,
	sales_order_lines,
	order_changes,
	order_change_lines,
	contract_changes,
	contract_change_lines,
];
