// Per-collection status tables (statuses exactly as CONTRACT.md lists them). A move not in the
// table is refused; `by` says who may make it:
//  - 'owner': whoever may edit the document — the row-level permission already decided who that is;
//  - 'system': Salesflow itself only (approval engine, endpoints, rollups) — never a PATCH from a
//    user, not even an admin, so nobody confirms or issues by hand;
//  - role keys: users holding one of them (admins too).
import { DomainError, ErrorCode, invalid } from './errors';

export type Actor = { roles: string[]; admin: boolean; system: boolean };
export type Transition = { from: string; to: string; by: 'owner' | 'system' | string[] };

/** Every from × to pair, made by `by`. */
const t = (from: string | string[], to: string | string[], by: Transition['by']): Transition[] =>
	[from].flat().flatMap((f) => [to].flat().map((x) => ({ from: f, to: x, by })));

const WAREHOUSE = ['warehouse', 'warehouse_manager'];
const FINANCE = ['finance', 'finance_manager'];

const APPROVABLE = ['draft', 'submitted', 'pending_approval', 'approved', 'rejected'];

/** Submit, reject, resubmit: the cycle every approvable document shares; `approved` is its goal status. */
const approvalCycle = (approved: string): Transition[] => [
	...t(['draft', 'rejected'], 'submitted', 'owner'),
	...t('rejected', 'draft', 'owner'),
	// The engine moves on at once: to pending_approval, or straight to approved when no rule asks anyone.
	...t('submitted', 'pending_approval', 'system'),
	...t(['submitted', 'pending_approval'], approved, 'system'),
	...t('pending_approval', 'rejected', 'system'),
];

export const STATUSES: Record<string, string[]> = {
	quotes: ['draft', 'submitted', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'],
	contracts: ['draft', 'submitted', 'pending_approval', 'approved', 'signed', 'completed', 'terminated', 'rejected'],
	sales_orders: ['draft', 'submitted', 'pending_approval', 'confirmed', 'partially_shipped', 'shipped', 'closed', 'cancelled', 'rejected'],
	order_changes: [...APPROVABLE, 'applied'],
	return_requests: APPROVABLE,
	loan_returns: APPROVABLE,
	loan_conversions: APPROVABLE,
	shipments: ['draft', 'submitted', 'issued', 'delivered', 'accepted', 'cancelled'],
	loans: ['draft', 'submitted', 'pending_approval', 'approved', 'issued', 'closed', 'rejected'],
	invoices: ['draft', 'submitted', 'issued', 'void'],
	stock_entries: ['draft', 'posted'],
	receipts: ['draft', 'confirmed'],
	returns: ['pending', 'received'],
	approval_requests: ['pending', 'approved', 'rejected', 'cancelled'],
	approval_steps: ['waiting', 'pending', 'approved', 'rejected', 'skipped'],
	statements: ['draft', 'sent', 'confirmed', 'disputed'],
	customers: ['lead', 'prospect', 'signed', 'inactive'],
	complaints: ['open', 'responded', 'escalated', 'resolved', 'closed'],
	work_reports: ['draft', 'submitted', 'reviewed'],
};

export const TRANSITIONS: Record<string, Transition[]> = {
	quotes: [
		...approvalCycle('approved'),
		...t('approved', 'sent', 'owner'),
		...t('sent', ['accepted', 'expired'], 'owner'),
		...t('approved', 'expired', 'system'), // valid_until passed before it was sent
	],
	contracts: [
		...approvalCycle('approved'),
		// 'owner' includes the sales assistant who files contracts, when the row permission lets them edit it.
		...t('approved', 'signed', 'owner'),
		...t('signed', 'completed', 'owner'),
		...t('signed', 'terminated', ['division_head', 'general_manager']),
	],
	sales_orders: [
		...approvalCycle('confirmed'),
		// Delivery rollups move a confirmed order; a cancelled delivery can move it back.
		...t('confirmed', ['partially_shipped', 'shipped'], 'system'),
		...t('partially_shipped', 'shipped', 'system'),
		...t('partially_shipped', 'confirmed', 'system'),
		...t('shipped', 'closed', ['sales_manager', 'division_head', 'finance']),
		// The glue also checks nothing was shipped before cancelling a confirmed order.
		...t(['draft', 'rejected', 'confirmed'], 'cancelled', 'owner'),
	],
	order_changes: [...approvalCycle('approved'), ...t('approved', 'applied', 'system')],
	return_requests: approvalCycle('approved'),
	loan_returns: approvalCycle('approved'),
	loan_conversions: approvalCycle('approved'),
	shipments: [
		...t('draft', 'submitted', 'owner'),
		...t('submitted', 'draft', 'owner'),
		...t('submitted', 'issued', WAREHOUSE),
		...t('issued', 'delivered', ['sales_assistant', 'sales_rep', ...WAREHOUSE]),
		...t('delivered', 'accepted', ['sales_assistant', 'sales_rep']),
		...t(['draft', 'submitted'], 'cancelled', 'owner'),
	],
	loans: [...approvalCycle('approved'), ...t('approved', 'issued', WAREHOUSE), ...t('issued', 'closed', 'system')],
	invoices: [
		...t('draft', 'submitted', 'owner'),
		...t('submitted', 'draft', 'owner'),
		...t('submitted', 'issued', 'system'), // only the issue endpoint (finance) issues
		...t(['draft', 'submitted'], 'void', 'owner'),
	],
	stock_entries: t('draft', 'posted', ['warehouse_manager']),
	receipts: t('draft', 'confirmed', FINANCE),
	returns: t('pending', 'received', WAREHOUSE),
	approval_requests: t('pending', ['approved', 'rejected', 'cancelled'], 'system'),
	statements: [...t('draft', 'sent', 'owner'), ...t('sent', ['confirmed', 'disputed'], 'owner'), ...t('disputed', 'sent', 'owner')],
	customers: [
		...t('lead', 'prospect', 'owner'),
		...t('prospect', 'lead', 'owner'),
		...t(['lead', 'prospect', 'signed'], 'inactive', 'owner'),
		...t('inactive', ['lead', 'prospect'], 'owner'),
		...t(['lead', 'prospect', 'inactive'], 'signed', 'system'), // set by the first signed contract
	],
	complaints: [
		...t('open', 'responded', 'owner'),
		...t('open', 'escalated', 'system'), // no first response within 24 h
		...t('escalated', 'responded', 'owner'),
		...t('responded', 'resolved', 'owner'),
		...t('resolved', 'closed', 'owner'),
	],
	work_reports: [...t('draft', 'submitted', 'owner'), ...t('submitted', 'reviewed', ['sales_manager', 'division_head'])],
};

/** Statuses in which a document's ordinary fields and lines may be edited; elsewhere it is locked. */
export const EDITABLE_STATUSES: Record<string, string[]> = {
	quotes: ['draft', 'rejected'],
	contracts: ['draft', 'rejected'],
	sales_orders: ['draft', 'rejected'],
	order_changes: ['draft', 'rejected'],
	return_requests: ['draft', 'rejected'],
	loan_returns: ['draft', 'rejected'],
	loan_conversions: ['draft', 'rejected'],
	shipments: ['draft'],
	loans: ['draft', 'rejected'],
	invoices: ['draft'],
	stock_entries: ['draft'],
	receipts: ['draft'],
	returns: ['pending'], // the goods are counted against it until received
	statements: ['draft'],
	work_reports: ['draft'],
};

/** The status a document reaches when its approval completes. */
export const APPROVED_STATUS: Record<string, string> = {
	quotes: 'approved',
	contracts: 'approved',
	sales_orders: 'confirmed',
	order_changes: 'approved',
	return_requests: 'approved',
	loans: 'approved',
	loan_returns: 'approved',
	loan_conversions: 'approved',
};

export const APPROVAL_COLLECTIONS = Object.keys(APPROVED_STATUS);

export function initialStatus(collection: string): string {
	const statuses = STATUSES[collection];
	if (!statuses) throw new RangeError(`${collection} has no statuses`);
	return statuses[0]!;
}

/** Refuses a move not in the table (409 INVALID_TRANSITION) or one the actor's roles may not make (403 FORBIDDEN). */
export function checkTransition(collection: string, from: string, to: string, actor: Actor): void {
	const table = TRANSITIONS[collection];
	if (!table) throw new DomainError(ErrorCode.INVALID_TRANSITION, `${collection} has no status transitions`, 409, { from, to });
	const statuses = STATUSES[collection]!;
	if (!statuses.includes(to)) throw invalid('status', `"${to}" is not a status of ${collection} (${statuses.join(', ')})`);
	const found = table.find((x) => x.from === from && x.to === to);
	if (!found) {
		const next = table.filter((x) => x.from === from).map((x) => x.to);
		const hint = from === to ? `it is already ${from}` : next.length ? `from ${from} it can go to ${next.join(', ')}` : `${from} is final`;
		throw new DomainError(ErrorCode.INVALID_TRANSITION, `${collection}: ${from} → ${to} is not allowed (${hint})`, 409, { from, to });
	}
	if (actor.system) return;
	if (found.by === 'system') {
		throw new DomainError(
			ErrorCode.INVALID_TRANSITION,
			`${collection}: ${from} → ${to} is not allowed by hand; Salesflow does it (approval or its own action)`,
			409,
			{ from, to },
		);
	}
	if (found.by === 'owner' || actor.admin || actor.roles.some((r) => found.by.includes(r))) return;
	throw new DomainError(ErrorCode.FORBIDDEN, `${collection}: ${from} → ${to} may be done only by ${found.by.join(', ')}`, 403, {
		from,
		to,
		roles: found.by,
	});
}
