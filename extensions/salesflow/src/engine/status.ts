// The one door for status moves. Every status change — a user's PATCH, an approval, a rollup, a job —
// goes through `moveStatus`: it locks the document, checks the move against the document type's
// status table (system moves too), runs the move's effects, writes the status once and records who
// moved it, from what, to what and why (status_history). An effect may send the document on (submitted
// → pending_approval); each hop is checked and recorded. The events of a transaction (its moves, the
// approvals it asked for or decided) are handed to `onCommitted` listeners once it has committed,
// never for a transaction that was rolled back.
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { OWNER_PATH } from '../../../../schema/access';
import { DomainError } from '../domain/errors';
import { checkTransition } from '../domain/state-machines';
import { asSystem, SYSTEM_ACTOR } from '../platform/context';
import { lockRow, type Row } from '../platform/database';
import type { DocContext, Id, Move, TrxDocContext } from './document-type';
import { now } from '../platform/clock';

export type MoveRequest = {
	collection: string;
	id: Id;
	to: string;
	reason?: string | null;
	/** Other fields the user sent with the status change, written by `write` once the move is allowed. */
	payload?: Row;
	write?: (t: TrxDocContext) => Promise<void>;
};

/** A committed move: the payload of `salesflow.transition` (CONTRACT.md, Integrations). */
export type CommittedMove = { collection: string; id: Id; number: string | null; from: string; to: string; user: string | null };

/** The events Salesflow announces after commit, with their payloads (CONTRACT.md, Integrations). */
export type SalesflowEvent =
	| { name: 'salesflow.transition'; payload: CommittedMove }
	| {
			name: 'salesflow.approval.requested';
			payload: { request: Id; collection: string; id: Id; number: string | null; step: number; approvers: string[] };
	  }
	| {
			name: 'salesflow.approval.decided';
			payload: {
				request: Id;
				collection: string;
				id: Id;
				number: string | null;
				decision: 'approved' | 'rejected';
				step: number;
				user: string | null;
			};
	  };

/** Transactions that are always rolled back (rehearse): moves inside them are never announced. */
const rehearsals = new WeakSet<Knex>();

/** An event with the accountability of the request that caused it (null: Salesflow itself). */
export type CommittedEvent = SalesflowEvent & { accountability: Accountability | null };

const pending = new WeakMap<Knex, CommittedEvent[]>();
const listeners: Array<(events: CommittedEvent[]) => void> = [];
const beforeCommit: Array<(trx: Knex, events: CommittedEvent[]) => Promise<void>> = [];

/** Subscribes to committed events (called once per committed transaction with its events, in order). */
export function onCommitted(listener: (events: CommittedEvent[]) => void): void {
	listeners.push(listener);
}

/** Work that must commit with the events or not at all (the outbox), run last in their transaction. */
export function onCommitting(writer: (trx: Knex, events: CommittedEvent[]) => Promise<void>): void {
	beforeCommit.push(writer);
}

/** Records an event of `t`'s transaction, announced if and when it commits. */
export function announce(t: TrxDocContext, event: SalesflowEvent): void {
	pending.get(t.trx)?.push({ ...event, accountability: t.accountability } as CommittedEvent);
}

/**
 * Runs `work` in a transaction of its own; the events it recorded are announced once it has committed.
 * Every transaction that may move a status is opened through here.
 */
export async function inTransaction<T>(ctx: DocContext, work: (t: TrxDocContext) => Promise<T>): Promise<T> {
	let events: CommittedEvent[] = [];
	const result = await ctx.db.transaction(async (trx) => {
		pending.set(trx, []);
		const out = await work({ ...ctx, db: trx, trx });
		events = pending.get(trx) ?? [];
		if (events.length) for (const w of beforeCommit) await w(trx, events);
		return out;
	});
	if (events.length && !rehearsals.has(ctx.db)) for (const l of listeners) l(events);
	return result;
}

const ROLLBACK = Symbol('rehearsal');

/**
 * Runs `work` in a transaction that is rolled back whatever happens: what a move would do and whether
 * it would be refused, found by making it (the same checks, never a copy of them). `inspect` reads
 * what the work did before the rollback.
 */
export async function rehearse<T>(
	ctx: DocContext,
	work: (t: TrxDocContext) => Promise<unknown>,
	inspect: (t: TrxDocContext) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	let value: T | undefined;
	try {
		await ctx.db.transaction(async (trx) => {
			rehearsals.add(trx);
			const t = { ...ctx, db: trx, trx };
			await work(t);
			value = await inspect(t);
			throw ROLLBACK;
		});
	} catch (e) {
		if (e !== ROLLBACK) return { ok: false, error: e };
	}
	return { ok: true, value: value as T };
}

/** Moves one document inside `t.trx`. Returns the status it ends in. */
export async function moveStatus(t: TrxDocContext, req: MoveRequest): Promise<string> {
	const lifecycle = t.documents.document(req.collection)?.lifecycle;
	const before = await lockRow(t.trx, req.collection, req.id);
	if (!before) throw new DomainError('NOT_FOUND', `${req.collection} ${req.id} does not exist`, 404);
	checkTransition(req.collection, lifecycle, before.status, req.to, t.actor);
	const payload = req.payload ?? {};
	if (req.write) await req.write(t);
	const row = req.write ? ((await t.trx(req.collection).where({ id: req.id }).first()) ?? before) : before;
	const hops: Array<{ from: string; to: string; system: boolean }> = [{ from: before.status, to: req.to, system: t.actor.system }];
	for (;;) {
		const hop = hops[hops.length - 1]!;
		let next: string | undefined;
		for (const effect of t.documents.effects(req.collection, hop.from, hop.to)) {
			const move: Move = {
				...t,
				db: t.trx,
				collection: req.collection,
				id: req.id,
				row,
				from: hop.from,
				to: hop.to,
				payload,
				reason: req.reason ?? null,
			};
			next = (await effect(move)) ?? next;
		}
		if (next === undefined || next === hop.to) break;
		// Where an effect sends the document on is a system move of the same table.
		checkTransition(req.collection, lifecycle, hop.to, next, SYSTEM_ACTOR);
		hops.push({ from: hop.to, to: next, system: true });
	}
	const final = hops[hops.length - 1]!.to;
	await writeStatus(t, req, final);
	const when = now();
	const owner = await scopeOwner(t.trx, req.collection, before);
	await t.trx('status_history').insert(
		hops.map((h) => ({
			collection: req.collection,
			item: String(req.id),
			document_number: before.number ?? null,
			owner,
			from_status: h.from,
			to_status: h.to,
			moved_by: t.actor.user,
			by_system: h.system,
			reason: h === hops[0] ? (req.reason ?? null) : null,
			date_created: when,
		})),
	);
	announce(t, {
		name: 'salesflow.transition',
		// The row's own key: a request's keys arrive as strings.
		payload: {
			collection: req.collection,
			id: before.id,
			number: before.number ?? null,
			from: before.status,
			to: final,
			user: t.actor.user,
		},
	});
	return final;
}

/**
 * A user's move is written with their permissions, as any write of theirs (the status field and the
 * row must be theirs to update; untracked, Directus records the request itself); Salesflow's own
 * moves are written directly.
 */
async function writeStatus(t: TrxDocContext, req: MoveRequest, status: string): Promise<void> {
	if (t.actor.system || !t.accountability || t.accountability.admin) {
		await t.trx(req.collection).where({ id: req.id }).update({ status });
		return;
	}
	const service = new t.services.ItemsService(req.collection, { knex: t.trx, schema: t.schema, accountability: t.accountability });
	await service.updateOne(req.id, { status }, { emitEvents: false, skipTracking: true });
}

/**
 * The user whose rows these are by the permissions' owner path (schema/access.ts OWNER_PATH): the
 * history of a move is readable by whoever may read the document.
 */
async function scopeOwner(trx: Knex, collection: string, row: Row): Promise<string | null> {
	const path = OWNER_PATH[collection];
	if (!path?.includes('.')) return path ? (row[path] ?? null) : null;
	const [field, rest] = path.split('.') as [string, string];
	if (field !== 'customer' || rest !== 'owner') throw new Error(`status history: owner path ${path} of ${collection} is not followed`);
	return row.customer ? ((await trx('customers').where({ id: row.customer }).first('owner'))?.owner ?? null) : null;
}

/** A move Salesflow itself makes (approval outcome, rollup, job), in the caller's transaction. */
export const moveAsSystem = (t: TrxDocContext, req: MoveRequest): Promise<string> => moveStatus(asSystem(t), req);

/**
 * A user's status change of one or more documents through the items API, atomically: the other
 * fields of the same request are written first, with the caller's permissions and our rules, in the
 * same transaction — so a refusal anywhere (a forbidden field, a rule, a second document) changes
 * nothing. Returns the final status of a single document (Directus' own update of the request then
 * records it as the user's revision); several documents may end in different statuses: null.
 */
export async function moveByUser(ctx: DocContext, collection: string, keys: Id[], to: string, rest: Row): Promise<string | null> {
	let last: string | null = null;
	// With our rules and the caller's permissions (the update's own filters run on these fields).
	const write = Object.keys(rest).length
		? (id: Id) => async (t: TrxDocContext) => {
				const service = new t.services.ItemsService(collection, { knex: t.trx, schema: t.schema, accountability: t.accountability });
				await service.updateOne(id, rest);
			}
		: undefined;
	await inTransaction(ctx, async (t) => {
		for (const id of keys) last = await moveStatus(t, { collection, id, to, payload: rest, write: write?.(id) });
	});
	return keys.length === 1 ? last : null;
}
