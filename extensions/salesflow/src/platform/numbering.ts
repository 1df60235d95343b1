import type { Knex } from 'knex';
import { formatDocumentNumber, NUMBER_PREFIXES } from '../domain/numbering';
import { dateAt, now } from './clock';

/**
 * The next `n` numbers PREFIX-YYYY-NNNNNN of a collection, reserved with one increment. Must run
 * inside the creating transaction: the row-locking increment serialises parallel creates
 * (PostgreSQL) and a rollback returns the numbers.
 */
export async function nextDocumentNumbers(trx: Knex, collection: string, n: number, when = now()): Promise<string[]> {
	if (n <= 0) return [];
	const prefix = NUMBER_PREFIXES[collection];
	if (!prefix) throw new Error(`no number prefix for ${collection}`);
	// The company's calendar year (SALESFLOW_TIMEZONE), not the server's: containers run in UTC.
	const year = Number(dateAt(when).slice(0, 4));
	// One upsert-and-return round trip: numbering is on the path of every document create.
	const [row] = await trx('number_sequences')
		.insert({ prefix, year, last_value: n })
		.onConflict(['prefix', 'year'])
		.merge({ last_value: trx.raw('?? + ?', ['number_sequences.last_value', n]) })
		.returning('last_value');
	const last = Number(row.last_value);
	return Array.from({ length: n }, (_, k) => formatDocumentNumber(prefix, year, last - n + 1 + k));
}

export async function nextDocumentNumber(trx: Knex, collection: string, when = now()): Promise<string> {
	return (await nextDocumentNumbers(trx, collection, 1, when))[0]!;
}
