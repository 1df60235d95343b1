// Row access for reports: the same own/team/all scopes the permissions grant (schema/access.ts),
// applied as SQL so a report only sums what the caller could read item by item.
//   own  — rows whose owner is the caller
//   team — own rows plus rows owned by users whose manager is the caller
//   all  — every row
// A report names the collections it reads; a caller who cannot read one of them gets 403.
import type { Knex } from 'knex';
import { ACCESS, type Scope } from '../../../../../schema/access';
import { DomainError } from '../../domain/errors';
import type { Actor } from '../actor';

const WIDTH: Record<Scope, number> = { own: 1, team: 2, all: 3 };

/** The widest read scope any of the caller's roles has on a collection; null when none may read it. */
export function readScope(actor: Actor, collection: string): Scope | null {
	if (actor.admin) return 'all';
	let best: Scope | null = null;
	for (const role of actor.roles) {
		const s = ACCESS[role]?.[collection]?.read;
		if (s && (!best || WIDTH[s] > WIDTH[best])) best = s;
	}
	return best;
}

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

export type ReportNeeds = { collections: string[]; optional?: string[] };

/** The caller's scopes for a report's collections, or 403 when a required one is not readable. */
export function viewerFor(db: Knex, actor: Actor, report: string, needs: ReportNeeds): Viewer {
	const scopes = new Map<string, Scope | null>();
	for (const c of needs.collections) {
		const s = readScope(actor, c);
		if (!s) throw new DomainError('FORBIDDEN', `The ${report} report needs read access to ${c}`, 403);
		scopes.set(c, s);
	}
	for (const c of needs.optional ?? []) scopes.set(c, readScope(actor, c));
	return new Viewer(db, actor.user, scopes);
}
