// Row scopes as SQL: the same own / team / all scopes the permissions grant (schema/access.ts), so a
// report, a statement run or an aging list covers exactly the rows the caller could read item by item.
//   own  — rows whose owner is the caller
//   team — own rows plus rows owned by users whose manager is the caller
//   all  — every row
import type { Knex } from 'knex';
import { ACCESS, type Action, type Scope } from '../../../../schema/access';
import { DomainError } from '../domain/errors';
import type { Actor } from './context';
import { join, type Sql, sql } from './database';

const WIDTH: Record<Scope, number> = { own: 1, team: 2, all: 3 };

/** The widest scope any of the caller's roles has for one of `actions` on `collection`; null when none. */
export function scopeOf(actor: Actor, collection: string, actions: Action[] = ['read']): Scope | null {
	if (actor.admin || actor.system) return 'all';
	let best: Scope | null = null;
	for (const role of actor.roles) {
		for (const action of actions) {
			const s = ACCESS[role]?.[collection]?.[action];
			if (s && (!best || WIDTH[s] > WIDTH[best])) best = s;
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

/** A condition on an owner column (e.g. `c.owner`) for a scope; null for all. */
export function ownerCondition(scope: Scope, user: string | null, ownerColumn: string): Sql | null {
	if (scope === 'all') return null;
	if (scope === 'own') return sql(`${ownerColumn} = ?`, [user]);
	return sql(`(${ownerColumn} = ? OR ${ownerColumn} IN (SELECT u.id FROM directus_users u WHERE u.manager = ?))`, [user, user]);
}

/** Whether an owner (user id) is inside the caller's scope. */
export async function ownerInScope(db: Knex, scope: Scope, user: string | null, owner: string): Promise<boolean> {
	if (scope === 'all' || owner === user) return true;
	if (scope === 'own') return false;
	return Boolean(await db('directus_users').where({ id: owner, manager: user }).first('id'));
}

/** The collections a report reads: a caller who cannot read a required one gets 403. */
export type ReportNeeds = { collections: string[]; optional?: string[] };

/** A report's view of the data: the caller's scope on each collection it reads, optionally narrowed to one owner. */
export class Viewer {
	/** Set by narrowTo: every query is then limited to rows of this owner. */
	private owner: string | null = null;

	constructor(
		private db: Knex,
		readonly user: string | null,
		private scopes: Map<string, Scope | null>,
	) {}

	/** Whether the caller may read a collection the report uses (optional sections). */
	can(collection: string): boolean {
		return Boolean(this.scopes.get(collection));
	}

	scope(collection: string): Scope {
		const s = this.scopes.get(collection);
		if (!s) throw new Error(`report did not declare ${collection}`);
		return s;
	}

	/**
	 * Limits `q` to rows of `collection` the caller may read; `column` is the SQL column holding
	 * the owner (e.g. `o.owner`, or `c.owner` for invoices through their customer).
	 */
	apply<Q extends Knex.QueryBuilder>(q: Q, collection: string, column: string): Q {
		const scope = this.scope(collection);
		if (this.owner) q.where(column, this.owner);
		if (scope === 'own') q.where(column, this.user);
		if (scope === 'team') {
			const me = this.user;
			q.where((w) => w.where(column, me).orWhereIn(column, this.db('directus_users').select('id').where('manager', me)));
		}
		return q;
	}

	/** The same limit as a SQL condition on an owner column (for hand-written queries); null when it limits nothing. */
	condition(collection: string, column: string): Sql | null {
		const parts = [
			ownerCondition(this.scope(collection), this.user, column),
			this.owner ? sql(`${column} = ?`, [this.owner]) : null,
		].filter((c): c is Sql => c !== null);
		return parts.length ? join(parts, ' AND ') : null;
	}

	/**
	 * An `owner` filter: figures of one user only. Refused with 403 unless that user's rows are
	 * within the caller's scope on every collection the report reads.
	 */
	async narrowTo(owner: string): Promise<void> {
		const scopes = [...this.scopes.values()].filter((s): s is Scope => Boolean(s));
		if (owner !== this.user && scopes.some((s) => s !== 'all')) {
			const managed = await this.db('directus_users').where({ id: owner, manager: this.user }).first('id');
			if (scopes.includes('own') || !managed)
				throw new DomainError('FORBIDDEN', `You may not see the figures of user ${owner}`, 403, { field: 'owner' });
		}
		this.owner = owner;
	}
}

/** The caller's scopes for a report's collections, or 403 when a required one is not readable. */
export function viewerFor(db: Knex, actor: Actor, report: string, needs: ReportNeeds): Viewer {
	const scopes = new Map<string, Scope | null>();
	for (const c of needs.collections) {
		const s = scopeOf(actor, c);
		if (!s) throw new DomainError('FORBIDDEN', `The ${report} report needs read access to ${c}`, 403);
		scopes.set(c, s);
	}
	for (const c of needs.optional ?? []) scopes.set(c, scopeOf(actor, c));
	return new Viewer(db, actor.user, scopes);
}
