// Status tables (lifecycles) and the one check every status move passes. Each document type
// declares its lifecycle beside its rules (documents/<type>/lifecycle.ts); a move not in the table is
// refused, and `by` says who may make it:
//  - 'owner': whoever may edit the document — the row-level permission already decided who that is;
//  - 'system': Salesflow itself only (approval engine, endpoints, rollups, jobs) — never a PATCH from
//    a user, not even an admin, so nobody confirms or issues by hand;
//  - role keys: users holding one of them (admins too).
import { DomainError, ErrorCode, invalid } from './errors';

export type Actor = { roles: string[]; admin: boolean; system: boolean };
export type Transition = { from: string; to: string; by: 'owner' | 'system' | readonly string[] };

export type Lifecycle = {
	/** Every status, the first one a new document starts in. */
	statuses: readonly string[];
	transitions: readonly Transition[];
	/** Statuses in which the document's ordinary fields and lines may be edited; elsewhere it is locked. */
	editable?: readonly string[];
	/** Fields that stay editable in every status (what happens after the document is locked: carrier, signed scan…). */
	alwaysEditable?: readonly string[];
	/** The status a document reaches when its approval completes (approvable documents only). */
	approved?: string;
	/** Statuses a user may create the document in besides the first one. */
	createdAs?: readonly string[];
};

export const defineLifecycle = (l: Lifecycle): Lifecycle => l;

/** Every from × to pair, made by `by`. */
export const t = (from: string | string[], to: string | string[], by: Transition['by']): Transition[] =>
	[from].flat().flatMap((f) => [to].flat().map((x) => ({ from: f, to: x, by })));

/** The statuses every approvable document goes through. */
export const APPROVABLE = ['draft', 'submitted', 'pending_approval', 'approved', 'rejected'] as const;

/** Submit, reject, resubmit: the cycle every approvable document shares; `approved` is its goal status. */
export const approvalCycle = (approved: string): Transition[] => [
	...t(['draft', 'rejected'], 'submitted', 'owner'),
	...t('rejected', 'draft', 'owner'),
	// The engine moves on at once: to pending_approval, or straight to approved when no rule asks anyone.
	...t('submitted', 'pending_approval', 'system'),
	...t(['submitted', 'pending_approval'], approved, 'system'),
	...t('pending_approval', 'rejected', 'system'),
];

export const initialStatus = (l: Lifecycle): string => l.statuses[0]!;

/** Refuses a move not in the table (409 INVALID_TRANSITION) or one the actor's roles may not make (403 FORBIDDEN). */
export function checkTransition(collection: string, l: Lifecycle | undefined, from: string, to: string, actor: Actor): Transition {
	if (!l?.transitions.length)
		throw new DomainError(ErrorCode.INVALID_TRANSITION, `${collection} has no status transitions`, 409, { from, to });
	if (!l.statuses.includes(to)) throw invalid('status', `"${to}" is not a status of ${collection} (${l.statuses.join(', ')})`);
	const found = l.transitions.find((x) => x.from === from && x.to === to);
	if (!found) {
		const next = l.transitions.filter((x) => x.from === from).map((x) => x.to);
		const hint = from === to ? `it is already ${from}` : next.length ? `from ${from} it can go to ${next.join(', ')}` : `${from} is final`;
		throw new DomainError(ErrorCode.INVALID_TRANSITION, `${collection}: ${from} → ${to} is not allowed (${hint})`, 409, { from, to });
	}
	if (actor.system) return found;
	if (found.by === 'system') {
		throw new DomainError(
			ErrorCode.INVALID_TRANSITION,
			`${collection}: ${from} → ${to} is not allowed by hand; Salesflow does it (approval or its own action)`,
			409,
			{ from, to },
		);
	}
	if (found.by === 'owner' || actor.admin || actor.roles.some((r) => found.by.includes(r))) return found;
	throw new DomainError(ErrorCode.FORBIDDEN, `${collection}: ${from} → ${to} may be done only by ${found.by.join(', ')}`, 403, {
		from,
		to,
		roles: found.by,
	});
}

/** The moves open to an actor from a status (what the data app offers as actions). */
export function movesFrom(l: Lifecycle, from: string, actor: Actor): Transition[] {
	return l.transitions.filter(
		(x) => x.from === from && x.by !== 'system' && (x.by === 'owner' || actor.admin || actor.roles.some((r) => x.by.includes(r))),
	);
}
