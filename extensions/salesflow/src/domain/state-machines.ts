// Per-document transition tables. A status change not listed is refused with INVALID_TRANSITION;
// `by` says who may make it: 'owner' (whoever may edit the document), 'system' (the engine only —
// approvals, endpoints, rollups; never a PATCH, not even by an admin) or a list of role keys.
import { DomainError } from './errors';

export type Actor = { roles: string[]; admin: boolean; system: boolean };
export type Transition = { from: string; to: string; by: 'owner' | 'system' | string[] };

const t = (from: string | string[], to: string, by: Transition['by']): Transition[] => (Array.isArray(from) ? from : [from]).map((f) => ({ from: f, to, by }));

const APPROVAL_STATUSES = ['draft', 'submitted', 'pending_approval', 'approved', 'rejected'];

/** The approval cycle every approvable document shares. */
const approvalCycle = (approved = 'approved'): Transition[] => [
	...t(['draft', 'rejected'], 'submitted', 'owner'),
	...t('rejected', 'draft', 'owner'),
	...t('submitted', 'pending_approval', 'system'),
	...t(['submitted', 'pending_approval'], approved, 'system'),
	...t('pending_approval', 'rejected', 'system'),
];

const WAREHOUSE = ['warehouse', 'warehouse_manager'];
const FINANCE = ['finance', 'finance_manager'];

export const STATUSES: Record<string, string[]> = {
	quotes: ['draft', 'submitted', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'],
	contracts: ['draft', 'submitted', 'pending_approval', 'approved', 'signed', 'completed', 'terminated', 'rejected'],
	sales_orders: ['draft', 'submitted', 'pending_approval', 'confirmed', 'partially_shipped', 'shipped', 'closed', 'cancelled', 'rejected'],
	order_changes: [...APPROVAL_STATUSES, 'applied'],
	return_requests: APPROVAL_STATUSES,
	loan_returns: APPROVAL_STATUSES,
	loan_conversions: APPROVAL_STATUSES,
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
	quotes: [...approvalCycle(), ...t('approved', 'sent', 'owner'), ...t('sent', 'accepted', 'owner'), ...t(['approved', 'sent'], 'expired', 'owner')],
	contracts: [...approvalCycle(), ...t('approved', 'signed', 'owner'), ...t('signed', 'completed', 'owner'), ...t('signed', 'terminated', ['division_head', 'general_manager'])],
	sales_orders: [
		...approvalCycle('confirmed'),
		...t(['confirmed', 'partially_shipped'], 'partially_shipped', 'system'),
		...t(['confirmed', 'partially_shipped'], 'shipped', 'system'),
		...t('partially_shipped', 'confirmed', 'system'),
		...t('shipped', 'closed', ['sales_manager', 'division_head', ...FINANCE]),
		...t(['draft', 'rejected', 'confirmed'], 'cancelled', 'owner'),
	],
	order_changes: [...approvalCycle(), ...t('approved', 'applied', 'system')],
	return_requests: approvalCycle(),
	loan_returns: approvalCycle(),
	loan_conversions: approvalCycle(),
	shipments: [
		...t('draft', 'submitted', 'owner'),
		...t('submitted', 'draft', 'owner'),
		...t('submitted', 'issued', WAREHOUSE),
		...t('issued', 'delivered', ['sales_assistant', 'sales_rep', ...WAREHOUSE]),
		...t('delivered', 'accepted', ['sales_assistant', 'sales_rep']),
		...t(['draft', 'submitted'], 'cancelled', 'owner'),
	],
	loans: [...approvalCycle(), ...t('approved', 'issued', WAREHOUSE), ...t('issued', 'closed', 'system')],
	invoices: [...t('draft', 'submitted', 'owner'), ...t('submitted', 'draft', 'owner'), ...t('submitted', 'issued', 'system'), ...t(['draft', 'submitted'], 'void', 'owner')],
	stock_entries: t('draft', 'posted', ['warehouse_manager']),
	receipts: t('draft', 'confirmed', FINANCE),
	returns: t('pending', 'received', WAREHOUSE),
	approval_requests: [...t('pending', 'approved', 'system'), ...t('pending', 'rejected', 'system'), ...t('pending', 'cancelled', 'system')],
	approval_steps: [...t('waiting', 'pending', 'system'), ...t(['waiting', 'pending'], 'approved', 'system'), ...t('pending', 'rejected', 'system'), ...t('waiting', 'skipped', 'system')],
	statements: [...t('draft', 'sent', 'owner'), ...t('sent', 'confirmed', 'owner'), ...t('sent', 'disputed', 'owner'), ...t('disputed', 'sent', 'owner')],
	customers: [
		...t('lead', 'prospect', 'owner'),
		...t('prospect', 'lead', 'owner'),
		...t(['lead', 'prospect', 'signed'], 'inactive', 'owner'),
		...t('inactive', 'lead', 'owner'),
		...t('inactive', 'prospect', 'owner'),
		...t(['lead', 'prospect', 'inactive'], 'signed', 'system'),
	],
	complaints: [
		...t('open', 'responded', 'owner'),
		...t(['open', 'responded'], 'escalated', 'system'),
		...t('escalated', 'responded', 'owner'),
		...t(['responded', 'escalated'], 'resolved', 'owner'),
		...t('resolved', 'closed', 'owner'),
	],
	work_reports: [...t('draft', 'submitted', 'owner'), ...t('submitted', 'reviewed', ['sales_manager', 'division_head'])],
};

/** Statuses in which a document's own fields and lines may be edited. */
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
	returns: ['pending'],
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

export const initialStatus = (collection: string) => STATUSES[collection]?.[0] ?? 'draft';

/** Refuses a move that is not in the table (409) or that the actor's roles may not make (403). */
export function checkTransition(collection: string, from: string, to: string, actor: Actor): void {
	const table = TRANSITIONS[collection];
	if (!table) throw new DomainError('INVALID_TRANSITION', `${collection} has no status transitions`, 409, { from, to });
	const found = table.find((x) => x.from === from && x.to === to);
	if (!found) throw new DomainError('INVALID_TRANSITION', `${collection}: ${from} → ${to} is not allowed`, 409, { from, to });
	if (actor.system) return;
	if (found.by === 'system') throw new DomainError('INVALID_TRANSITION', `${collection}: ${from} → ${to} happens only through the approval/document rules`, 409, { from, to });
	if (found.by === 'owner' || actor.admin) return;
	if (!actor.roles.some((r) => (found.by as string[]).includes(r))) {
		throw new DomainError('FORBIDDEN', `${collection}: ${from} → ${to} may be done only by ${found.by.join(', ')}`, 403, { from, to, roles: found.by });
	}
}
