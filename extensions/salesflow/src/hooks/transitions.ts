// Moving a document: a user PATCHes `status`; this runs the move in its own transaction — lock the
// row, check the transition table, run the move's effects (stock, approvals…), write the final
// status with the caller's permissions — so a refusal anywhere changes nothing.
import type { Knex } from 'knex';
import { DomainError } from '../domain/errors';
import { checkTransition } from '../domain/state-machines';
import { lockRow, type RuleContext } from '../lib/context';

export type TransitionInput = RuleContext & {
	trx: Knex;
	collection: string;
	id: number | string;
	row: any;
	from: string;
	to: string;
	payload: Record<string, unknown>;
};

/** An effect may return the status the document really ends in (e.g. submitted → pending_approval). */
export type TransitionEffect = (t: TransitionInput) => Promise<string | void>;

const effects = new Map<string, TransitionEffect[]>();

/** Registers an effect for `collection` moving to `to` (from any status) or `from->to`. */
export function onTransition(collection: string, move: string, effect: TransitionEffect): void {
	const key = `${collection}:${move}`;
	effects.set(key, [...(effects.get(key) ?? []), effect]);
}

function effectsFor(collection: string, from: string, to: string): TransitionEffect[] {
	return [...(effects.get(`${collection}:${from}->${to}`) ?? []), ...(effects.get(`${collection}:${to}`) ?? [])];
}

/**
 * Runs a status change of one or more documents atomically: the other fields of the same request
 * are written first, with the caller's permissions and our rules, in the same transaction — so a
 * refusal anywhere (a forbidden field, a rule, a second document) changes nothing.
 *
 * Returns the final status of a single document: Directus' own update of the request, which runs
 * after this one anyway, then writes it once more and keeps the one activity and revision of the
 * move (the write here skips tracking, so a move is recorded once, not twice). Several documents
 * may end in different statuses: each is then recorded here, and null is returned.
 */
export async function runTransitions(
	ctx: RuleContext,
	collection: string,
	keys: Array<number | string>,
	to: string,
	rest: Record<string, unknown> = {},
): Promise<string | null> {
	const single = keys.length === 1;
	let last: string | null = null;
	await ctx.db.transaction(async (trx) => {
		const inTrx = { ...ctx, db: trx };
		for (const id of keys) {
			const before = await lockRow(trx, collection, id);
			if (!before) throw new DomainError('NOT_FOUND', `${collection} ${id} does not exist`, 404);
			checkTransition(collection, before.status, to, ctx.actor);
			if (Object.keys(rest).length) {
				const service = new ctx.services.ItemsService(collection, { knex: trx, schema: ctx.schema, accountability: ctx.accountability });
				await service.updateOne(id, rest);
			}
			const row = Object.keys(rest).length ? await trx(collection).where({ id }).first() : before;
			let final = to;
			for (const effect of effectsFor(collection, before.status, to)) {
				const result = await effect({ ...inTrx, trx, collection, id, row, from: before.status, to: final, payload: rest });
				if (result) final = result;
			}
			await writeStatus(inTrx, collection, id, final, {}, { track: !single });
			last = final;
		}
	});
	return single ? last : null;
}

/**
 * Writes a status with the caller's permissions (a revision is kept unless `track` is false);
 * system code writes as admin.
 */
export async function writeStatus(
	ctx: RuleContext,
	collection: string,
	id: number | string,
	status: string,
	extra: Record<string, unknown> = {},
	opts: { track?: boolean } = {},
): Promise<void> {
	const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	await service.updateOne(id, { status, ...extra }, { emitEvents: false, skipTracking: opts.track === false });
}
