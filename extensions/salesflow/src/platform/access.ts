// Access checks every rule shares: rows the caller refers to must be rows they may read, writes
// touch only rows they may read, and the named grants of schema/access.ts for what is not a plain
// item write (issuing invoices, allocating receipts, the ledger check…).
import type { Accountability } from '@directus/types';
import { GRANTS, type GrantName } from '../../../../schema/access';
import { DomainError } from '../domain/errors';
import { isId } from '../domain/money';
import type { Actor, RuleContext } from './context';
import type { Row } from './database';
import { noSuchRow, shown, UUID } from './input';
import { memoized } from './memo';
import { readingAll } from './query-limits';

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
 * Rows a request has already been shown to be allowed to read: one permission-checked read per row and
 * request (a create's references are checked by the shared rules and again by the document's own), keyed
 * by the request's accountability object, which Directus makes per HTTP request and hands every service
 * and hook of it. An accountability that outlives a request (a WebSocket connection's) forgets after
 * PROVEN_MS, as our read rules do (query-scope.ts): a row taken away from a user is not theirs for long.
 * Refusals are never remembered.
 */
const provenReadable = new WeakMap<Accountability, { since: number; rows: Set<string> }>();
const PROVEN_MS = 10_000;

function provenRows(ctx: RuleContext): Set<string> | undefined {
	if (!ctx.accountability) return undefined;
	const memo = provenReadable.get(ctx.accountability);
	if (memo && Date.now() - memo.since < PROVEN_MS) return memo.rows;
	const fresh = { since: Date.now(), rows: new Set<string>() };
	provenReadable.set(ctx.accountability, fresh);
	return fresh.rows;
}

/** Keys of `keys` the caller's read permission has not yet been checked for in this request. */
function unproven(ctx: RuleContext, collection: string, keys: Array<string | number>): Array<string | number> {
	const seen = provenRows(ctx);
	return seen ? keys.filter((k) => !seen.has(`${collection}:${k}`)) : keys;
}

function proven(ctx: RuleContext, collection: string, keys: Array<string | number>): void {
	const seen = provenRows(ctx);
	for (const k of keys) seen?.add(`${collection}:${k}`);
}

/** Refuses with `refusal` unless the caller may read the row (administrators and Salesflow itself may). */
async function assertReadable(ctx: RuleContext, collection: string, id: string | number, refusal: () => Error): Promise<void> {
	if (ctx.actor.system || ctx.accountability?.admin || !unproven(ctx, collection, [id]).length) return;
	const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	await service.readOne(id, { fields: ['id'] }).catch(() => {
		throw refusal();
	});
	proven(ctx, collection, [id]);
}

/**
 * Loads a row the caller refers to (an order for a delivery note, a customer for a quote…) with
 * the caller's own read permission, so a foreign id is refused like any other forbidden read.
 */
export async function readVisible(ctx: RuleContext, collection: string, id: unknown, field: string): Promise<Row> {
	const row = await existingRow(ctx, collection, id, field);
	// A row the caller may not read gets the answer a missing one gets: neither its name nor its existence shows.
	await assertReadable(ctx, collection, row.id, () => noSuchRow(collection, row.id, field));
	return row;
}

/**
 * The row a route's path names (/statements/:id/print, /approvals/:id/approve), read with the caller's
 * permission; a row they may not read answers 404 exactly like a missing one.
 */
export async function readableRow(ctx: RuleContext, collection: string, id: number, what: string): Promise<Row> {
	const notFound = () => new DomainError('NOT_FOUND', `${what} ${id} does not exist`, 404);
	const row = await ctx.db(collection).where({ id }).first();
	if (!row) throw notFound();
	await assertReadable(ctx, collection, id, notFound);
	return row;
}

/** The row a reference names, refused as bad input when the key is malformed or names nothing. */
export async function existingRow(ctx: RuleContext, collection: string, id: unknown, field: string): Promise<Row> {
	if (id === null || id === undefined || id === '') throw new DomainError('INVALID_PAYLOAD', `${field} is required`, 400, { field });
	const key = keyOf(id);
	// A malformed key would reach the database as is (PostgreSQL: a 500 on an integer column).
	// Directus' own collections (users, files) are keyed by uuid, ours by integer.
	const valid = collection.startsWith('directus_') ? typeof key === 'string' && UUID.test(key) : isId(key);
	if (!valid) throw new DomainError('INVALID_PAYLOAD', `${field} must be the id of a ${collection} row, got ${shown(key)}`, 400, { field });
	const row = await memoized(ctx.db, `${collection}:${key}`, () =>
		ctx
			.db(collection)
			.where({ id: key as number | string })
			.first(),
	);
	if (!row) throw noSuchRow(collection, key, field);
	return row;
}

/**
 * Refuses a write to rows the caller cannot read, before any business rule looks at them: a
 * rule's message (a locked order's number, a customer's code) must not reveal another rep's data.
 */
export async function assertVisible(ctx: RuleContext, collection: string, keys: Array<string | number>): Promise<void> {
	if (ctx.actor.system || ctx.accountability?.admin) return;
	const unchecked = [...new Set(unproven(ctx, collection, keys).map(String))];
	if (!unchecked.length) return;
	const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	const seen = await readingAll(() => service.readMany(unchecked, { fields: ['id'], limit: -1 }));
	if (seen.length < unchecked.length) throw new DomainError('FORBIDDEN', "You don't have permission to access this.", 403);
	proven(ctx, collection, unchecked);
}
