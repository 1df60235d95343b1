// Access checks every rule shares: rows the caller refers to must be rows they may read, writes
// touch only rows they may read, and the named grants of schema/access.ts for what is not a plain
// item write (issuing invoices, allocating receipts, the ledger check…).
import { GRANTS, type GrantName } from '../../../../schema/access';
import { DomainError } from '../domain/errors';
import { isId } from '../domain/money';
import type { Actor, RuleContext } from './context';
import type { Row } from './database';
import { shown } from './input';
import { memoized } from './memo';

/** Refuses unless the actor holds the grant (administrators and Salesflow itself always do). */
export function requireGrant(actor: Actor, grant: GrantName, what: string): void {
	if (holdsGrant(actor, grant)) return;
	throw new DomainError('FORBIDDEN', `Only ${GRANTS[grant].join(', ')} may ${what}`, 403, { roles: GRANTS[grant] });
}

export const holdsGrant = (actor: Actor, grant: GrantName): boolean =>
	actor.admin || actor.system || actor.roles.some((r) => (GRANTS[grant] as readonly string[]).includes(r));

/** The key a reference holds: a plain id, or the `id` of a nested object. */
export const keyOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as { id?: unknown }).id : v);

/**
 * Loads a row the caller refers to (an order for a delivery note, a customer for a quote…) with
 * the caller's own read permission, so a foreign id is refused like any other forbidden read.
 */
export async function readVisible(ctx: RuleContext, collection: string, id: unknown, field: string): Promise<Row> {
	if (id === null || id === undefined || id === '') throw new DomainError('INVALID_PAYLOAD', `${field} is required`, 400, { field });
	const key = keyOf(id);
	// A malformed key would reach the database as is (PostgreSQL: a 500 on an integer column).
	if (!isId(key))
		throw new DomainError('INVALID_PAYLOAD', `${field} must be the id of a ${collection} row, got ${shown(key)}`, 400, { field });
	const row = await memoized(ctx.db, `${collection}:${key}`, () =>
		ctx
			.db(collection)
			.where({ id: key as number })
			.first(),
	);
	if (!row) throw new DomainError('INVALID_PAYLOAD', `${field}: ${collection} ${key} does not exist`, 400, { field });
	// Administrators read everything; the permission query would only repeat the lookup.
	if (!ctx.actor.system && !ctx.accountability?.admin) {
		const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
		await service.readOne(key as number, { fields: ['id'] });
	}
	return row;
}

/**
 * Refuses a write to rows the caller cannot read, before any business rule looks at them: a
 * rule's message (a locked order's number, a customer's code) must not reveal another rep's data.
 */
export async function assertVisible(ctx: RuleContext, collection: string, keys: Array<string | number>): Promise<void> {
	if (ctx.actor.system || ctx.accountability?.admin || !keys.length) return;
	const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	const seen = await service.readMany(keys, { fields: ['id'], limit: -1 });
	if (seen.length < new Set(keys.map(String)).size) throw new DomainError('FORBIDDEN', "You don't have permission to access this.", 403);
}
