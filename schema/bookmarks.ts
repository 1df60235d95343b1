// Saved views (Directus bookmarks) per role: the follow-up lists staff work from every day.
import { ROLE_KEYS } from './access';

export type Bookmark = {
	key: string;
	name: string;
	roles: string[];
	collection: string;
	icon: string;
	color?: string;
	filter: Record<string, unknown>;
	fields: string[];
	sort: string[];
};

const SALES = ['sales_rep', 'sales_assistant', 'sales_manager', 'division_head'];
const WAREHOUSE = ['warehouse', 'warehouse_manager'];
const APPROVERS = ROLE_KEYS;

/**
 * Pending requests with a pending step asking the user or their role (`$ROLE_KEY` is replaced per role when the
 * bookmark is written), the step also matching `step` when given.
 */
const pendingStepAskingMe = (...step: Record<string, unknown>[]) => ({
	_and: [
		{ status: { _eq: 'pending' } },
		{
			steps: {
				_some: {
					_and: [
						{ status: { _eq: 'pending' } },
						...step,
						{ _or: [{ approver_user: { _eq: '$CURRENT_USER' } }, { approver_role: { _eq: '$ROLE_KEY' } }] },
					],
				},
			},
		},
	],
});

export const BOOKMARKS: Bookmark[] = [
	{
		key: 'pending_approvals',
		name: '我的待审批 / My pending approvals',
		roles: APPROVERS,
		collection: 'approval_requests',
		icon: 'approval',
		color: '#FFA439',
		filter: pendingStepAskingMe(),
		fields: ['number', 'document_number', 'collection', 'amount', 'requested_by', 'date_created'],
		sort: ['date_created'],
	},
	{
		key: 'orders_late',
		name: '逾期未发货订单 / Orders not shipped in time',
		roles: [...SALES, ...WAREHOUSE],
		collection: 'sales_orders',
		icon: 'schedule',
		color: '#E35169',
		filter: { _and: [{ status: { _in: ['confirmed', 'partially_shipped'] } }, { ship_by: { _lt: '$COMPANY_NOW' } }] },
		fields: ['number', 'customer', 'status', 'ship_by', 'percent_shipped', 'owner'],
		sort: ['ship_by'],
	},
	{
		key: 'deliveries_past_eta',
		name: '超期未到货发货单 / Deliveries past ETA',
		roles: [...SALES, ...WAREHOUSE],
		collection: 'shipments',
		icon: 'local_shipping',
		color: '#E35169',
		filter: { _and: [{ status: { _eq: 'issued' } }, { eta: { _lt: '$COMPANY_NOW' } }] },
		fields: ['number', 'customer', 'carrier', 'tracking_no', 'eta', 'owner'],
		sort: ['eta'],
	},
	{
		key: 'loans_overdue',
		name: '逾期未归还借出 / Overdue loans',
		roles: [...SALES, ...WAREHOUSE, 'product_manager'],
		collection: 'loans',
		icon: 'outbox',
		color: '#E35169',
		filter: { _and: [{ status: { _eq: 'issued' } }, { expected_return_date: { _lt: '$COMPANY_NOW' } }] },
		fields: ['number', 'customer', 'warehouse', 'expected_return_date', 'owner'],
		sort: ['expected_return_date'],
	},
	{
		key: 'opportunities_overdue',
		name: '逾期商机 / Overdue opportunities',
		roles: SALES,
		collection: 'opportunities',
		icon: 'trending_down',
		color: '#E35169',
		// Still open with the expected close date passed: close it, or move the date.
		filter: { _and: [{ stage: { _nin: ['won', 'lost'] } }, { expected_close: { _lt: '$COMPANY_NOW' } }] },
		fields: ['number', 'name', 'customer', 'stage', 'amount', 'probability', 'expected_close', 'owner'],
		sort: ['expected_close'],
	},
	{
		key: 'returns_waiting',
		name: '待处理退货申请 / Return requests waiting',
		roles: [...SALES, 'product_manager', ...WAREHOUSE],
		collection: 'return_requests',
		icon: 'assignment_return',
		color: '#FFA439',
		filter: { status: { _in: ['submitted', 'pending_approval'] } },
		fields: ['number', 'customer', 'shipment', 'status', 'total', 'owner'],
		sort: ['date_created'],
	},
	{
		key: 'returns_to_receive',
		name: '待收货退货单 / Returns to receive',
		roles: WAREHOUSE,
		collection: 'returns',
		icon: 'keyboard_return',
		filter: { status: { _eq: 'pending' } },
		fields: ['number', 'customer', 'warehouse', 'return_request'],
		sort: ['date_created'],
	},
	{
		key: 'instalments_due',
		name: '到期/逾期分期款 / Instalments due',
		roles: [...SALES, 'finance', 'finance_manager'],
		collection: 'payment_schedules',
		icon: 'event_note',
		color: '#E35169',
		// Not paid in full and due within 7 days or already overdue (the follow-up report's "instalments").
		filter: { _and: [{ state: { _neq: 'paid' } }, { due_date: { _lte: '$COMPANY_WEEK_AHEAD' } }] },
		fields: ['order', 'sequence', 'trigger', 'amount', 'paid_amount', 'due_date', 'state'],
		sort: ['due_date'],
	},
	{
		key: 'my_customers_by_grade',
		name: '我的客户（按等级）/ My customers by grade',
		roles: ['sales_rep', 'sales_manager'],
		collection: 'customers',
		icon: 'storefront',
		filter: { owner: { _eq: '$CURRENT_USER' } },
		fields: ['code', 'name', 'grade', 'intent', 'status', 'last_contacted_on', 'next_follow_up_on'],
		sort: ['grade', 'name'],
	},
	{
		key: 'public_pool',
		name: '公海客户 / Public pool',
		roles: ['sales_rep', 'sales_manager', 'division_head'],
		collection: 'customers',
		icon: 'waves',
		// No owner = in the pool (documents/customers/pool.ts); claimed with POST /customers/:id/claim.
		filter: { owner: { _null: true } },
		fields: ['code', 'name', 'grade', 'intent', 'industry', 'region', 'last_contacted_on', 'pooled_at'],
		sort: ['-pooled_at'],
	},
	{
		key: 'approvals_overdue',
		name: '超时未审批 / Overdue approvals',
		roles: APPROVERS,
		collection: 'approval_requests',
		icon: 'alarm',
		color: '#E35169',
		// due_at is an instant, so plain `$NOW` (UTC) is the right comparison, not the company wall clock.
		filter: pendingStepAskingMe({ due_at: { _lt: '$NOW' } }),
		fields: ['number', 'document_number', 'collection', 'amount', 'requested_by', 'date_created'],
		sort: ['date_created'],
	},
];

/** The filter of a bookmark as written for one role. */
/**
 * The filter written for `role`. `$COMPANY_NOW` is Directus' `$NOW` moved to the company's wall clock
 * (`offsetMinutes` east of UTC), `$COMPANY_WEEK_AHEAD` the same 7 days later: PostgreSQL compares a date with the UTC date of `$NOW`, which in
 * Shanghai is the day before until 08:00, so "past its date" would miss yesterday's deliveries.
 */
export function bookmarkFilter(b: Bookmark, role: string, offsetMinutes: number): Record<string, unknown> {
	const at = (minutes: number) => (minutes === 0 ? '$NOW' : `$NOW(${minutes > 0 ? '+' : '-'}${Math.abs(minutes)} minutes)`);
	return JSON.parse(
		JSON.stringify(b.filter)
			.replaceAll('$ROLE_KEY', role)
			.replaceAll('$COMPANY_WEEK_AHEAD', at(offsetMinutes + 7 * 24 * 60))
			.replaceAll('$COMPANY_NOW', at(offsetMinutes)),
	);
}

/** The default list of a collection for the roles that work from it daily (a role preset: columns and sort). */
export type ListView = { collection: string; roles: string[]; fields: string[]; sort: string[] };

const FINANCE = ['finance', 'finance_manager'];

export const LIST_VIEWS: ListView[] = [
	{
		collection: 'customers',
		roles: SALES,
		fields: ['code', 'name', 'grade', 'intent', 'status', 'owner', 'next_follow_up_on'],
		sort: ['name'],
	},
	{ collection: 'visits', roles: SALES, fields: ['number', 'customer', 'visited_on', 'kind', 'status', 'owner'], sort: ['-visited_on'] },
	{
		collection: 'quotes',
		roles: SALES,
		fields: ['number', 'customer', 'status', 'total', 'valid_until', 'owner'],
		sort: ['-date_created'],
	},
	{
		collection: 'contracts',
		roles: [...SALES, 'legal', ...FINANCE],
		fields: ['number', 'customer', 'status', 'amount', 'received_amount', 'sign_date', 'owner'],
		sort: ['-date_created'],
	},
	{
		collection: 'sales_orders',
		roles: [...SALES, ...WAREHOUSE, ...FINANCE],
		fields: ['number', 'customer', 'status', 'total', 'ship_by', 'percent_shipped', 'owner'],
		sort: ['-date_created'],
	},
	{
		collection: 'shipments',
		roles: [...SALES, ...WAREHOUSE],
		fields: ['number', 'customer', 'warehouse', 'status', 'eta', 'tracking_no', 'owner'],
		sort: ['-date_created'],
	},
	{ collection: 'stock_levels', roles: [...SALES, ...WAREHOUSE], fields: ['product', 'warehouse', 'on_hand'], sort: ['product'] },
	{
		collection: 'loans',
		roles: [...SALES, ...WAREHOUSE],
		fields: ['number', 'customer', 'warehouse', 'status', 'expected_return_date', 'owner'],
		sort: ['-date_created'],
	},
	{
		collection: 'return_requests',
		roles: [...SALES, ...WAREHOUSE, 'product_manager'],
		fields: ['number', 'customer', 'shipment', 'status', 'total', 'owner'],
		sort: ['-date_created'],
	},
	{
		collection: 'invoices',
		roles: [...FINANCE, ...SALES],
		fields: ['number', 'customer', 'type', 'status', 'total', 'open_amount', 'due_date'],
		sort: ['-date_created'],
	},
	{
		collection: 'receipts',
		roles: FINANCE,
		fields: ['number', 'customer', 'amount', 'received_on', 'method', 'status', 'allocated_amount'],
		sort: ['-received_on'],
	},
	{
		collection: 'approval_requests',
		roles: APPROVERS,
		fields: ['number', 'collection', 'document_number', 'amount', 'status', 'requested_by', 'date_created'],
		sort: ['-date_created'],
	},
];
