// Moving a document: a user PATCHes `status`; this runs the move in its own transaction — lock the
// row, check the transition table, run the move's effects (stock, approvals…), write the final
// status with the caller's permissions — so a refusal anywhere changes nothing.
import type { Knex } from 'knex';
import { DomainError } from '../domain/errors';
import { checkTransition } from '../domain/state-machines';
import { lockRow, type RuleContext } from '../lib/context';

export type TransitionInput = RuleContext & { trx: Knex; collection: string; id: number | string; row: any; from: string; to: string; payload: Record<string, unknown> };

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

/** Runs one status change atomically. `ctx.db` must not be inside another transaction we depend on. */
export async function runTransition(ctx: RuleContext, collection: string, id: number | string, to: string, payload: Record<string, unknown> = {}): Promise<string> {
	return ctx.db.transaction(async (trx) => {
		const row = await lockRow(trx, collection, id);
		if (!row) throw new DomainError('NOT_FOUND', `${collection} ${id} does not exist`, 404);
		checkTransition(collection, row.status, to, ctx.actor);
		let final = to;
		for (const effect of effectsFor(collection, row.status, to)) {
			const result = await effect({ ...ctx, db: trx, trx, collection, id, row, from: row.status, to: final, payload });
			if (result) final = result;
		}
		await writeStatus({ ...ctx, db: trx }, collection, id, final);
		return final;
	});
}

/** Writes a status with the caller's permissions (a revision is kept); system code writes as admin. */
export async function writeStatus(ctx: RuleContext, collection: string, id: number | string, status: string, extra: Record<string, unknown> = {}): Promise<void> {
	const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	await service.updateOne(id, { status, ...extra }, { emitEvents: false });
}
