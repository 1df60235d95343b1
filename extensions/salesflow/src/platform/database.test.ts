import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayBuckets, dayOf, dayRange, instantRange } from './database';

/** Local midnight of a day: how Directus stores a date on SQLite. */
const midnight = (day: string) => {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d);
};

// SQLite keeps a date either as epoch milliseconds (written by Directus) or as 'YYYY-MM-DD' text
// (written by our hooks), sometimes in one column: the SQL helpers must treat both alike.
describe('date SQL on SQLite with mixed storage', () => {
	let db: Knex;
	const days = ['2025-11-30', '2025-12-01', '2025-12-31', '2026-01-01', '2026-01-15', '2026-02-01', '2026-02-28', '2026-03-01'];
	beforeAll(async () => {
		db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
		await db.schema.createTable('t', (t) => {
			t.increments('id');
			t.date('d');
			t.string('day');
		});
		const rows = days.flatMap((day) => [
			{ d: midnight(day).getTime(), day },
			{ d: day, day },
			{ d: midnight(day).getTime() + 13 * 3_600_000, day }, // a timestamp in the afternoon
		]);
		await db('t').insert([...rows, { d: null, day: null }]);
	});
	afterAll(() => db.destroy());

	const daysIn = async (from?: string, to?: string) => {
		const r = dayRange(db, 't.d', 'date', from, to);
		return (await db('t').whereRaw(r.sql, r.bindings).select('day')).map((x) => x.day);
	};
	const expected = (from?: string, to?: string) => days.filter((d) => (!from || d >= from) && (!to || d < to)).flatMap((d) => [d, d, d]);

	it('selects [from, to) whatever the shape, never NULL', async () => {
		for (const [from, to] of [
			['2025-12-01', '2026-02-01'],
			[undefined, '2026-01-01'],
			['2026-01-15', undefined],
			[undefined, undefined],
			['2026-05-01', '2026-06-01'],
		] as const) {
			expect((await daysIn(from, to)).sort(), `${from}…${to}`).toEqual(expected(from, to).sort());
		}
	});

	it('numbers each day by its month', async () => {
		const bounds = ['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'];
		const range = dayRange(db, 't.d', 'date', bounds[0], bounds.at(-1));
		const bucket = dayBuckets(db, 't.d', 'date', bounds);
		const rows = await db('t')
			.whereRaw(range.sql, range.bindings)
			.select('day', db.raw(`${bucket.sql} as b`, bucket.bindings));
		for (const r of rows) expect(Number(r.b), r.day).toBe(bounds.findIndex((b, i) => r.day >= b && r.day < bounds[i + 1]!));
		expect(rows).toHaveLength(expected(bounds[0], bounds.at(-1)).length);
		expect(dayBuckets(db, 't.d', 'date', ['2026-01-01', '2026-02-01']).sql).toBe('0');
	});

	it('compares instants in either shape', async () => {
		const at = new Date(midnight('2026-01-15').getTime() + 12 * 3_600_000);
		const r = instantRange(db, 't.d', undefined, at);
		const got = (await db('t').whereRaw(r.sql, r.bindings).select('day')).map((x) => x.day);
		expect(got.filter((d) => d === '2026-01-15')).toHaveLength(2); // midnight number and text; not 13:00
		expect(got.some((d) => d > '2026-01-15')).toBe(false);
	});
});

describe('reading dates back', () => {
	it('reads a DATE from any driver shape', () => {
		expect(dayOf(midnight('2026-03-05').getTime())).toBe('2026-03-05');
		expect(dayOf(String(midnight('2026-03-05').getTime()))).toBe('2026-03-05');
		expect(dayOf('2026-03-05')).toBe('2026-03-05');
		expect(dayOf(midnight('2026-03-05'))).toBe('2026-03-05');
		expect(dayOf(null)).toBeNull();
	});
});
