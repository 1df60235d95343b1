// What rule code gets from a hook, an endpoint or a job: the database handle to use (the request's
// transaction inside a create filter), who is acting, and Directus' services.
import type { Accountability, ApiExtensionContext, EventContext, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { ROLE_KEYS } from '../../../../schema/access';
import { roleId } from '../domain/ids';

export type Services = ApiExtensionContext['services'];

/** Who is acting: role keys instead of ids; `system` is Salesflow itself (approval engine, jobs, rollups). */
export type Actor = { user: string | null; roles: string[]; admin: boolean; system: boolean };

export type RuleContext = {
	db: Knex;
	accountability: Accountability | null;
	schema: SchemaOverview;
	actor: Actor;
	services: Services;
	getSchema: ApiExtensionContext['getSchema'];
};

/** A rule context inside a transaction the caller opened. */
export type TrxContext = RuleContext & { trx: Knex };

const KEY_BY_ROLE_ID = new Map(ROLE_KEYS.map((k) => [roleId(k), k]));

export const SYSTEM_ACTOR: Actor = { user: null, roles: [], admin: true, system: true };

/** The actor of a Directus accountability; none means our own system code. */
export function actorOf(accountability: Accountability | null | undefined): Actor {
	if (!accountability) return SYSTEM_ACTOR;
	const ids = [...new Set([accountability.role, ...(accountability.roles ?? [])].filter((r): r is string => Boolean(r)))];
	return {
		user: accountability.user ?? null,
		roles: ids.map((id) => KEY_BY_ROLE_ID.get(id)).filter((k): k is string => Boolean(k)),
		admin: accountability.admin === true,
		system: false,
	};
}

/** The role keys a user holds (for approvers who decided earlier, who are not in this request). */
export async function roleKeysOf(db: Knex, userId: string): Promise<string[]> {
	const u = await db('directus_users').where({ id: userId }).first('role');
	return u?.role ? actorOf({ role: u.role, roles: [u.role], user: userId, admin: false, app: true, ip: null }).roles : [];
}

/** Builds rule contexts from hook events. */
export function hookContexts(ext: ApiExtensionContext) {
	return (event: EventContext): RuleContext => ({
		db: event.database,
		accountability: event.accountability ?? null,
		schema: event.schema as SchemaOverview,
		actor: actorOf(event.accountability),
		services: ext.services,
		getSchema: ext.getSchema,
	});
}

/**
 * The same context acting as Salesflow itself (no permission checks, every transition allowed to the
 * system); the user who caused it stays on record.
 */
export const asSystem = <C extends RuleContext>(ctx: C): C => ({
	...ctx,
	accountability: null,
	actor: { ...SYSTEM_ACTOR, user: ctx.actor.user },
});

/** A system context for work that no request carries (scheduled jobs, after-commit rules). */
export async function systemContext(ext: ApiExtensionContext, db: Knex = ext.database): Promise<RuleContext> {
	return {
		db,
		accountability: null,
		schema: await ext.getSchema({ database: db }),
		actor: SYSTEM_ACTOR,
		services: ext.services,
		getSchema: ext.getSchema,
	};
}
