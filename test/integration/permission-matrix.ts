// The expected permission matrix, written out by hand from README "Roles" / "Who sees what" and
// PROCESS.md's job descriptions. It is deliberately NOT computed from schema/access.ts: the
// integration test (permission-matrix.test.ts) checks the running Directus against this table,
// and README.md embeds renderAccessMatrix() (test/unit/access-matrix-readme.test.ts keeps them equal).
// Pure data: no Directus, no vitest `inject`, so the unit project can import it.

export const ROLE_ORDER = [
	'sales_rep',
	'sales_assistant',
	'sales_manager',
	'division_head',
	'product_manager',
	'warehouse',
	'warehouse_manager',
	'finance',
	'finance_manager',
	'legal',
	'vp',
	'general_manager',
] as const;
export type Role = (typeof ROLE_ORDER)[number];

/** Short column headers for the rendered tables. */
export const ROLE_SHORT: Record<Role, string> = {
	sales_rep: 'rep',
	sales_assistant: 'asst',
	sales_manager: 'mgr',
	division_head: 'head',
	product_manager: 'pm',
	warehouse: 'wh',
	warehouse_manager: 'whm',
	finance: 'fin',
	finance_manager: 'finm',
	legal: 'legal',
	vp: 'vp',
	general_manager: 'gm',
};

/** The demo user who plays each role (seed/users.ts). */
export const ROLE_USER: Record<Role, string> = Object.fromEntries(ROLE_ORDER.map((r) => [r, r])) as Record<Role, string>;

/**
 * none / own / team / all as in README, plus `involved` for the approval collections: an approval
 * request the caller requested or is asked in (a step naming the caller or the caller's role); for
 * approval_steps.update, a step that names the caller or the caller's role; `document` for the
 * status history: the moves of documents the caller may read; and `public` for approval rules: those
 * whose condition reveals no cost (not the margin rules).
 */
export type Scope = 'none' | 'own' | 'team' | 'all' | 'involved' | 'document' | 'public';
export type Action = 'create' | 'read' | 'update' | 'delete';
export const ACTIONS: Action[] = ['create', 'read', 'update', 'delete'];

const LETTER: Record<string, Scope> = { '-': 'none', o: 'own', t: 'team', a: 'all', i: 'involved', d: 'document', p: 'public' };

/**
 * The owner path per collection: who "owns" a row (README "Who sees what"). `null` for
 * collections without an owner (catalogue, configuration), which are only ever none or all.
 */
export const OWNER: Record<string, string | null> = {
	products: null,
	warehouses: null,
	stock_levels: null,
	stock_moves: null,
	approval_rules: null,
	number_sequences: null,
	job_runs: null,
	notification_channels: null,
	outbox_messages: null,
	salesflow_settings: null,
	commission_rates: null,
	approval_requests: 'requested_by',
	approval_steps: 'request.requested_by',
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
	status_history: 'owner',
	payment_terms: null,
	payment_term_lines: null,
	payment_schedules: 'order.owner',
	approval_delegations: 'user',
};

// One row per collection, one cell per role in ROLE_ORDER. A cell is four letters for
// Create Read Update Delete: `-` none, `o` own, `t` team, `a` all, `i` involved, `d` documents the caller reads.
//                              rep     asst    mgr     head    pm      wh      whm     fin     finm    legal   vp      gm
const TABLE = `
products                      -a--    -a--    -a--    -a--    -aa-    -a--    -a--    -a--    -a--    -a--    -a--    -a--
warehouses                    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--
stock_levels                  -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--
stock_moves                   ----    ----    ----    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
approval_rules                -p--    -p--    -p--    -a--    -p--    -p--    -p--    -a--    -a--    -p--    -a--    -a--
number_sequences              ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----
job_runs                      ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----
notification_channels         ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----
outbox_messages               ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----    ----
salesflow_settings            -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--    -a--
commission_rates              -a--    ----    -a--    -a--    ----    ----    ----    -a--    aaaa    ----    -a--    -a--
approval_requests             -i--    -i--    -i--    -a--    -i--    -i--    -i--    -i--    -a--    -i--    -a--    -a--
approval_steps                -ii-    -ii-    -ii-    -ai-    -ii-    -ii-    -ii-    -ii-    -ai-    -ii-    -ai-    -ai-
approval_delegations          tttt    tttt    tttt    tttt    tttt    tttt    tttt    tttt    tttt    tttt    tttt    tttt
customers                     ooo-    aaa-    ott-    -aa-    -a--    -a--    -a--    -aa-    -aa-    -a--    -a--    -a--
contacts                      oooo    aaaa    tttt    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
customer_history              -o--    -a--    -t--    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
visits                        ooo-    oao-    ott-    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
work_reports                  ooo-    -a--    ott-    -aa-    ----    ----    ----    -a--    -a--    ----    -a--    -a--
work_report_lines             oooo    -a--    otoo    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
complaints                    ooo-    -a--    ott-    -aa-    ----    ----    ----    -a--    -a--    ----    -a--    -a--
sales_targets                 -o--    -a--    -tt-    -aa-    ----    ----    ----    -a--    -a--    ----    -a--    -a--
opportunities                 ooo-    -a--    ott-    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
opportunity_history           -o--    -a--    -t--    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
satisfaction_surveys          ooo-    aaa-    ott-    aaa-    ----    ----    ----    -a--    -a--    ----    -a--    -a--
sales_plans                   ooo-    -a--    ott-    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
commission_statements         ooo-    ----    ott-    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
commission_statement_lines    -o--    ----    -t--    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
quotes                        oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
quote_lines                   oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
contracts                     oooo    -aa-    otto    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
contract_lines                oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
sales_orders                  oooo    -a--    otto    -a--    ----    -a--    -a--    -a--    -a--    ----    -a--    -a--
sales_order_lines             oooo    -a--    otto    -a--    ----    -a--    -a--    -a--    -a--    ----    -a--    -a--
order_changes                 oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
order_change_lines            oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
contract_changes              oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
contract_change_lines         oooo    -a--    otto    -a--    ----    ----    ----    -a--    -a--    -a--    -a--    -a--
shipments                     oooo    -aa-    otto    -a--    -a--    -aa-    -aa-    -a--    -a--    ----    -a--    -a--
shipment_lines                oooo    -a--    otto    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
return_requests               oooo    -a--    otto    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
return_request_lines          oooo    -a--    otto    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
returns                       -o--    -a--    -t--    -a--    -a--    -aa-    -aa-    -a--    -a--    ----    -a--    -a--
loans                         oooo    -a--    otto    -a--    -a--    -aa-    -aa-    -a--    -a--    ----    -a--    -a--
loan_lines                    oooo    -a--    otto    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
loan_returns                  oooo    -a--    otto    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
loan_return_lines             oooo    -a--    otto    -a--    -a--    -a--    -a--    -a--    -a--    ----    -a--    -a--
loan_conversions              oooo    -a--    otto    -a--    -a--    ----    ----    -a--    -a--    ----    -a--    -a--
loan_conversion_lines         oooo    -a--    otto    -a--    -a--    ----    ----    -a--    -a--    ----    -a--    -a--
invoices                      -oo-    -a--    -t--    -a--    -a--    ----    ----    -aa-    -aa-    ----    -a--    -a--
invoice_lines                 -o--    -a--    -t--    -a--    -a--    ----    ----    -a--    -a--    ----    -a--    -a--
receipts                      -o--    -a--    -t--    -a--    ----    ----    ----    aaaa    aaaa    ----    -a--    -a--
receipt_allocations           -o--    -a--    -t--    -a--    ----    ----    ----    -a--    -a--    ----    -a--    -a--
statements                    -oo-    -aa-    -tt-    -a--    ----    ----    ----    aaa-    aaa-    ----    -a--    -a--
stock_entries                 ----    -a--    ----    -a--    ----    oao-    aaaa    -a--    -a--    ----    -a--    -a--
stock_entry_lines             ----    -a--    ----    -a--    ----    oaoo    aaaa    -a--    -a--    ----    -a--    -a--
status_history                -d--    -d--    -d--    -d--    -d--    -d--    -d--    -d--    -d--    -d--    -d--    -d--
payment_terms                 -a--    -a--    -a--    -a--    -a--    -a--    -a--    aaaa    aaaa    -a--    -a--    -a--
payment_term_lines            -a--    -a--    -a--    -a--    -a--    -a--    -a--    aaaa    aaaa    -a--    -a--    -a--
payment_schedules             -o--    -a--    -t--    -a--    ----    -a--    -a--    -a--    -a--    ----    -a--    -a--
`;

export type Cell = Record<Action, Scope>;

function parseTable(text: string): Record<string, Record<Role, Cell>> {
	const out: Record<string, Record<Role, Cell>> = {};
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		const [collection, ...cells] = line.trim().split(/\s+/);
		if (cells.length !== ROLE_ORDER.length)
			throw new Error(`permission matrix: ${collection} has ${cells.length} cells, want ${ROLE_ORDER.length}`);
		out[collection!] = Object.fromEntries(
			ROLE_ORDER.map((role, i) => {
				const letters = cells[i]!;
				if (!/^[-otaidp]{4}$/.test(letters)) throw new Error(`permission matrix: bad cell ${letters} for ${collection}/${role}`);
				return [role, Object.fromEntries(ACTIONS.map((a, j) => [a, LETTER[letters[j]!]!])) as Cell];
			}),
		) as Record<Role, Cell>;
	}
	return out;
}

/** collection → role → action → expected scope. */
export const MATRIX = parseTable(TABLE);
export const COLLECTIONS = Object.keys(MATRIX);
// ——— guarded fields ———

/**
 * Fields guarded beyond the rows (PROCESS "Confidentiality of cost", credit review): per role `r` reads
 * it, `w` reads and writes it, `o` reads and writes it on the products the user manages only, `-` neither.
 * The archive fields (归档) are written by the archive route only, never through the items API.
 * Audit stamps (date_created, user_created, date_updated, user_updated) are written by no role at all.
 */
const FIELD_TABLE = `
field                           rep     asst    mgr     head    pm      wh      whm     fin     finm    legal   vp      gm
products.cost_price             -       -       -       r       o       -       -       r       r       -       r       r
quote_lines.cost_price          -       -       -       r       -       -       -       r       r       -       r       r
approval_requests.cost_reasons  -       -       -       r       -       -       -       r       r       -       r       r
approval_steps.cost_reasons     -       -       -       r       -       -       -       r       r       -       r       r
customers.credit_limit          r       r       r       r       r       r       r       w       w       r       r       r
customers.credit_rating         r       r       r       r       r       r       r       w       w       r       r       r
customers.enterprise_status     r       r       r       r       r       r       r       w       w       r       r       r
customers.payment_terms_days    r       r       r       r       r       r       r       w       w       r       r       r
contracts.archived_at           r       r       r       r       -       -       -       r       r       r       r       r
contracts.archived_by           r       r       r       r       -       -       -       r       r       r       r       r
contracts.archive_location      r       r       r       r       -       -       -       r       r       r       r       r
sales_orders.archived_at        r       r       r       r       -       r       r       r       r       -       r       r
sales_orders.archived_by        r       r       r       r       -       r       r       r       r       -       r       r
sales_orders.archive_location   r       r       r       r       -       r       r       r       r       -       r       r
shipments.archived_at           r       r       r       r       r       r       r       r       r       -       r       r
shipments.archived_by           r       r       r       r       r       r       r       r       r       -       r       r
shipments.archive_location      r       r       r       r       r       r       r       r       r       -       r       r
invoices.red_confirmation_no    r       r       r       r       r       -       -       w       w       -       r       r
invoices.einvoice_file          r       r       r       r       r       -       -       w       w       -       r       r
invoices.archived_at            r       r       r       r       r       -       -       r       r       -       r       r
invoices.archived_by            r       r       r       r       r       -       -       r       r       -       r       r
invoices.archive_location       r       r       r       r       r       -       -       r       r       -       r       r
`;

export type FieldCell = '-' | 'r' | 'w' | 'o';

/** field (`collection.field`) → role → what the role may do with it. */
export const FIELDS: Record<string, Record<Role, FieldCell>> = Object.fromEntries(
	FIELD_TABLE.split('\n')
		.filter((l) => l.trim() && !l.startsWith('field'))
		.map((line) => {
			const [field, ...cells] = line.trim().split(/\s+/);
			if (cells.length !== ROLE_ORDER.length || cells.some((c) => !['-', 'r', 'w', 'o'].includes(c)))
				throw new Error(`field matrix: bad row ${field}`);
			return [field!, Object.fromEntries(ROLE_ORDER.map((r, i) => [r, cells[i] as FieldCell])) as Record<Role, FieldCell>];
		}),
);

export const AUDIT_FIELDS = ['date_created', 'user_created', 'date_updated', 'user_updated'];

/** Singletons answer with one object and have no /items/<collection>/<id> route: probed on their own. */
export const SINGLETONS = ['salesflow_settings'];

/** Roles that read every approval request (README "Who sees what"). */
export const SEES_ALL_APPROVALS: Role[] = ['division_head', 'finance_manager', 'vp', 'general_manager'];

// ——— custom routes ———

/**
 * A custom endpoint probe. Placeholders in `path` are filled by the test from the demo data:
 * `{other_rep}` the second rep's user id, `{pending_request}` a pending approval request whose
 * only open step is the first rep's manager. `allowed` roles must not get 403; the rest must.
 * `ok` is the status an allowed caller gets: the probes send empty or invalid input where the
 * route would otherwise write, so an allowed caller gets 400 after the role check passes.
 */
export type RouteProbe = {
	method: 'GET' | 'POST';
	path: string;
	body?: unknown;
	allowed: Role[];
	ok: number;
	note: string;
	/** How the others are refused when not 403: a row the caller may not read answers 404, like a missing one. */
	hidden?: Role[];
};

const SALES_READERS: Role[] = [
	'sales_rep',
	'sales_assistant',
	'sales_manager',
	'division_head',
	'finance',
	'finance_manager',
	'vp',
	'general_manager',
];
/** Whoever reads invoices and customers (product managers: to decide red invoices) reads receivables aging. */
const INVOICE_READERS: Role[] = [...SALES_READERS, 'product_manager'];
const EVERYONE: Role[] = [...ROLE_ORDER];
const except = (...roles: Role[]): Role[] => ROLE_ORDER.filter((r) => !roles.includes(r));

export const ROUTES: RouteProbe[] = [
	{ method: 'GET', path: '/approvals/inbox', allowed: EVERYONE, ok: 200, note: 'own inbox' },
	{
		method: 'POST',
		path: '/approvals/{pending_request}/approve',
		body: { comment: 'permission matrix' },
		allowed: ['sales_manager'],
		ok: 200,
		note: 'only the approver the step names',
		// Those who take no part in the request get the answer of a missing one; the rest 403 (not the approver).
		hidden: ['sales_assistant', 'product_manager', 'warehouse', 'warehouse_manager', 'finance', 'legal'],
	},
	{ method: 'GET', path: '/invoicing/uninvoiced', allowed: except('legal'), ok: 200, note: 'needs read on shipments' },
	{
		method: 'POST',
		path: '/invoicing/invoices',
		body: {},
		allowed: ['sales_rep', 'sales_assistant', 'sales_manager', 'finance', 'finance_manager'],
		ok: 400,
		note: 'draft (empty body → 400)',
	},
	{ method: 'POST', path: '/invoicing/invoices/x/issue', allowed: ['finance', 'finance_manager'], ok: 400, note: 'issue (bad id → 400)' },
	{
		method: 'POST',
		path: '/invoicing/red-invoices',
		body: {},
		allowed: ['sales_rep', 'sales_assistant', 'sales_manager', 'finance', 'finance_manager'],
		ok: 400,
		note: 'red invoice (empty body → 400)',
	},
	{
		method: 'GET',
		path: '/invoicing/einvoice-batch',
		allowed: ['finance', 'finance_manager'],
		ok: 400,
		note: '数电票 batch workbook (no invoices → 400)',
	},
	{
		method: 'POST',
		path: '/invoicing/einvoice-results',
		body: {},
		allowed: ['finance', 'finance_manager'],
		ok: 400,
		note: "the platform's results (no file → 400)",
	},
	{
		method: 'POST',
		path: '/customers/x/claim',
		allowed: ['sales_rep', 'sales_manager', 'division_head'],
		ok: 400,
		note: 'claim a public-pool customer (bad id → 400)',
	},
	{
		method: 'POST',
		path: '/customers/x/assign',
		body: {},
		allowed: ['sales_manager', 'division_head'],
		ok: 400,
		note: 'assign a public-pool customer to the team (bad id → 400)',
	},
	{ method: 'GET', path: '/exports/vouchers', allowed: ['finance', 'finance_manager'], ok: 400, note: 'vouchers (no period → 400)' },
	{
		method: 'POST',
		path: '/reconciliation/receipts/x/allocate',
		body: {},
		allowed: ['sales_rep', 'sales_manager', 'finance', 'finance_manager'],
		ok: 400,
		note: 'write-off: finance any receipt, sales their own customers (bad id → 400)',
	},
	{ method: 'GET', path: '/reconciliation/statement', allowed: SALES_READERS, ok: 400, note: 'needs read on statements (no query → 400)' },
	{
		method: 'POST',
		path: '/reconciliation/statements',
		body: {},
		allowed: ['sales_rep', 'sales_assistant', 'sales_manager', 'finance', 'finance_manager'],
		ok: 400,
		note: 'needs create/update on statements (empty body → 400)',
	},
	{ method: 'GET', path: '/reconciliation/aging', allowed: INVOICE_READERS, ok: 200, note: 'needs read on invoices' },
	{
		method: 'GET',
		path: '/reconciliation/aging?owner={other_rep}',
		allowed: except('sales_rep', 'warehouse', 'warehouse_manager', 'legal'),
		ok: 200,
		note: "another rep's receivables: team or all",
	},
	{
		method: 'GET',
		path: '/reconciliation/ledger-check',
		allowed: ['division_head', 'finance', 'finance_manager', 'vp', 'general_manager'],
		ok: 200,
		note: 'ledger check',
	},
	{ method: 'GET', path: '/reports', allowed: EVERYONE, ok: 200, note: 'list of reports' },
	{ method: 'GET', path: '/reports/sales-trend', allowed: SALES_READERS, ok: 200, note: 'orders, shipments, invoices, receipts' },
	{ method: 'GET', path: '/reports/pipeline', allowed: SALES_READERS, ok: 200, note: 'customers, quotes, orders, opportunities' },
	{
		method: 'GET',
		path: '/reports/pipeline?owner={other_rep}',
		allowed: except('sales_rep', 'product_manager', 'warehouse', 'warehouse_manager', 'legal'),
		ok: 200,
		note: "another rep's figures: team or all",
	},
	{ method: 'GET', path: '/reports/rep-performance', allowed: SALES_READERS, ok: 200, note: 'targets, orders, customers, visits' },
	{ method: 'GET', path: '/reports/aging', allowed: INVOICE_READERS, ok: 200, note: 'invoices, customers' },
	{ method: 'GET', path: '/reports/stock', allowed: except('legal'), ok: 200, note: 'stock levels, loans' },
	{ method: 'GET', path: '/reports/follow-up', allowed: except('product_manager', 'legal'), ok: 200, note: 'orders, shipments, loans' },
	{ method: 'GET', path: '/reports/satisfaction', allowed: SALES_READERS, ok: 200, note: 'satisfaction surveys' },
	{
		method: 'GET',
		path: '/reports/commission',
		allowed: ['sales_rep', 'sales_manager', 'division_head', 'finance', 'finance_manager', 'vp', 'general_manager'],
		ok: 200,
		note: 'allocations, commission rates',
	},
];

// ——— rendering ———

const SHORT_SCOPE: Record<Scope, string> = {
	none: '',
	own: 'own',
	team: 'team',
	all: '',
	involved: 'inv',
	document: 'doc',
	public: 'pub',
};
const ACTION_LETTER: Record<Action, string> = { create: 'C', read: 'R', update: 'U', delete: 'D' };

/** A cell as e.g. `R C:own U:own` (letter alone = all rows; `·` = nothing). */
export function renderCell(cell: Cell): string {
	const parts = ACTIONS.filter((a) => cell[a] !== 'none').map((a) =>
		SHORT_SCOPE[cell[a]] ? `${ACTION_LETTER[a]}:${SHORT_SCOPE[cell[a]]}` : ACTION_LETTER[a],
	);
	return parts.length ? parts.join(' ') : '·';
}

/** The matrix as markdown: a legend, one table for collections, one for custom routes. */
export function renderAccessMatrix(): string {
	const header = (first: string) => [
		`| ${first} | ${ROLE_ORDER.map((r) => ROLE_SHORT[r]).join(' | ')} |`,
		`|---|${ROLE_ORDER.map(() => '---').join('|')}|`,
	];
	const lines: string[] = [];
	lines.push(
		'Legend: `C` create, `R` read, `U` update, `D` delete. A letter alone means every row; `:own`, `:team` the row scopes above; ' +
			'`:inv` approval requests the caller requested or is asked in (by user or role), and for approval steps the steps asking the caller; ' +
			'`:doc` status changes of documents the caller may read; `:pub` approval rules that reveal no cost (not the margin rules); ' +
			'`·` no access. ' +
			`Columns: ${ROLE_ORDER.map((r) => `${ROLE_SHORT[r]} = \`${r}\``).join(', ')}.`,
		'',
	);
	lines.push(...header('collection'));
	for (const c of COLLECTIONS) lines.push(`| \`${c}\` | ${ROLE_ORDER.map((r) => renderCell(MATRIX[c]![r])).join(' | ')} |`);
	lines.push('', 'Guarded fields: `R` read, `RW` read and write, `RW:own` on the products the user manages, `·` neither.', '');
	lines.push(...header('field'));
	const FIELD_CELL: Record<FieldCell, string> = { '-': '·', r: 'R', w: 'RW', o: 'RW:own' };
	for (const [field, cells] of Object.entries(FIELDS))
		lines.push(`| \`${field}\` | ${ROLE_ORDER.map((r) => FIELD_CELL[cells[r]]).join(' | ')} |`);
	lines.push(
		'',
		'Custom routes (✓ allowed, ✗ 403, or 404 where the caller may not even read the row). `{other_rep}` is another rep of the same manager.',
		'',
	);
	lines.push(...header('route'));
	for (const r of ROUTES)
		lines.push(`| \`${r.method} ${r.path}\` | ${ROLE_ORDER.map((role) => (r.allowed.includes(role) ? '✓' : '✗')).join(' | ')} |`);
	return lines.join('\n');
}
