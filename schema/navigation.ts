// The data app's navigation by process: Directus collection folders (a collection with meta only; its
// members name it in `meta.group`), in the order of the flow, each member in the order of its folder.
// Folders are global in Directus; each role sees a folder once it may read one of its members.
import { L, type Label } from './model';

export type Folder = { collection: string; label: Label; icon: string; members: string[] };

export const FOLDERS: Folder[] = [
	{
		collection: 'nav_crm',
		label: L('CRM', '客户管理'),
		icon: 'storefront',
		members: [
			'customers',
			'contacts',
			'opportunities',
			'visits',
			'satisfaction_surveys',
			'complaints',
			'work_reports',
			'sales_plans',
			'sales_targets',
			'customer_history',
			'opportunity_history',
			// Lines (hidden: they are edited inside their report).
			'work_report_lines',
		],
	},
	{
		collection: 'nav_selling',
		label: L('Selling', '销售'),
		icon: 'sell',
		members: [
			'quotes',
			'contracts',
			'sales_orders',
			'order_changes',
			'contract_changes',
			'products',
			'payment_terms',
			// Lines (hidden: they are edited inside their document).
			'quote_lines',
			'contract_lines',
			'sales_order_lines',
			'order_change_lines',
			'contract_change_lines',
			'payment_term_lines',
		],
	},
	{
		collection: 'nav_delivery',
		label: L('Delivery & stock', '发货与库存'),
		icon: 'local_shipping',
		members: ['shipments', 'stock_levels', 'stock_entries', 'stock_moves', 'warehouses', 'shipment_lines', 'stock_entry_lines'],
	},
	{
		collection: 'nav_loans',
		label: L('Loans & returns', '借出与退货'),
		icon: 'assignment_return',
		members: [
			'loans',
			'loan_returns',
			'loan_conversions',
			'return_requests',
			'returns',
			'loan_lines',
			'loan_return_lines',
			'loan_conversion_lines',
			'return_request_lines',
		],
	},
	{
		collection: 'nav_finance',
		label: L('Invoices & receipts', '发票与收款'),
		icon: 'receipt_long',
		members: [
			'invoices',
			'receipts',
			'payment_schedules',
			'statements',
			'commission_statements',
			'commission_rates',
			'invoice_lines',
			'receipt_allocations',
			'commission_statement_lines',
		],
	},
	{
		collection: 'nav_approvals',
		label: L('Approvals', '审批'),
		icon: 'approval',
		members: ['approval_requests', 'approval_delegations', 'approval_rules', 'approval_steps'],
	},
	{
		collection: 'nav_settings',
		label: L('Settings', '设置'),
		icon: 'settings',
		members: ['salesflow_settings', 'notification_channels', 'outbox_messages', 'status_history', 'job_runs', 'number_sequences'],
	},
];

/** Where a collection sits in the navigation: its folder and its place (folders are numbered 1…, members 1… within). */
export function placeOf(collection: string): { group: string | null; sort: number } | undefined {
	const folder = FOLDERS.findIndex((f) => f.collection === collection);
	if (folder >= 0) return { group: null, sort: folder + 1 };
	for (const f of FOLDERS) {
		const i = f.members.indexOf(collection);
		if (i >= 0) return { group: f.collection, sort: i + 1 };
	}
	return undefined;
}
