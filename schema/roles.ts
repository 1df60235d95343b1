import { L, type Label } from './model';

/** The twelve roles of PROCESS.md §1; keys are fixed (CONTRACT.md, demo users). */
export const ROLES: Array<{ key: string; label: Label; icon: string; does: Label }> = [
	{
		key: 'sales_rep',
		label: L('Sales rep', '销售代表'),
		icon: 'person',
		does: L(
			'Owns customers, visits, quotes, orders, delivery requests, loans and return requests.',
			'负责客户、拜访、报价、订单、发货申请、借出与退货申请。',
		),
	},
	{
		key: 'sales_assistant',
		label: L('Sales assistant', '销售助理/跟单员'),
		icon: 'support_agent',
		does: L('Keeps customer data, follows deliveries and logistics, files contracts.', '维护客户资料，跟踪发货与物流，归档合同。'),
	},
	{
		key: 'sales_manager',
		label: L('Sales manager', '销售经理'),
		icon: 'supervisor_account',
		does: L('Direct superior of the reps; first approver; team reports.', '销售代表的直属上级；第一审批人；团队报表。'),
	},
	{
		key: 'division_head',
		label: L('Division head', '销售事业部负责人'),
		icon: 'account_tree',
		does: L('Second approver for discounts, loans, returns and order changes.', '特殊折扣、借出、退货与订单变更的第二审批人。'),
	},
	{
		key: 'product_manager',
		label: L('Product manager', '产品经理'),
		icon: 'category',
		does: L('Reviews returns and loans of his products.', '审核其产品的退货与借出。'),
	},
	{
		key: 'warehouse',
		label: L('Warehouse', '库房'),
		icon: 'warehouse',
		does: L('Issues stock out and receives stock in against documents.', '根据单据办理出库与入库。'),
	},
	{
		key: 'warehouse_manager',
		label: L('Warehouse manager', '库房经理'),
		icon: 'inventory',
		does: L('Posts stock entries; confirms loan returns and returns match the goods.', '过账入库/盘点单；确认借出归还与退货实物相符。'),
	},
	{
		key: 'finance',
		label: L('Finance', '财务'),
		icon: 'account_balance_wallet',
		does: L('Invoices, receipts, write-off and statements.', '开票、收款、核销与对账。'),
	},
	{
		key: 'finance_manager',
		label: L('Finance manager', '财务经理'),
		icon: 'account_balance',
		does: L('Reviews invoices, red invoices and credit overrides.', '审核发票、红字发票与超信用额度。'),
	},
	{ key: 'legal', label: L('Legal', '法务'), icon: 'gavel', does: L('Reviews contracts.', '审核合同。') },
	{
		key: 'vp',
		label: L('Vice president', '分管副总经理'),
		icon: 'trending_up',
		does: L('Approves contracts above 100,000 up to 500,000.', '审批10万以上至50万（含）的合同。'),
	},
	{
		key: 'general_manager',
		label: L('General manager', '总经理'),
		icon: 'star',
		does: L('Approves contracts above 500,000.', '审批50万以上的合同。'),
	},
];

/**
 * Roles an approval rule may ask as a role (any holder decides). Roles held by many staff — reps,
 * assistants, the warehouse — are not: a step asking them would be open to every one of them.
 */
export const APPROVER_ROLES = [
	'sales_manager',
	'division_head',
	'product_manager',
	'warehouse_manager',
	'finance',
	'finance_manager',
	'legal',
	'vp',
	'general_manager',
];

export type RoleKey = (typeof ROLES)[number]['key'];
