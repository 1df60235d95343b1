// Which customers a caller's reconciliation queries cover, mirroring schema/access.ts: a rep's own
// customers, a manager's team (owner is the caller or reports to the caller), everyone else all.
import type { Knex } from 'knex';
import { ACCESS, type Action, type Scope } from '../../../../../schema/access';
import { DomainError } from '../../domain/errors';
import type { Actor } from '../actor';
import { sql, type Sql } from './sql';

const RANK: Record<Scope, number> = { own: 1, team: 2, all: 3 };

/** The widest scope any of the caller's roles has for one of `actions` on `collection`; null when none. */
export function scopeOf(actor: Actor, collection: string, actions: Action[]): Scope | null {
	if (actor.admin || actor.system) return 'all';
	let best: Scope | null = null;
	for (const role of actor.roles) {
		for (const action of actions) {
			const s = ACCESS[role]?.[collection]?.[action];
			if (s && (!best || RANK[s] > RANK[best])) best = s;
		}
	}
	return best;
}

/** As scopeOf, refusing with 403 when the caller has no such grant. */
export function requireScope(actor: Actor, collection: string, actions: Action[], what: string): Scope {
	const scope = scopeOf(actor, collection, actions);
	if (!scope) throw new DomainError('FORBIDDEN', `You may not ${what}`, 403);
	return scope;
}

export function requireRole(actor: Actor, roles: string[], what: string): void {
	if (actor.admin || actor.system || actor.roles.some((r) => roles.includes(r))) return;
	throw new DomainError('FORBIDDEN', `Only ${roles.join(', ')} may ${what}`, 403, { roles });
}

/** A condition on an owner column (e.g. `c.owner`) for a scope; null for all. */
export function ownerCondition(scope: Scope, user: string | null, ownerColumn: string): Sql | null {
	if (scope === 'all') return null;
	if (scope === 'own') return sql(`${ownerColumn} = ?`, [user]);
	return sql(`(${ownerColumn} = ? OR ${ownerColumn} IN (SELECT u.id FROM directus_users u WHERE u.manager = ?))`, [user, user]);
}

/** Whether an owner (user id) is inside the caller's scope. */
export async function ownerInScope(db: Knex, scope: Scope, user: string | null, owner: string): Promise<boolean> {
	if (scope === 'all') return true;
	if (owner === user) return true;
	if (scope === 'own') return false;
	const row = await db('directus_users').where({ id: owner, manager: user }).first('id');
	return Boolean(row);
}
