// References a user sets — customer, contract, quote, order, delivery note, loan, invoice, product, a
// file — must point at rows the caller may read, on create and on update, whether sent as an id or a
// keyed object ({ "id": 3 }); and a reference to a document of a customer must be to one of this
// row's customer. Otherwise an own row could link to another rep's and read it through relational
// fields and filters. A nested object without an id is a new row: its own rules check it.
import { ACCESS } from '../../../../schema/access';
import { DomainError } from '../domain/errors';
import { existingRow, keyOf, readVisible } from '../platform/access';
import type { RuleContext } from '../platform/context';
import type { Row } from '../platform/database';
import { memoized } from '../platform/memo';
import { COMPUTED_FIELDS, LINE_PARENTS, REFERENCES } from '../platform/model';

/** Targets every role of the actor reads in full: only their existence needs checking. */
const readsAll = (ctx: RuleContext, target: string) =>
	ctx.actor.roles.length > 0 && ctx.actor.roles.every((role) => ACCESS[role]?.[target]?.read === 'all');

/** The references of `collection` a user may set (not computed ones, not a line's document, not the owner). */
function settable(collection: string): Array<[string, string]> {
	const lineOf = LINE_PARENTS[collection]?.fk;
	return Object.entries(REFERENCES[collection] ?? {}).filter(
		([field]) => field !== lineOf && field !== 'owner' && !COMPUTED_FIELDS[collection]?.has(field),
	);
}

const visible = (ctx: RuleContext, target: string, value: unknown, field: string): Promise<Row> =>
	readsAll(ctx, target)
		? memoized(ctx.db, `exists:${target}:${keyOf(value)}`, () => existingRow(ctx, target, value, field))
		: memoized(ctx.db, `visible:${target}:${keyOf(value)}`, () => readVisible(ctx, target, value, field));

/**
 * Checks the references in `payload` (and, when the customer changes, the customer-bound references
 * the rows keep) for a write to `collection`; `current` are the rows an update changes.
 */
export async function checkReferences(ctx: RuleContext, collection: string, payload: Row, current: Row[] = []): Promise<void> {
	if (ctx.actor.system || ctx.accountability?.admin) return;
	const refs = settable(collection);
	for (const [field, target] of refs) {
		if (payload[field] === undefined || payload[field] === null || keyOf(payload[field]) === undefined) continue;
		await visible(ctx, target, payload[field], field);
	}
	if (!REFERENCES[collection]?.customer) return;
	const bound = refs.filter(([field, target]) => field !== 'customer' && REFERENCES[target]?.customer === 'customers');
	for (const row of current.length ? current : [{}]) {
		const customer = keyOf(payload.customer !== undefined ? payload.customer : row.customer);
		if (customer === null || customer === undefined) continue;
		for (const [field, target] of bound) {
			const ref = payload[field] !== undefined ? payload[field] : 'customer' in payload ? row[field] : undefined;
			if (ref === undefined || ref === null || keyOf(ref) === undefined) continue;
			const linked = await visible(ctx, target, ref, field);
			if (String(linked.customer) !== String(customer)) {
				throw new DomainError(
					'INVALID_PAYLOAD',
					`${field}: ${linked.number ?? `${target} ${keyOf(ref)}`} is for another customer than this ${collection.replace(/s$/, '')}`,
					400,
					{ field },
				);
			}
		}
	}
}
