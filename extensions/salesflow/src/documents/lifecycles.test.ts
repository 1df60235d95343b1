import { describe, expect, it } from 'vitest';
import { type Actor, checkTransition as check, initialStatus as initial } from '../domain/state-machines';
import { APPROVAL_COLLECTIONS, APPROVED_STATUS, LIFECYCLES, lifecycleOf } from './lifecycles';
import { thrown } from '../../../../test/support/thrown';

// Every document type's status table, as the brief states them, and the one check every move passes.
const STATUSES = Object.fromEntries(Object.entries(LIFECYCLES).map(([c, l]) => [c, l.statuses]));
const TRANSITIONS = Object.fromEntries(Object.entries(LIFECYCLES).flatMap(([c, l]) => (l.transitions.length ? [[c, l.transitions]] : [])));
const EDITABLE_STATUSES = Object.fromEntries(Object.entries(LIFECYCLES).flatMap(([c, l]) => (l.editable ? [[c, l.editable]] : [])));
const initialStatus = (c: string) => initial(lifecycleOf(c));
const checkTransition = (c: string, from: string, to: string, actor: Actor) => check(c, LIFECYCLES[c], from, to, actor);

const user = (...roles: string[]): Actor => ({ roles, admin: false, system: false });
const admin: Actor = { roles: [], admin: true, system: false };
const system: Actor = { roles: [], admin: false, system: true };

const O = 'owner';
const S = 'system';
const WH = 'warehouse,warehouse_manager';

/** The whole table as the brief states it: collection, from, to, by (role lists comma-joined). */
const EXPECTED: Array<[string, string, string, string]> = [
	['sales_plans', 'draft', 'submitted', 'owner'],
	['sales_plans', 'rejected', 'submitted', 'owner'],
	['sales_plans', 'rejected', 'draft', 'owner'],
	['sales_plans', 'submitted', 'pending_approval', 'system'],
	['sales_plans', 'submitted', 'approved', 'system'],
	['sales_plans', 'pending_approval', 'approved', 'system'],
	['sales_plans', 'pending_approval', 'rejected', 'system'],
	['commission_statements', 'draft', 'submitted', 'owner'],
	['commission_statements', 'rejected', 'submitted', 'owner'],
	['commission_statements', 'rejected', 'draft', 'owner'],
	['commission_statements', 'submitted', 'pending_approval', 'system'],
	['commission_statements', 'submitted', 'approved', 'system'],
	['commission_statements', 'pending_approval', 'approved', 'system'],
	['commission_statements', 'pending_approval', 'rejected', 'system'],
	...(
		[
			'quotes',
			'contracts',
			'order_changes',
			'contract_changes',
			'return_requests',
			'loan_returns',
			'loan_conversions',
			'loans',
			'sales_orders',
			'visits',
		] as const
	).flatMap((c) => {
		const approved = c === 'sales_orders' ? 'confirmed' : 'approved';
		return [
			[c, 'draft', 'submitted', O],
			[c, 'rejected', 'submitted', O],
			[c, 'rejected', 'draft', O],
			[c, 'submitted', 'pending_approval', S],
			[c, 'submitted', approved, S],
			[c, 'pending_approval', approved, S],
			[c, 'pending_approval', 'rejected', S],
		] as Array<[string, string, string, string]>;
	}),
	['quotes', 'approved', 'sent', O],
	['quotes', 'sent', 'accepted', O],
	['quotes', 'sent', 'expired', O],
	['quotes', 'approved', 'expired', S],
	['contracts', 'approved', 'signed', O],
	['contracts', 'signed', 'completed', O],
	['contracts', 'signed', 'terminated', S],
	['sales_orders', 'confirmed', 'partially_shipped', S],
	['sales_orders', 'confirmed', 'shipped', S],
	['sales_orders', 'partially_shipped', 'shipped', S],
	['sales_orders', 'partially_shipped', 'confirmed', S],
	['sales_orders', 'shipped', 'closed', 'sales_manager,division_head,finance'],
	['sales_orders', 'draft', 'cancelled', O],
	['sales_orders', 'rejected', 'cancelled', O],
	['sales_orders', 'confirmed', 'cancelled', S],
	['order_changes', 'approved', 'applied', S],
	['contract_changes', 'approved', 'applied', S],
	['shipments', 'draft', 'submitted', O],
	['shipments', 'submitted', 'draft', O],
	['shipments', 'submitted', 'issued', WH],
	['shipments', 'issued', 'delivered', `sales_assistant,sales_rep,${WH}`],
	['shipments', 'delivered', 'accepted', 'sales_assistant,sales_rep'],
	['shipments', 'draft', 'cancelled', O],
	['shipments', 'submitted', 'cancelled', O],
	['loans', 'approved', 'issued', WH],
	['loans', 'issued', 'closed', S],
	['invoices', 'draft', 'submitted', O],
	['invoices', 'rejected', 'submitted', O],
	['invoices', 'submitted', 'draft', O],
	['invoices', 'rejected', 'draft', O],
	// A red invoice's approval: submitted → pending_approval → back to submitted (approved) or rejected.
	['invoices', 'submitted', 'pending_approval', S],
	['invoices', 'pending_approval', 'submitted', S],
	['invoices', 'pending_approval', 'rejected', S],
	['invoices', 'submitted', 'issued', S],
	// The issue endpoint issues drafts too: the move is the system's, through the table like every other.
	['invoices', 'draft', 'issued', S],
	['invoices', 'draft', 'void', O],
	['invoices', 'submitted', 'void', O],
	['invoices', 'rejected', 'void', O],
	['stock_entries', 'draft', 'posted', 'warehouse_manager'],
	['receipts', 'draft', 'confirmed', 'finance,finance_manager'],
	['returns', 'pending', 'received', WH],
	['approval_requests', 'pending', 'approved', S],
	['approval_requests', 'pending', 'rejected', S],
	['approval_requests', 'pending', 'cancelled', S],
	['statements', 'draft', 'sent', O],
	['statements', 'sent', 'confirmed', O],
	['statements', 'sent', 'disputed', O],
	['statements', 'confirmed', 'draft', 'finance,finance_manager'],
	['statements', 'disputed', 'draft', 'finance,finance_manager'],
	['customers', 'lead', 'prospect', O],
	['customers', 'prospect', 'lead', O],
	['customers', 'lead', 'inactive', O],
	['customers', 'prospect', 'inactive', O],
	['customers', 'signed', 'inactive', O],
	['customers', 'inactive', 'lead', O],
	['customers', 'inactive', 'prospect', O],
	['customers', 'lead', 'signed', S],
	['customers', 'prospect', 'signed', S],
	['customers', 'inactive', 'signed', S],
	['complaints', 'open', 'responded', O],
	['complaints', 'open', 'escalated', S],
	['complaints', 'escalated', 'responded', O],
	['complaints', 'responded', 'resolved', O],
	['complaints', 'resolved', 'closed', O],
	['work_reports', 'draft', 'submitted', O],
	['work_reports', 'submitted', 'reviewed', 'sales_manager,division_head'],
];

describe('the tables', () => {
	it('hold exactly the expected transitions, each once', () => {
		const actual = Object.entries(TRANSITIONS).flatMap(([c, ts]) =>
			ts.map((x) => [c, x.from, x.to, typeof x.by === 'string' ? x.by : x.by.join(',')].join(' ')),
		);
		expect(new Set(actual).size).toBe(actual.length);
		expect(actual.sort()).toEqual(EXPECTED.map((e) => e.join(' ')).sort());
	});

	it('move only between statuses of the collection', () => {
		for (const [c, ts] of Object.entries(TRANSITIONS)) {
			for (const x of ts) {
				expect(STATUSES[c]).toContain(x.from);
				expect(STATUSES[c]).toContain(x.to);
			}
		}
	});

	it('reach every status of a collection with transitions from its initial status', () => {
		for (const [c, ts] of Object.entries(TRANSITIONS)) {
			const seen = new Set([initialStatus(c)]);
			for (let grew = true; grew; ) {
				grew = false;
				for (const x of ts) if (seen.has(x.from) && !seen.has(x.to)) grew = Boolean(seen.add(x.to));
			}
			expect([...seen].sort(), c).toEqual([...STATUSES[c]!].sort());
		}
	});

	it.each([
		['quotes', 'draft', 'draft,submitted,pending_approval,approved,sent,accepted,rejected,expired'],
		['contracts', 'draft', 'draft,submitted,pending_approval,approved,signed,completed,terminated,rejected'],
		['sales_orders', 'draft', 'draft,submitted,pending_approval,confirmed,partially_shipped,shipped,closed,cancelled,rejected'],
		['order_changes', 'draft', 'draft,submitted,pending_approval,approved,rejected,applied'],
		['contract_changes', 'draft', 'draft,submitted,pending_approval,approved,rejected,applied'],
		['return_requests', 'draft', 'draft,submitted,pending_approval,approved,rejected'],
		['loan_returns', 'draft', 'draft,submitted,pending_approval,approved,rejected'],
		['loan_conversions', 'draft', 'draft,submitted,pending_approval,approved,rejected'],
		['shipments', 'draft', 'draft,submitted,issued,delivered,accepted,cancelled'],
		['loans', 'draft', 'draft,submitted,pending_approval,approved,issued,closed,rejected'],
		['invoices', 'draft', 'draft,submitted,pending_approval,issued,void,rejected'],
		['stock_entries', 'draft', 'draft,posted'],
		['receipts', 'draft', 'draft,confirmed'],
		['returns', 'pending', 'pending,received'],
		['approval_requests', 'pending', 'pending,approved,rejected,cancelled'],
		['approval_steps', 'waiting', 'waiting,pending,approved,rejected,skipped'],
		['statements', 'draft', 'draft,sent,confirmed,disputed'],
		['customers', 'lead', 'lead,prospect,signed,inactive'],
		['complaints', 'open', 'open,responded,escalated,resolved,closed'],
		['work_reports', 'draft', 'draft,submitted,reviewed'],
		['visits', 'draft', 'draft,submitted,pending_approval,approved,rejected'],
	])('%s starts as %s; statuses %s', (c, first, statuses) => {
		expect(initialStatus(c)).toBe(first);
		expect(STATUSES[c]!.join(',')).toBe(statuses);
	});

	it('has no initial status for an unknown collection', () => {
		expect(() => initialStatus('widgets')).toThrow(RangeError);
	});

	it('edits documents only in draft and rejected (shipments, invoices: draft; returns: pending; statements: draft, sent)', () => {
		for (const [c, editable] of Object.entries(EDITABLE_STATUSES)) {
			for (const s of editable) expect(STATUSES[c]).toContain(s);
			// A statement takes the customer's answer (payment date or dispute note) while it is out.
			const expected =
				c === 'returns'
					? ['pending']
					: c === 'statements'
						? ['draft', 'sent']
						: STATUSES[c]!.includes('rejected')
							? ['draft', 'rejected']
							: ['draft'];
			expect(editable, c).toEqual(expected);
		}
	});

	it('reaches each approved status only through the engine', () => {
		expect(APPROVAL_COLLECTIONS).toEqual([
			'quotes',
			'contracts',
			'sales_orders',
			'order_changes',
			'contract_changes',
			'return_requests',
			'loans',
			'loan_returns',
			'loan_conversions',
			'invoices',
			'visits',
			'sales_plans',
			'commission_statements',
		]);
		// An approved red invoice is back in "submitted", which its owner also submits to.
		expect(TRANSITIONS.invoices!.filter((x) => x.to === 'submitted' && x.by === 'system').map((x) => x.from)).toEqual(['pending_approval']);
		for (const c of APPROVAL_COLLECTIONS.filter((x) => x !== 'invoices')) {
			const into = TRANSITIONS[c]!.filter((x) => x.to === APPROVED_STATUS[c] && x.from !== 'partially_shipped');
			expect(into.map((x) => [x.from, x.by])).toEqual([
				['submitted', 'system'],
				['pending_approval', 'system'],
			]);
		}
		expect(APPROVED_STATUS.sales_orders).toBe('confirmed');
	});
});

describe('checkTransition', () => {
	it.each([
		['quotes', 'draft', 'submitted', user('sales_rep')],
		['quotes', 'rejected', 'submitted', user('sales_rep')],
		['quotes', 'rejected', 'draft', user()],
		['quotes', 'approved', 'sent', user('sales_rep')],
		['quotes', 'sent', 'expired', user('sales_rep')],
		['contracts', 'approved', 'signed', user('sales_assistant')],
		['sales_orders', 'shipped', 'closed', user('finance')],
		['shipments', 'submitted', 'issued', user('warehouse')],
		['shipments', 'submitted', 'issued', user('warehouse_manager')],
		['shipments', 'issued', 'delivered', user('sales_rep')],
		['shipments', 'delivered', 'accepted', user('sales_assistant')],
		['stock_entries', 'draft', 'posted', user('warehouse_manager')],
		['receipts', 'draft', 'confirmed', user('finance_manager')],
		['returns', 'pending', 'received', user('warehouse')],
		['invoices', 'submitted', 'void', user('finance')],
		['customers', 'inactive', 'prospect', user('sales_rep')],
		['complaints', 'resolved', 'closed', user('sales_rep')],
	])('%s: %s → %s is allowed for %j', (c, from, to, actor) => {
		expect(() => checkTransition(c, from, to, actor)).not.toThrow();
	});

	it.each([
		['quotes', 'submitted', 'approved'],
		['quotes', 'pending_approval', 'approved'],
		['quotes', 'approved', 'expired'],
		['sales_orders', 'pending_approval', 'confirmed'],
		['sales_orders', 'confirmed', 'shipped'],
		['sales_orders', 'confirmed', 'cancelled'],
		['invoices', 'submitted', 'issued'],
		['loans', 'issued', 'closed'],
		['order_changes', 'approved', 'applied'],
		// Only an approved contract change (kind terminate) ends a signed contract.
		['contracts', 'signed', 'terminated'],
		['contract_changes', 'approved', 'applied'],
		['customers', 'prospect', 'signed'],
		['complaints', 'open', 'escalated'],
		['approval_requests', 'pending', 'approved'],
	])('%s: %s → %s is only for the system: refused for users and admins, allowed for the engine', (c, from, to) => {
		for (const actor of [user('general_manager', 'finance_manager', 'division_head'), admin, { ...admin, roles: ['vp'] }]) {
			const e = thrown(() => checkTransition(c, from, to, actor));
			expect([e.code, e.status]).toEqual(['INVALID_TRANSITION', 409]);
			expect(e.message).toBe(`${c}: ${from} → ${to} is not allowed by hand; Salesflow does it (approval or its own action)`);
			expect(e.extensions).toEqual({ from, to });
		}
		expect(() => checkTransition(c, from, to, system)).not.toThrow();
	});

	it.each([
		['shipments', 'submitted', 'issued', user('sales_rep'), 'warehouse, warehouse_manager'],
		['shipments', 'delivered', 'accepted', user('warehouse'), 'sales_assistant, sales_rep'],
		['sales_orders', 'shipped', 'closed', user('sales_rep'), 'sales_manager, division_head, finance'],
		['stock_entries', 'draft', 'posted', user('warehouse'), 'warehouse_manager'],
		['receipts', 'draft', 'confirmed', user(), 'finance, finance_manager'],
		['returns', 'pending', 'received', user('sales_rep'), 'warehouse, warehouse_manager'],
		['work_reports', 'submitted', 'reviewed', user('sales_rep'), 'sales_manager, division_head'],
	])('%s: %s → %s by %j is 403 FORBIDDEN naming %s', (c, from, to, actor, roles) => {
		const e = thrown(() => checkTransition(c, from, to, actor));
		expect([e.code, e.status]).toEqual(['FORBIDDEN', 403]);
		expect(e.message).toBe(`${c}: ${from} → ${to} may be done only by ${roles}`);
		expect(e.extensions).toEqual({ from, to, roles: roles.split(', ') });
		expect(() => checkTransition(c, from, to, admin)).not.toThrow();
		expect(() => checkTransition(c, from, to, system)).not.toThrow();
	});

	it.each([
		['quotes', 'draft', 'approved', 'from draft it can go to submitted'],
		['quotes', 'draft', 'expired', 'from draft it can go to submitted'],
		['quotes', 'sent', 'rejected', 'from sent it can go to accepted, expired'],
		['quotes', 'accepted', 'draft', 'accepted is final'],
		['sales_orders', 'draft', 'confirmed', 'from draft it can go to submitted, cancelled'],
		['sales_orders', 'shipped', 'cancelled', 'from shipped it can go to closed'],
		['sales_orders', 'partially_shipped', 'cancelled', 'from partially_shipped it can go to shipped, confirmed'],
		['sales_orders', 'pending_approval', 'draft', 'from pending_approval it can go to confirmed, rejected'],
		['sales_orders', 'partially_shipped', 'partially_shipped', 'it is already partially_shipped'],
		['shipments', 'issued', 'cancelled', 'from issued it can go to delivered'],
		['shipments', 'issued', 'draft', 'from issued it can go to delivered'],
		['invoices', 'issued', 'void', 'issued is final'],
		['invoices', 'draft', 'draft', 'it is already draft'],
		['stock_entries', 'posted', 'draft', 'posted is final'],
		['customers', 'signed', 'lead', 'from signed it can go to inactive'],
		['complaints', 'escalated', 'resolved', 'from escalated it can go to responded'],
	])('%s: %s → %s is not in the table (%s)', (c, from, to, hint) => {
		for (const actor of [user('sales_rep'), admin, system]) {
			const e = thrown(() => checkTransition(c, from, to, actor));
			expect([e.code, e.status, e.message]).toEqual(['INVALID_TRANSITION', 409, `${c}: ${from} → ${to} is not allowed (${hint})`]);
			expect(e.extensions).toEqual({ from, to });
		}
	});

	it('refuses a status the collection does not have as bad input', () => {
		const e = thrown(() => checkTransition('quotes', 'draft', 'done', system));
		expect([e.code, e.status, e.extensions]).toEqual(['INVALID_PAYLOAD', 400, { field: 'status' }]);
		expect(e.message).toBe(
			'"done" is not a status of quotes (draft, submitted, pending_approval, approved, sent, accepted, rejected, expired)',
		);
	});

	it('refuses any move of a collection without transitions', () => {
		for (const c of ['approval_steps', 'widgets']) {
			const e = thrown(() => checkTransition(c, 'waiting', 'approved', system));
			expect([e.code, e.status, e.message]).toEqual(['INVALID_TRANSITION', 409, `${c} has no status transitions`]);
		}
	});
});
