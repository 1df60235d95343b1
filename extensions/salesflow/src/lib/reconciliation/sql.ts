// SQL pieces the reconciliation queries share, portable between SQLite and PostgreSQL:
//  - money sums come back as whole fen (exact integers on SQLite, numeric on PostgreSQL), never
//    as a float to be trusted;
//  - calendar-day comparisons work on SQLite whatever a date column holds: Directus writes dates
//    and timestamps as epoch milliseconds (local midnight for a date), our own knex code writes
//    'YYYY-MM-DD' text. PostgreSQL has real date/timestamptz columns.
import type { Knex } from 'knex';
import { isPostgres } from '../context';
import { epochDay, isoDate } from '../../domain/dates';
import { parseScaled } from '../../domain/money';

export type Sql = { sql: string; bindings: unknown[] };

export const sql = (text: string, bindings: unknown[] = []): Sql => ({ sql: text, bindings });

/** Joins fragments with a separator, keeping their bindings in order. */
export function join(parts: Sql[], sep: string): Sql {
	return { sql: parts.map((p) => p.sql).join(sep), bindings: parts.flatMap((p) => p.bindings) };
}

export const raw = (db: Knex, s: Sql) => db.raw(s.sql, s.bindings as any);

/** Epoch milliseconds of local midnight of a 'YYYY-MM-DD' day: how Directus stores a date on SQLite. */
function localMidnightMs(day: string): number {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d).getTime();
}

export type Cmp = '<' | '<=' | '>=' | '>';

/**
 * `column OP day` by calendar day, for a date or timestamp column: a timestamp at 10:00 on `day`
 * is not "< day" but is "<= day", so <= and > compare against the next day's midnight.
 */
export function dayCmp(db: Knex, column: string, op: Cmp, day: string): Sql {
	const [strictOp, bound] = op === '<' || op === '>=' ? [op, day] : [op === '<=' ? '<' : '>=', isoDate(epochDay(day) + 1)];
	if (isPostgres(db)) return sql(`${column} ${strictOp} CAST(? AS date)`, [bound]);
	return sql(
		`((typeof(${column}) IN ('integer', 'real') AND ${column} ${strictOp} ?) OR (typeof(${column}) = 'text' AND substr(${column}, 1, 10) ${op} ?))`,
		[localMidnightMs(bound), day],
	);
}

/** start <= column < end, by calendar day. */
export const dayRange = (db: Knex, column: string, start: string, end: string): Sql =>
	join([dayCmp(db, column, '>=', start), dayCmp(db, column, '<', end)], ' AND ');

/** SUM of a money expression (2 decimals) as whole fen. */
export function sumFen(db: Knex, expr: string | Sql): Sql {
	const e = typeof expr === 'string' ? sql(expr) : expr;
	if (isPostgres(db)) return sql(`(COALESCE(SUM(${e.sql}), 0) * 100)`, e.bindings);
	return sql(`COALESCE(SUM(CAST(ROUND((${e.sql}) * 100) AS INTEGER)), 0)`, e.bindings);
}

/** SUM of money over rows matching `cond` (CASE inside the SUM), as whole fen. */
export const sumFenIf = (db: Knex, cond: Sql, expr: string) =>
	sumFen(db, sql(`CASE WHEN ${cond.sql} THEN ${expr} ELSE 0 END`, cond.bindings));

/** A delivery line's value quantity × unit price, rounded to the fen per line, as whole fen. */
export function lineFen(db: Knex, quantity: string, unitPrice: string): string {
	if (isPostgres(db)) return `(ROUND(${quantity} * ${unitPrice}, 2) * 100)`;
	// thousandths × fen = 10⁻⁵ yuan, an exact integer; + 500 then integer division rounds half up (values are ≥ 0).
	return `((CAST(ROUND(${quantity} * 1000) AS INTEGER) * CAST(ROUND(${unitPrice} * 100) AS INTEGER) + 500) / 1000)`;
}

/** A decimal column or expression as whole thousandths (quantities), for exact comparison in SQL. */
export function milli(db: Knex, expr: string): string {
	return isPostgres(db) ? `ROUND((${expr}) * 1000)` : `CAST(ROUND((${expr}) * 1000) AS INTEGER)`;
}

/** A money column or expression as whole fen, for exact comparison in SQL. */
export function fen(db: Knex, expr: string): string {
	return isPostgres(db) ? `ROUND((${expr}) * 100)` : `CAST(ROUND((${expr}) * 100) AS INTEGER)`;
}

/** A whole number as the database returns it (number, numeric string, bigint string) → bigint. */
export const whole = (v: unknown): bigint => parseScaled((v ?? 0) as any, 0, 'sum');

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as the driver returns it (Date, epoch ms, 'YYYY-MM-DD…') → 'YYYY-MM-DD', read in local time as Directus does. */
export function dayOf(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'string' && !/^\d+$/.test(v)) return v.slice(0, 10);
	const d = v instanceof Date ? v : new Date(Number(v));
	if (Number.isNaN(d.getTime())) return null;
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Today's date in the server's local time. */
export const today = () => dayOf(new Date())!;
