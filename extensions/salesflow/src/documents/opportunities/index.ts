// Opportunities (商机/项目, seed 001/002): a customer's deal through the stages of domain/opportunities.ts.
// A stage change is checked against the stage rules (back needs a note, lost a reason, won is final),
// written under the row lock with its history row in one transaction; the probability follows the
// stage unless the user sets one. Quotes and orders move their opportunity on (advanceOpportunity):
// an approved quote to proposal at least, a confirmed order of its quote to won with the order's amount.
import type { Knex } from 'knex';
import { invalid } from '../../domain/errors';
import { nonNegativeMoney } from '../../domain/money';
import {
	checkStageChange,
	DEFAULT_PROBABILITY,
	OPEN_STAGES,
	type OpportunityStage,
	probabilityFor,
	zProbability,
} from '../../domain/opportunities';
import { parseField } from '../../domain/field-checks';
import { defineDocument, type DocContext, type Id } from '../../engine/document-type';
import { inTransaction } from '../../engine/status';
import { readVisible } from '../../platform/access';
import { now } from '../../platform/clock';
import { lockRow, type Row } from '../../platform/database';

const isOpen = (stage: unknown) => (OPEN_STAGES as readonly unknown[]).includes(stage);

/** Amount and probability as sent (the stage rules check the rest). */
function checkFields(payload: Row): void {
	if ('amount' in payload && payload.amount !== null) parseField(nonNegativeMoney('amount'), 'amount', payload.amount);
	if ('probability' in payload && payload.probability !== null) parseField(zProbability, 'probability', payload.probability);
}

/** The history row of one stage change. */
const historyRow = (opportunity: Id, from: string | null, to: string, note: string | null, user: string | null) => ({
	opportunity,
	from_stage: from,
	to_stage: to,
	note,
	date_created: now(),
	user_created: user,
});

/**
 * A user's stage change of one or more opportunities, atomically: each row locked, the move checked
 * against what it is now, the fields written with the caller's permissions, the history recorded.
 */
async function changeStage(ctx: DocContext, keys: Id[], stage: unknown, rest: Row): Promise<void> {
	await inTransaction(ctx, async (t) => {
		const service = new t.services.ItemsService('opportunities', { knex: t.trx, schema: t.schema, accountability: t.accountability });
		for (const id of keys) {
			const row = await lockRow(t.trx, 'opportunities', id);
			if (!row) continue; // Directus answers for a missing item
			const note = rest.stage_note !== undefined ? rest.stage_note : null;
			const lostReason = rest.lost_reason !== undefined ? rest.lost_reason : row.lost_reason;
			const move = checkStageChange({ from: row.stage, to: String(stage), note, lostReason });
			// A new stage starts at its own probability unless the user sets one with it.
			const given = 'probability' in rest ? rest.probability : move === 'none' ? row.probability : undefined;
			const write = { ...rest, stage, probability: probabilityFor(String(stage), given), ...(move === 'none' ? {} : { stage_note: note }) };
			// Our rules ran on these fields already (this update's filter): no second pass.
			await service.updateOne(id, write, { emitEvents: false });
			if (move !== 'none') await t.trx('opportunity_history').insert(historyRow(id, row.stage, String(stage), note, t.actor.user));
		}
	});
}

export const opportunities = defineDocument({
	collection: 'opportunities',
	// Quotes point at it by customer: a different customer is a different opportunity.
	fixedAfterCreate: ['customer'],
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		checkFields(payload);
		payload.stage ??= 'discovery';
		// An opportunity may start at any stage; starting as lost still needs the reason.
		checkStageChange({ from: null, to: payload.stage, lostReason: payload.lost_reason });
		payload.probability = probabilityFor(payload.stage, payload.probability);
	},
	onUpdate: async (ctx, keys, payload) => {
		checkFields(payload);
		const { stage, ...rest } = payload;
		if (stage !== undefined) {
			await changeStage(ctx, keys, stage, rest);
			return {};
		}
		if (!('probability' in rest) && !('lost_reason' in rest)) return undefined;
		for (const row of (await ctx.db('opportunities').whereIn('id', keys).select('number', 'stage')) as Row[]) {
			if ('probability' in rest && !isOpen(row.stage) && rest.probability !== DEFAULT_PROBABILITY[row.stage as OpportunityStage])
				throw invalid(
					'probability',
					`${row.number} is ${row.stage}: its probability is ${DEFAULT_PROBABILITY[row.stage as OpportunityStage]}`,
				);
			if ('lost_reason' in rest && row.stage === 'lost' && !String(rest.lost_reason ?? '').trim())
				throw invalid('lost_reason', `${row.number} is lost: the lost reason (失败原因) stays filled`);
		}
		return undefined;
	},
});

/**
 * Moves an opportunity on because of a document (inside that document's transaction): `proposal`
 * only from an earlier open stage (an approved quote), `won` from any stage but won (a confirmed
 * order: the deal is done whatever was recorded), with `amount` then taken from the order.
 */
export async function advanceOpportunity(
	trx: Knex,
	id: Id | null | undefined,
	to: 'proposal' | 'won',
	because: { note: string; user: string | null; amount?: string },
): Promise<void> {
	if (id === null || id === undefined) return;
	const row = await lockRow(trx, 'opportunities', id);
	if (!row || row.stage === 'won') return;
	if (to === 'proposal' && !['discovery', 'project'].includes(row.stage)) return;
	await trx('opportunities')
		.where({ id })
		.update({
			stage: to,
			probability: DEFAULT_PROBABILITY[to],
			stage_note: because.note,
			...(because.amount !== undefined ? { amount: because.amount } : {}),
		});
	await trx('opportunity_history').insert(historyRow(id, row.stage, to, because.note, because.user));
}
