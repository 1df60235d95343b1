import type { Knex } from 'knex';
import { businessTimeZone, localClock } from '../domain/crm';
import { NUMBER_PREFIXES, formatDocumentNumber } from '../domain/numbering';

/**
 * The next `n` numbers PREFIX-YYYY-NNNNNN of a collection, reserved with one increment. Must run
 * inside the creating transaction: the row-locking increment serialises parallel creates
 * (PostgreSQL) and a rollback returns the numbers.
 */
export async function nextDocumentNumbers(trx: Knex, collection: string, n: number, when = new Date()): Promise<string[]> {
	if (n <= 0) return [];
	const prefix = NUMBER_PREFIXES[collection];
	if (!prefix) throw new Error(`no number prefix for ${collection}`);
	// The company's calendar year (SALESFLOW_TIMEZONE), not the server's: containers run in UTC.
	const year = Number(localClock(when, businessTimeZone(process.env)).date.slice(0, 4));
	await trx('number_sequences').insert({ prefix, year, last_value: 0 }).onConflict(['prefix', 'year']).ignore();
	await trx('number_sequences').where({ prefix, year }).increment('last_value', n);
	const last = Number((await trx('number_sequences').where({ prefix, year }).first('last_value')).last_value);
	return Array.from({ length: n }, (_, k) => formatDocumentNumber(prefix, year, last - n + 1 + k));
}

export async function nextDocumentNumber(trx: Knex, collection: string, when = new Date()): Promise<string> {
	return (await nextDocumentNumbers(trx, collection, 1, when))[0]!;
}
