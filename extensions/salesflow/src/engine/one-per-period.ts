// One document per owner and period (a sales plan, a commission statement): checked with the owner
// and period queued on one key, so two parallel creates cannot both pass.
import { personName } from '../domain/crm';
import { DomainError } from '../domain/errors';
import { keyOf } from '../platform/access';
import { lockKeys } from '../platform/database';
import type { DocContext, Id } from './document-type';

export type OnePerPeriod = {
	collection: string;
	/** What the message calls the document ("sales plan"). */
	what: string;
	/** The 409 code. */
	code: string;
	/** Statuses of another document that leave its period free (a rejected plan). */
	freeIn?: string[];
};

/** Refuses (409, naming `period`) a document for an owner and period that already has another one. */
export async function assertOnePerPeriod(
	ctx: DocContext,
	rule: OnePerPeriod,
	doc: { id?: Id; owner: unknown; period: string },
): Promise<void> {
	const owner = String(keyOf(doc.owner));
	await lockKeys(ctx.db, [`${rule.collection}:${owner}:${doc.period}`]);
	const other = await ctx
		.db(rule.collection)
		.where({ owner, period: doc.period })
		.modify((q) => {
			if (rule.freeIn?.length) q.whereNotIn('status', rule.freeIn);
			if (doc.id !== undefined) q.whereNot('id', doc.id);
		})
		.first('number');
	if (!other) return;
	const user = await ctx.db('directus_users').where({ id: owner }).first('first_name', 'last_name', 'email');
	throw new DomainError(
		rule.code,
		`${personName(user)} already has ${rule.what} ${other.number} for ${doc.period}; change that one instead`,
		409,
		{ field: 'period' },
	);
}
