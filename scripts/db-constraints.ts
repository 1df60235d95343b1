// What the database must enforce beyond Directus' schema: compound unique keys, query indexes,
// never-negative stock and an append-only stock ledger. Idempotent on SQLite and PostgreSQL.
import type { Knex } from 'knex';
import { COLLECTIONS } from '../schema/index';

export async function applyDbConstraints(db: Knex): Promise<void> {
	const pg = db.client.config.client === 'pg';
	for (const c of COLLECTIONS) {
		for (const ix of c.indexes ?? []) {
			const name = `sf_${ix.unique ? 'uq' : 'ix'}_${c.collection}_${ix.columns.join('_')}`;
			await db.raw(`create ${ix.unique ? 'unique ' : ''}index if not exists ${name} on ?? (${ix.columns.map(() => '??').join(', ')})`, [
				c.collection,
				...ix.columns,
			]);
		}
		for (const f of c.fields.filter((f) => f.index && f.type !== 'alias')) {
			await db.raw(`create index if not exists sf_ix_${c.collection}_${f.field} on ?? (??)`, [c.collection, f.field]);
		}
	}

	if (pg) {
		await db.raw(`do $$ begin
			if not exists (select 1 from pg_constraint where conname = 'stock_levels_on_hand_nonnegative') then
				alter table stock_levels add constraint stock_levels_on_hand_nonnegative check (on_hand >= 0);
			end if;
		end $$`);
		await db.raw(`create or replace function sf_stock_moves_immutable() returns trigger as $$
			begin raise exception 'stock_moves is append-only'; end $$ language plpgsql`);
		await db.raw(`drop trigger if exists sf_stock_moves_immutable on stock_moves`);
		await db.raw(
			`create trigger sf_stock_moves_immutable before update or delete on stock_moves for each row execute function sf_stock_moves_immutable()`,
		);
	} else {
		// SQLite cannot add a CHECK to an existing table; triggers enforce the same rule.
		for (const op of ['insert', 'update']) {
			await db.raw(`create trigger if not exists sf_stock_levels_nonnegative_${op} before ${op} on stock_levels
				when new.on_hand < 0 begin select raise(abort, 'stock_levels.on_hand must be >= 0'); end`);
		}
		for (const op of ['update', 'delete']) {
			await db.raw(`create trigger if not exists sf_stock_moves_immutable_${op} before ${op} on stock_moves
				begin select raise(abort, 'stock_moves is append-only'); end`);
		}
	}
}
