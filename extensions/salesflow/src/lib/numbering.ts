import type { Knex } from 'knex';
import { NUMBER_PREFIXES, formatDocumentNumber } from '../domain/numbering';

/**
 * The next PREFIX-YYYY-NNNNNN for a collection. Must run inside the creating transaction: the
 * row-locking increment serialises parallel creates (PostgreSQL) and a rollback returns the number.
 */
export async function nextDocumentNumber(trx: Knex, collection: string, when = new Date()): Promise<string> {
	const prefix = NUMBER_PREFIXES[collection];
	if (!prefix) throw new Error(`no number prefix for ${collection}`);
	const year = when.getFullYear();
	await trx('number_sequences').insert({ prefix, year, last_value: 0 }).onConflict(['prefix', 'year']).ignore();
	await trx('number_sequences').where({ prefix, year }).increment('last_value', 1);
	const row = await trx('number_sequences').where({ prefix, year }).first('last_value');
	return formatDocumentNumber(prefix, year, Number(row.last_value));
}
