// The one place that knows which database Salesflow runs on. Everything that differs between
// SQLite and PostgreSQL lives here: row locks, advisory locks, ids returned by inserts, raw result
// shapes, exact sums in SQL, and how dates are stored.
//
// Dates on SQLite come in two shapes: Directus writes `date` and `timestamp` fields as epoch
// milliseconds (a date as the server's local midnight); rows written as text by older versions hold
// 'YYYY-MM-DD' or ISO strings. Every comparison here accepts both; every writer here writes the
// first. SQLite orders all numbers before all text, so a numeric range and a text range never
// overlap: `col < ''` bounds the numbers from above, `col >= ''` the texts from below — no type
// test per row, and each half can use the column's index. PostgreSQL has typed columns.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { addDays } from '../domain/dates';
import { parseScaled } from '../domain/money';
import { dateAt, startOfDay } from './clock';

const isPostgres = (db: Knex) => /pg|postgres/.test(String(db.client.config.client));

/** A row as knex hands it back: its columns are the schema's, which TypeScript cannot see. */
// biome-ignore lint/suspicious/noExplicitAny: a database row's columns are only known at run time
export type Row = Record<string, any>;

// ——— locks ———

/** Reads one row for update: a row lock on PostgreSQL; SQLite serialises writers already. */
export async function lockRow(trx: Knex, table: string, id: string | number): Promise<Row | undefined> {
	const q = trx(table).where({ id }).first();
	return isPostgres(trx) ? q.forUpdate() : q;
}

/** A query's rows locked for update (PostgreSQL), optionally only those of one joined table. */
export const forUpdate = <Q extends Knex.QueryBuilder>(db: Knex, q: Q, ...tables: string[]): Q =>
	isPostgres(db) ? (q.forUpdate(...tables) as Q) : q;

/** A read that locks its rows against other writers but not against new references to them (PostgreSQL). */
export const forNoKeyUpdate = <Q extends Knex.QueryBuilder>(db: Knex, q: Q): Q => (isPostgres(db) ? (q.forNoKeyUpdate() as Q) : q);

/**
 * Serialises writers that check-then-insert the same keys (PostgreSQL: transaction-scoped advisory
 * locks, taken in one global order so two writers never deadlock). SQLite serialises writers already.
 * Must run inside the writing transaction.
 */
export async function lockKeys(db: Knex, keys: string[]): Promise<void> {
	if (!isPostgres(db)) return;
	const ids = [...new Set(keys)]
		.map((k) => createHash('sha1').update(`salesflow:${k}`).digest().readBigInt64BE(0))
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	for (const id of ids) await db.raw('select pg_advisory_xact_lock(?::bigint)', [id.toString()]);
}

/**
 * PostgreSQL only: adds `delta` to a numeric column in one guarded statement that keeps it ≥ 0 (the
 * UPDATE locks the row and re-checks the condition on the latest committed figure). Returns whether a
 * row was changed; null on SQLite, where the caller reads, checks in bigint and writes instead.
 */
export async function addIfNotNegative(trx: Knex, table: string, where: Row, column: string, delta: string): Promise<boolean | null> {
	if (!isPostgres(trx)) return null;
	const rows = await trx(table)
		.where(where)
		.whereRaw('?? + ? >= 0', [column, delta])
		.update({ [column]: trx.raw('?? + ?', [column, delta]) }, ['id']);
	return rows.length > 0;
}

// ——— inserts and results ———

/** The id of a row `insert(...).returning('id')` gave back: `{ id }` on PostgreSQL, the id itself on SQLite. */
export const idOf = (returned: unknown): number => Number(typeof returned === 'object' && returned ? (returned as Row).id : returned);

/** Inserts one row and returns its id. */
export async function insertRow(trx: Knex, table: string, row: Row): Promise<number> {
	const [returned] = await trx(table).insert(row).returning('id');
	return idOf(returned);
}

/** knex.raw results: an array on SQLite, { rows } on PostgreSQL. */
export const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? result : (result as { rows: Row[] }).rows);

/** How many ids one `IN (…)` carries: SQLite limits bound parameters and PostgreSQL plans huge lists badly. */
export const IDS_PER_QUERY = 500;

export const chunks = <T>(xs: T[], size = IDS_PER_QUERY): T[][] =>
	Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

// ——— raw SQL fragments ———

export type Sql = { sql: string; bindings: unknown[] };

export const sql = (text: string, bindings: unknown[] = []): Sql => ({ sql: text, bindings });

/** Joins fragments with a separator, keeping their bindings in order. */
export const join = (parts: Sql[], sep: string): Sql => ({
	sql: parts.map((p) => p.sql).join(sep),
	bindings: parts.flatMap((p) => p.bindings),
});

export const raw = (db: Knex, s: Sql) => db.raw(s.sql, s.bindings as Knex.RawBinding[]);

/** A trusted `table.column` as a quoted SQL identifier (same quoting on SQLite and PostgreSQL). */
const ident = (column: string) =>
	column
		.split('.')
		.map((p) => `"${p}"`)
		.join('.');

/** SUM of a money expression (2 decimals) as whole fen. */
export function sumFen(db: Knex, expr: string | Sql): Sql {
	const e = typeof expr === 'string' ? sql(expr) : expr;
	if (isPostgres(db)) return sql(`(COALESCE(SUM(${e.sql}), 0) * 100)`, e.bindings);
	return sql(`COALESCE(SUM(CAST(ROUND((${e.sql}) * 100) AS INTEGER)), 0)`, e.bindings);
}

/** SUM of money over rows matching `cond` (CASE inside the SUM), as whole fen. */
export const sumFenIf = (db: Knex, cond: Sql, expr: string) =>
	sumFen(db, sql(`CASE WHEN ${cond.sql} THEN ${expr} ELSE 0 END`, cond.bindings));

/** quantity × unit price rounded to the fen per line, as whole fen. */
export function lineFen(db: Knex, quantity: string, unitPrice: string): string {
	if (isPostgres(db)) return `(ROUND(${quantity} * ${unitPrice}, 2) * 100)`;
	// thousandths × fen = 10⁻⁵ yuan, an exact integer; + 500 then integer division rounds half up (values are ≥ 0).
	return `((CAST(ROUND(${quantity} * 1000) AS INTEGER) * CAST(ROUND(${unitPrice} * 100) AS INTEGER) + 500) / 1000)`;
}

/** A decimal column or expression as whole thousandths (quantities), for exact comparison in SQL. */
export const milli = (db: Knex, expr: string) => (isPostgres(db) ? `ROUND((${expr}) * 1000)` : `CAST(ROUND((${expr}) * 1000) AS INTEGER)`);

/** A money column or expression as whole fen, for exact comparison in SQL. */
export const fen = (db: Knex, expr: string) => (isPostgres(db) ? `ROUND((${expr}) * 100)` : `CAST(ROUND((${expr}) * 100) AS INTEGER)`);

/** `intColumn = textColumn` where the text column holds the integer's digits (stock moves name their source line as text). */
export const intEqualsText = (db: Knex, intColumn: string, textColumn: string) =>
	isPostgres(db) ? `CAST(${intColumn} AS TEXT) = ${textColumn}` : `${intColumn} = CAST(${textColumn} AS INTEGER)`;

/** A whole number as the database returns it (number, numeric string, bigint string) → bigint. */
export const whole = (v: unknown): bigint => parseScaled((v ?? 0) as string, 0, 'sum');

// ——— dates ———

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local midnight of a calendar day: how Directus turns a date into an instant on this server. */
function localMidnight(day: string): Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d);
}

/** A DATE column's value as 'YYYY-MM-DD', whichever shape the driver hands back (a Date at local midnight, epoch ms, text). */
export function dayOf(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'string' && !/^\d+(\.\d+)?$/.test(v)) return v.slice(0, 10);
	const d = v instanceof Date ? v : new Date(Number(v));
	if (Number.isNaN(d.getTime())) return null;
	return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A TIMESTAMP column's value as an instant, whichever shape the driver hands back; null when there is none. */
export function instantOf(v: unknown): Date | null {
	if (v === null || v === undefined || v === '') return null;
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
	const s = String(v).trim();
	if (/^\d+(\.\d+)?$/.test(s)) return new Date(Number(s));
	// 'YYYY-MM-DD HH:MM:SS' without a zone is stored in UTC.
	const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
	const zone = (m?.[3] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
	const d = m ? new Date(`${m[1]}T${m[2]}${zone}`) : new Date(s);
	return Number.isNaN(d.getTime()) ? null : d;
}

/** A TIMESTAMP column's value as the company's calendar day of that instant; null when there is none. */
export function companyDayOf(v: unknown): string | null {
	const at = instantOf(v);
	return at ? dateAt(at) : null;
}

/** A calendar day as a DATE column stores it (as Directus itself writes it). */
export const dbDate = (db: Knex, day: string | null): string | Date | null => (!day ? null : isPostgres(db) ? day : localMidnight(day));

/** `column` (a DATE) within [from, to) — calendar days, either end may be open. Never true for NULL. */
export function dateRange(db: Knex, column: string, from?: string, to?: string): Sql {
	const col = ident(column);
	if (isPostgres(db)) return bounded(col, from, to);
	return sqliteRange(col, from && localMidnight(from).getTime(), to && localMidnight(to).getTime(), from, to);
}

/** `column` (a TIMESTAMP) within [from, to) — instants, either end may be open. Never true for NULL. */
export function instantRange(db: Knex, column: string, from?: Date, to?: Date): Sql {
	const col = ident(column);
	if (isPostgres(db)) return bounded(col, from, to);
	return sqliteRange(col, from?.getTime(), to?.getTime(), from?.toISOString(), to?.toISOString());
}

function bounded(col: string, from?: unknown, to?: unknown): Sql {
	const parts: string[] = [];
	const bindings: unknown[] = [];
	if (from !== undefined) {
		parts.push(`${col} >= ?`);
		bindings.push(from);
	}
	if (to !== undefined) {
		parts.push(`${col} < ?`);
		bindings.push(to);
	}
	if (!parts.length) parts.push(`${col} is not null`);
	return sql(`(${parts.join(' and ')})`, bindings);
}

/** Numbers below '' and texts from '' on (see the file header). */
function sqliteRange(col: string, fromMs: number | '' | undefined, toMs: number | '' | undefined, fromText?: string, toText?: string): Sql {
	const num = [`${col} < ?`];
	const bindings: unknown[] = [toMs === undefined || toMs === '' ? '' : toMs];
	if (fromMs !== undefined && fromMs !== '') {
		num.unshift(`${col} >= ?`);
		bindings.unshift(fromMs);
	}
	const txt = [`${col} >= ?`];
	bindings.push(fromText ?? '');
	if (toText !== undefined) {
		txt.push(`${col} < ?`);
		bindings.push(toText);
	}
	return sql(`((${num.join(' and ')}) or (${txt.join(' and ')}))`, bindings);
}

/**
 * CASE numbering the range [bounds[i], bounds[i+1]) a value falls in (0-based), for rows a WHERE has
 * already limited to [bounds[0], bounds[n]): an ascending ladder of upper bounds. Days for a DATE
 * column, instants for a TIMESTAMP column.
 */
export function bucketCase(db: Knex, column: string, bounds: string[] | Date[]): Sql {
	const col = ident(column);
	const upper = bounds.slice(1, -1);
	if (!upper.length) return sql('0');
	const asDate = (b: string | Date) => (typeof b === 'string' ? localMidnight(b) : b);
	if (isPostgres(db)) return sql(`case ${upper.map((_, i) => `when ${col} < ? then ${i}`).join(' ')} else ${upper.length} end`, upper);
	// Numbers (epoch ms) all sort before texts: the numeric ladder settles every number, the text ladder after it every text.
	const ms = upper.map((b) => asDate(b).getTime());
	const texts = upper.map((b) => (typeof b === 'string' ? b : b.toISOString()));
	const whens = [...ms, ...texts].map((_, i) => `when ${col} < ? then ${i % upper.length}`);
	whens.splice(ms.length, 0, `when ${col} < '' then ${upper.length}`);
	return sql(`case ${whens.join(' ')} else ${upper.length} end`, [...ms, ...texts]);
}

// ——— company calendar days ———

/** A DATE column holds calendar days; a TIMESTAMP column holds instants, compared by the company's day. */
export type ColumnKind = 'date' | 'timestamp';

/** `column` within [from, to) by company calendar day, either end open. */
export const dayRange = (db: Knex, column: string, kind: ColumnKind, from?: string, to?: string): Sql =>
	kind === 'date'
		? dateRange(db, column, from, to)
		: instantRange(db, column, from ? startOfDay(from) : undefined, to ? startOfDay(to) : undefined);

export type DayOp = '<' | '<=' | '>=' | '>' | '=';

/** `column op day` by company calendar day (a timestamp at 10:00 on `day` is not "< day" but is "<= day"). */
export function dayCmp(db: Knex, column: string, kind: ColumnKind, op: DayOp, day: string): Sql {
	const next = addDays(day, 1);
	if (op === '<') return dayRange(db, column, kind, undefined, day);
	if (op === '<=') return dayRange(db, column, kind, undefined, next);
	if (op === '>=') return dayRange(db, column, kind, day);
	if (op === '>') return dayRange(db, column, kind, next);
	return dayRange(db, column, kind, day, next);
}

/** Adds `column op day` to a query builder. */
export const whereDay = <Q extends Knex.QueryBuilder>(db: Knex, q: Q, column: string, kind: ColumnKind, op: DayOp, day: string): Q => {
	const c = dayCmp(db, column, kind, op, day);
	return q.whereRaw(c.sql, c.bindings as Knex.RawBinding[]) as Q;
};

/** bucketCase by company calendar days. */
export const dayBuckets = (db: Knex, column: string, kind: ColumnKind, bounds: string[]): Sql =>
	bucketCase(db, column, kind === 'date' ? bounds : bounds.map(startOfDay));
