// Who may do what: one policy per role, permissions generated from this table. Row scopes:
//   own  — rows whose owner (via the collection's owner path) is the caller
//   team — own rows plus rows owned by users whose manager is the caller
//   all  — every row
// Writes of computed fields, stock and generated numbers are refused by the hooks (the
// permission lists `*` because hooks fill those fields inside the same request).
import { CONFIDENTIAL_CONDITIONS } from '../extensions/salesflow/src/domain/approval/conditions/index';
import { LIFECYCLES } from '../extensions/salesflow/src/documents/lifecycles';
import { GRANTS } from './grants';
import { COLLECTIONS, FILE_FIELDS, fileUsageAlias } from './index';
import { archiveFields } from './model';
import { APPROVER_ROLES, ROLES } from './roles';

/** Documents that can be archived (归档): those carrying archiveFields(). */
const ARCHIVE_FIELDS = archiveFields().map((f) => f.field);
export const ARCHIVABLE = COLLECTIONS.filter((c) => c.fields.some((f) => f.field === ARCHIVE_FIELDS[0])).map((c) => c.collection);

/** Collections with a status (whose moves status_history records). */
const HAS_STATUS = COLLECTIONS.filter((c) => c.fields.some((f) => f.field === 'status')).map((c) => c.collection);

export type Scope = 'own' | 'team' | 'all';
export type Action = 'create' | 'read' | 'update' | 'delete';
export type Grant = Partial<Record<Action, Scope>>;

/** The path from a collection to the user who owns its rows. */
export const OWNER_PATH: Record<string, string> = {
	customers: 'owner',
	contacts: 'customer.owner',
	customer_history: 'customer.owner',
	opportunities: 'owner',
	opportunity_history: 'opportunity.owner',
	satisfaction_surveys: 'customer.owner',
	sales_plans: 'owner',
	commission_statements: 'owner',
	commission_statement_lines: 'statement.owner',
	visits: 'owner',
	work_reports: 'owner',
	work_report_lines: 'report.owner',
	complaints: 'owner',
	sales_targets: 'rep',
	quotes: 'owner',
	quote_lines: 'quote.owner',
	contracts: 'owner',
	contract_lines: 'contract.owner',
	sales_orders: 'owner',
	sales_order_lines: 'order.owner',
	order_changes: 'owner',
	order_change_lines: 'change.owner',
	contract_changes: 'owner',
	contract_change_lines: 'change.owner',
	shipments: 'owner',
	shipment_lines: 'shipment.owner',
	return_requests: 'owner',
	return_request_lines: 'request.owner',
	returns: 'owner',
	loans: 'owner',
	loan_lines: 'loan.owner',
	loan_returns: 'owner',
	loan_return_lines: 'loan_return.owner',
	loan_conversions: 'owner',
	loan_conversion_lines: 'conversion.owner',
	invoices: 'customer.owner',
	invoice_lines: 'invoice.customer.owner',
	receipts: 'customer.owner',
	receipt_allocations: 'receipt.customer.owner',
	statements: 'customer.owner',
	stock_entries: 'owner',
	stock_entry_lines: 'entry.owner',
	payment_schedules: 'order.owner',
	approval_requests: 'requested_by',
	approval_steps: 'request.requested_by',
	approval_delegations: 'user',
	status_history: 'owner',
};

const CATALOG = ['products', 'warehouses', 'stock_levels'];
const CRM = [
	'customers',
	'contacts',
	'visits',
	'complaints',
	'work_reports',
	'work_report_lines',
	'opportunities',
	'satisfaction_surveys',
	'sales_plans',
];
/** Histories the system writes: read by whoever reads what they are the history of. */
const HISTORIES = ['customer_history', 'opportunity_history'];
/** Loans and the documents that settle them. */
const LOAN_DOCS = ['loans', 'loan_lines', 'loan_returns', 'loan_return_lines', 'loan_conversions', 'loan_conversion_lines'];
const SALES_DOCS = [
	'quotes',
	'quote_lines',
	'contracts',
	'contract_lines',
	'sales_orders',
	'sales_order_lines',
	'order_changes',
	'order_change_lines',
	'contract_changes',
	'contract_change_lines',
	'shipments',
	'shipment_lines',
	'return_requests',
	'return_request_lines',
	...LOAN_DOCS,
];
// An order's payment schedule is read by whoever reads the order (its owner path is order.owner).
const FINANCE_DOCS = ['invoices', 'invoice_lines', 'receipts', 'receipt_allocations', 'statements', 'payment_schedules'];
const STOCK_DOCS = ['stock_entries', 'stock_entry_lines', 'stock_moves'];
const ALL_BUSINESS = [...CRM, ...HISTORIES, 'sales_targets', ...SALES_DOCS, 'returns', ...FINANCE_DOCS, ...STOCK_DOCS];

const grant = (collections: string[], g: Grant) => Object.fromEntries(collections.map((c) => [c, g]));
const RW = (s: Scope): Grant => ({ create: s, read: s, update: s, delete: s });
const RO = (s: Scope): Grant => ({ read: s });

/** Everyone reads the catalogue, the rules, the company settings, the payment terms and the approvals they take part in (see approvalScope). */
const PAYMENT_TERMS = ['payment_terms', 'payment_term_lines'];
const BASE = {
	...grant([...CATALOG, ...PAYMENT_TERMS], RO('all')),
	approval_rules: RO('all'),
	salesflow_settings: RO('all'),
	// Everyone names their own delegate (审批代理); a manager also their team's.
	approval_delegations: RW('team'),
};

/** Sellers, their managers, finance and management read the commission rates (提成比例); the finance manager keeps them. */
const COMMISSION_READ = { commission_rates: RO('all') };
/** Monthly commission statements (提成单): a rep makes and submits their own, the manager the team's; finance and management read them all. */
const COMMISSION_DOCS = ['commission_statements', 'commission_statement_lines'];
const commissionStatements = (s: Scope): Record<string, Grant> => ({
	commission_statements: { create: 'own', read: s, update: s },
	commission_statement_lines: RO(s),
});
/** What finance and management see of commission: the rates and every statement. */
const COMMISSION_ALL = { ...COMMISSION_READ, ...grant(COMMISSION_DOCS, RO('all')) };

/** Finance and the finance manager work on the same records; the manager also approves. */
const FINANCE: Record<string, Grant> = {
	...BASE,
	...COMMISSION_ALL,
	...grant(ALL_BUSINESS, RO('all')),
	invoices: { read: 'all', update: 'all' },
	invoice_lines: { read: 'all' },
	receipts: { create: 'all', read: 'all', update: 'all', delete: 'all' },
	statements: { create: 'all', read: 'all', update: 'all' },
	customers: { read: 'all', update: 'all' },
	// Finance keeps the payment terms (结算方式 by the customer's credit).
	...grant(PAYMENT_TERMS, RW('all')),
};

/** What the warehouse sees of the sales documents it works against. */
const WAREHOUSE_READS = grant(
	[
		'shipments',
		'shipment_lines',
		'loans',
		'loan_lines',
		'loan_returns',
		'loan_return_lines',
		'returns',
		'return_requests',
		'return_request_lines',
		'sales_orders',
		'sales_order_lines',
		'customers',
		'stock_moves',
		'payment_schedules',
	],
	RO('all'),
);
const WAREHOUSE_WORK = {
	shipments: { read: 'all', update: 'all' },
	loans: { read: 'all', update: 'all' },
	returns: { read: 'all', update: 'all' },
} satisfies Record<string, Grant>;

export const ACCESS: Record<string, Record<string, Grant>> = {
	sales_rep: {
		...BASE,
		...COMMISSION_READ,
		...grant(CRM, { create: 'own', read: 'own', update: 'own' }),
		contacts: RW('own'),
		// A daily report's rows are removed by hand too, while the report is a draft (the line lock).
		work_report_lines: RW('own'),
		...grant(HISTORIES, RO('own')),
		sales_targets: RO('own'),
		...grant(SALES_DOCS, RW('own')),
		returns: RO('own'),
		// Invoices are drafted through /invoicing (which checks the delivery notes), not as raw items.
		invoices: { read: 'own', update: 'own' },
		invoice_lines: { read: 'own' },
		receipts: RO('own'),
		receipt_allocations: RO('own'),
		statements: { read: 'own', update: 'own' },
		payment_schedules: RO('own'),
		...commissionStatements('own'),
	},
	sales_assistant: {
		...BASE,
		...grant(
			ALL_BUSINESS.filter((c) => c !== 'stock_moves'),
			RO('all'),
		),
		customers: { create: 'all', read: 'all', update: 'all' },
		contacts: RW('all'),
		visits: { create: 'own', read: 'all', update: 'own' },
		satisfaction_surveys: { create: 'all', read: 'all', update: 'all' },
		shipments: { read: 'all', update: 'all' },
		contracts: { read: 'all', update: 'all' },
		statements: { read: 'all', update: 'all' },
	},
	sales_manager: {
		...BASE,
		...COMMISSION_READ,
		...grant(CRM, { create: 'own', read: 'team', update: 'team' }),
		contacts: RW('team'),
		work_report_lines: { create: 'own', read: 'team', update: 'own', delete: 'own' },
		...grant(HISTORIES, RO('team')),
		// Targets come from approved plans: managers only set the expected visits.
		sales_targets: { read: 'team', update: 'team' },
		...grant(SALES_DOCS, { create: 'own', read: 'team', update: 'team', delete: 'own' }),
		returns: RO('team'),
		...grant(FINANCE_DOCS, RO('team')),
		statements: { read: 'team', update: 'team' },
		...commissionStatements('team'),
	},
	division_head: {
		...BASE,
		...COMMISSION_ALL,
		...grant(ALL_BUSINESS, RO('all')),
		customers: { read: 'all', update: 'all' },
		sales_targets: { read: 'all', update: 'all' },
		work_reports: { read: 'all', update: 'all' },
		complaints: { read: 'all', update: 'all' },
		// Seed 001: the sales director runs the satisfaction surveys.
		satisfaction_surveys: { create: 'all', read: 'all', update: 'all' },
	},
	product_manager: {
		...BASE,
		products: { read: 'all', update: 'all' },
		...grant(
			['return_requests', 'return_request_lines', 'returns', ...LOAN_DOCS, 'shipments', 'shipment_lines', 'customers', 'stock_moves'],
			RO('all'),
		),
		// They approve red invoices of their goods (PROCESS §12) and must open them; invoices carry sale prices, never cost.
		...grant(['invoices', 'invoice_lines'], RO('all')),
	},
	warehouse: {
		...BASE,
		...WAREHOUSE_READS,
		...WAREHOUSE_WORK,
		stock_entries: { create: 'own', read: 'all', update: 'own' },
		stock_entry_lines: { create: 'own', read: 'all', update: 'own', delete: 'own' },
	},
	warehouse_manager: {
		...BASE,
		...WAREHOUSE_READS,
		...WAREHOUSE_WORK,
		stock_entries: { create: 'all', read: 'all', update: 'all', delete: 'all' },
		stock_entry_lines: RW('all'),
	},
	finance: FINANCE,
	// The finance manager keeps the commission rates (提成比例, seed 001).
	finance_manager: { ...FINANCE, commission_rates: RW('all') },
	legal: {
		...BASE,
		...grant(
			['contracts', 'contract_lines', 'contract_changes', 'contract_change_lines', 'customers', 'contacts', 'quotes', 'quote_lines'],
			RO('all'),
		),
	},
	vp: { ...BASE, ...grant(ALL_BUSINESS, RO('all')), ...COMMISSION_ALL },
	general_manager: { ...BASE, ...grant(ALL_BUSINESS, RO('all')), ...COMMISSION_ALL },
};

export { GRANTS, type GrantName } from './grants';

/**
 * Fields guarded beyond the row scopes: who reads them (everyone who reads the row, when `read` is
 * absent) and who writes them. Cost and margin figures are for finance and management (保密, seed
 * 001); credit terms are set by finance (信用评审); the archive stamps by the archive route only. Audit stamps are nobody's to write (auditFields).
 */
export const FIELD_GUARDS = {
	cost: {
		fields: {
			products: ['cost_price'],
			quote_lines: ['cost_price'],
			approval_requests: ['cost_reasons'],
			approval_steps: ['cost_reasons'],
		},
		read: GRANTS.see_costs,
		write: [],
	},
	credit: {
		fields: { customers: ['credit_limit', 'credit_rating', 'enterprise_status', 'payment_terms_days'] },
		write: GRANTS.set_credit,
	},
	// What the e-invoice platform returned (红字确认单, the PDF/OFD/XML) is finance's to record; whoever reads the invoice reads them.
	einvoice: {
		fields: { invoices: ['red_confirmation_no', 'einvoice_file'] },
		write: GRANTS.issue_invoices,
	},
	// Only POST /archive/:collection/:id writes them (with SQL, after its own checks); no item write may.
	archive: {
		fields: Object.fromEntries(ARCHIVABLE.map((c) => [c, ARCHIVE_FIELDS])),
		write: [],
	},
} satisfies Record<string, { fields: Record<string, string[]>; read?: readonly string[]; write: readonly string[] }>;

/** A field as Directus describes it (the live schema: fields an administrator added count too). */
export type LiveField = { field: string; special?: string[] | null };

/** Audit stamps (created/updated by and at): Directus and Salesflow write them, users never. */
export const auditFields = (fields: LiveField[]) =>
	fields.filter((f) => f.special?.some((s) => /^(date|user)-(created|updated)$/.test(s))).map((f) => f.field);

/** The fields a role may use for an action on a collection: `*` unless a guard or the audit stamps take some away. */
export function allowedFields(role: string, collection: string, action: Action, fields: LiveField[]): string[] {
	const hidden = new Set(action === 'create' || action === 'update' ? auditFields(fields) : []);
	for (const guard of Object.values(FIELD_GUARDS)) {
		const guarded = (guard.fields as Record<string, string[]>)[collection] ?? [];
		const readers = 'read' in guard ? (guard.read as readonly string[]) : null;
		const may = action === 'read' ? !readers || readers.includes(role) : (guard.write as readonly string[]).includes(role);
		if (!may) for (const f of guarded) hidden.add(f);
	}
	if (action === 'delete' || !hidden.size) return ['*'];
	return fields.map((f) => f.field).filter((f) => !hidden.has(f));
}

/**
 * Policies beyond the one per role. A product manager reads and sets the cost of the products they
 * manage (PROCESS "Confidentiality of cost": product managers, their products); Directus applies a
 * policy's fields only to the rows its filter matches.
 */
export const EXTRA_POLICIES = [
	{
		key: 'own_product_costs',
		label: { en: 'Costs of own products', zh: '本人负责产品的成本' },
		roles: ['product_manager'],
		permissions: [
			{ collection: 'products', action: 'read', filter: { product_manager: { _eq: '$CURRENT_USER' } }, fields: ['*'] },
			{ collection: 'products', action: 'update', filter: { product_manager: { _eq: '$CURRENT_USER' } }, fields: ['cost_price'] },
		],
	},
	{
		// 公海: every seller sees the pooled customers (no owner) to claim one; only what a claim needs, no credit terms.
		key: 'public_pool',
		label: { en: 'Public pool customers', zh: '公海客户' },
		roles: ['sales_rep', 'sales_manager'],
		permissions: [
			{
				collection: 'customers',
				action: 'read',
				filter: { owner: { _null: true } },
				fields: ['id', 'code', 'name', 'grade', 'intent', 'status', 'industry', 'region', 'owner', 'last_contacted_on', 'pooled_at'],
			},
		],
	},
] satisfies Array<{
	key: string;
	label: { en: string; zh: string };
	roles: string[];
	permissions: Array<{ collection: string; action: Action; filter: Record<string, unknown>; fields: string[] }>;
}>;

/** Approval rules a role reads: those of a confidential condition (a margin threshold) only with see_costs. */
export function ruleScope(role: string): Record<string, unknown> | null {
	if ((GRANTS.see_costs as readonly string[]).includes(role) || !CONFIDENTIAL_CONDITIONS.length) return null;
	return { condition: { _nin: CONFIDENTIAL_CONDITIONS } };
}

/** Roles that see every approval request; the others see those they requested or are asked in. */
export const SEES_ALL_APPROVALS = ['division_head', 'finance_manager', 'vp', 'general_manager'];

/** A permission filter for a scope on a collection. */
export function scopeFilter(collection: string, scope: Scope): Record<string, unknown> | null {
	if (scope === 'all') return null;
	const path = OWNER_PATH[collection];
	if (!path) throw new Error(`no owner path for ${collection}`);
	const nest = (segments: string[], leaf: unknown): Record<string, unknown> => ({
		[segments[0]!]: segments.length === 1 ? leaf : nest(segments.slice(1), leaf),
	});
	const own = nest(path.split('.'), { _eq: '$CURRENT_USER' });
	if (scope === 'own') return own;
	return { _or: [own, nest([...path.split('.'), 'manager'], { _eq: '$CURRENT_USER' })] };
}

/**
 * Rows a scope may delete: documents only in an editable status (so the data app offers no delete on a
 * locked one; the delete hook refuses it for everyone anyway).
 */
export function deleteScope(collection: string, scope: Scope): Record<string, unknown> | null {
	const rows = scopeFilter(collection, scope);
	const editable = LIFECYCLES[collection]?.editable;
	if (!editable) return rows;
	const open = { status: { _in: [...editable] } };
	return rows ? { _and: [rows, open] } : open;
}

/** Approval requests a role may read: its own, or those with a step for the caller or the role. */
export function approvalScope(role: string): Record<string, unknown> | null {
	if (SEES_ALL_APPROVALS.includes(role)) return null;
	return {
		_or: [
			{ requested_by: { _eq: '$CURRENT_USER' } },
			{ steps: { approver_user: { _eq: '$CURRENT_USER' } } },
			...(APPROVER_ROLES.includes(role) ? [{ steps: { approver_role: { _eq: role } } }] : []),
		],
	};
}

/** Approval steps a role may decide in the data app: those asking the caller, or the role when it approves as a role. */
export function decidableSteps(role: string): Record<string, unknown> {
	const me = { approver_user: { _eq: '$CURRENT_USER' } };
	return APPROVER_ROLES.includes(role) ? { _or: [me, { approver_role: { _eq: role } }] } : me;
}

/**
 * Status history a role may read: the moves of documents it may read — per document type, the
 * rows whose owner (the document's, by its owner path) is within the role's read scope on that type.
 */
export function historyScope(role: string): Record<string, unknown> {
	const branches: Array<Record<string, unknown>> = Object.entries(ACCESS[role] ?? {})
		.filter(([collection, grant]) => grant.read && HAS_STATUS.includes(collection))
		.map(([collection, grant]) => {
			const owner = scopeFilter('status_history', grant.read!);
			return { _and: [{ collection: { _eq: collection } }, ...(owner ? [owner] : [])] };
		});
	if (SEES_ALL_APPROVALS.includes(role)) branches.push({ collection: { _eq: 'approval_requests' } });
	return { _or: branches };
}

/**
 * Files a role may read: its own uploads, and the files documents it may read use (a contract's
 * signed scan for whoever may read the contract; the letterhead logo for everyone).
 */
export function filesScope(role: string): Record<string, unknown> {
	const used = FILE_FIELDS.flatMap(({ collection, field }) => {
		const read = ACCESS[role]?.[collection]?.read;
		if (!read) return [];
		// `_some: { _or: [a, b] }` is spread into `_or: [{ _some: a }, { _some: b }]` (the same rows): Directus 11.17
		// matches nothing when an `_or` with a relational branch sits inside `_some` next to a sibling filter.
		const scope = scopeFilter(collection, read) ?? { id: { _nnull: true } };
		const branches = Array.isArray(scope._or) ? (scope._or as Record<string, unknown>[]) : [scope];
		return branches.map((branch) => ({ [fileUsageAlias(collection, field)]: { _some: branch } }));
	});
	return { _or: [{ uploaded_by: { _eq: '$CURRENT_USER' } }, ...used] };
}

export const ROLE_KEYS = ROLES.map((r) => r.key);
