import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import type { Actor } from './actor';

/** What rule code gets from a hook or endpoint: the database handle to use and who is acting. */
export type RuleContext = {
	db: Knex;
	accountability: Accountability | null;
	schema: SchemaOverview;
	actor: Actor;
	services: any;
	getSchema: (opts?: { database?: Knex }) => Promise<SchemaOverview>;
};

export const isPostgres = (db: Knex) => /pg|postgres/.test(String(db.client.config.client));

/** Reads one row for update: a row lock on PostgreSQL; SQLite serialises writers already. */
export async function lockRow(trx: Knex, table: string, id: string | number): Promise<any | undefined> {
	const q = trx(table).where({ id }).first();
	return isPostgres(trx) ? q.forUpdate() : q;
}

/** A read that locks its rows against other writers but not against new references to them (PostgreSQL). */
export const lockedForUpdate = <Q extends { forNoKeyUpdate: () => Q }>(db: Knex, q: Q): Q => (isPostgres(db) ? q.forNoKeyUpdate() : q);
