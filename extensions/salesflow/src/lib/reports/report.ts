// What a report is (a name, its filters, the collections it reads, one function of SQL
// aggregations) and the SQL helpers they share: portable date ranges and exact sums.
//
// Dates on SQLite come in two shapes: Directus writes `date` and `timestamp` fields as epoch
// milliseconds (local midnight for a date), our hooks write 'YYYY-MM-DD' text — sometimes in the
// same column. A range therefore tests both shapes; on PostgreSQL the columns are typed.
import type { Knex } from 'knex';
import { z } from 'zod';
import { zIsoDate } from '../../domain/dates';
import { isPostgres } from '../context';
import { displayQty, formatMoney, parseMoney, parseQty, type DecimalInput } from '../../domain/money';
import type { ReportNeeds, Viewer } from './scope';

export type Report<F extends z.ZodTypeAny = z.ZodTypeAny> = ReportNeeds & {
	name: string;
	/** Query-string filters, parsed strictly (unknown keys → 400). */
	filters: F;
	run: (db: Knex, viewer: Viewer, filters: z.infer<F>) => Promise<Record<string, unknown>>;
};

export const defineReport = <F extends z.ZodTypeAny>(r: Report<F>) => r;

export type DateKind = 'date' | 'timestamp';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar day of an instant in the server's time zone (as Directus reads dates back). */
export const localDay = (d: Date) => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export const today = () => localDay(new Date());

/** Local midnight of a calendar day: how Directus turns a date into an instant. */
export function midnight(day: string): Date {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(y!, m! - 1, d!);
}

/** 'YYYY-MM' → the first day of that month shifted by `offset` months. */
export function monthStart(month: string, offset = 0): string {
	const [y, m] = month.split('-').map(Number);
	const d = new Date(Date.UTC(y!, m! - 1 + offset, 1));
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-01`;
}

/** A date column's value as 'YYYY-MM-DD', whichever shape the driver hands back. */
export function dayOf(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (v instanceof Date) return localDay(v);
	if (typeof v === 'number') return localDay(new Date(v));
	const s = String(v);
	if (/^\d+(\.\d+)?$/.test(s)) return localDay(new Date(Number(s)));
	return s.slice(0, 10);
}

/** A timestamp column's value as an ISO instant, whichever shape the driver hands back. */
export function instantOf(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (v instanceof Date) return v.toISOString();
	const s = String(v);
	const d = /^\d+(\.\d+)?$/.test(s) ? new Date(Number(s)) : new Date(s);
	return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

type Sql = { sql: string; bindings: any[] };

/** A trusted `table.column` as a quoted SQL identifier (same quoting on SQLite and PostgreSQL). */
const ident = (column: string) =>
	column
		.split('.')
		.map((p) => `"${p}"`)
		.join('.');

/**
 * `column` within [from, to) — calendar days, either end may be left open. Never true for NULL.
 * `column` is a trusted identifier such as `o.confirmed_at`.
 *
 * SQLite orders every number before every text, so a numeric range and a text range never
 * overlap: `col < ''` bounds the numbers from above, `col >= ''` the texts from below. No type
 * test per row, and each half can use the column's index.
 */
export function dayRange(db: Knex, column: string, kind: DateKind, from?: string, to?: string): Sql {
	const col = ident(column);
	if (isPostgres(db)) {
		const value = (day: string) => (kind === 'date' ? day : midnight(day));
		const parts: string[] = [];
		const bindings: any[] = [];
		if (from) {
			parts.push(`${col} >= ?`);
			bindings.push(value(from));
		}
		if (to) {
			parts.push(`${col} < ?`);
			bindings.push(value(to));
		}
		if (!parts.length) parts.push(`${col} is not null`);
		return { sql: `(${parts.join(' and ')})`, bindings };
	}
	const num: string[] = [];
	const bindings: any[] = [];
	if (from) {
		num.push(`${col} >= ?`);
		bindings.push(midnight(from).getTime());
	}
	num.push(`${col} < ?`);
	bindings.push(to ? midnight(to).getTime() : '');
	const txt = [`${col} >= ?`];
	bindings.push(from ?? '');
	if (to) {
		txt.push(`${col} < ?`);
		bindings.push(to);
	}
	return { sql: `((${num.join(' and ')}) or (${txt.join(' and ')}))`, bindings };
}

/** `column` (a timestamp) strictly before an instant, for either SQLite shape. */
export function instantBefore(db: Knex, column: string, at: Date): Sql {
	const col = ident(column);
	if (isPostgres(db)) return { sql: `(${col} < ?)`, bindings: [at] };
	return { sql: `(${col} < ? or (${col} >= '' and ${col} < ?))`, bindings: [at.getTime(), at.toISOString()] };
}

/**
 * CASE that numbers the range [bounds[i], bounds[i+1]) a day falls in (0-based), for rows a WHERE
 * has already limited to [bounds[0], bounds[n]): an ascending ladder of upper bounds.
 */
export function bucketCase(db: Knex, column: string, kind: DateKind, bounds: string[]): Sql {
	const col = ident(column);
	const upper = bounds.slice(1, -1);
	if (!upper.length) return { sql: '0', bindings: [] };
	const ladder = (values: unknown[]) => `case ${values.map((_, i) => `when ${col} < ? then ${i}`).join(' ')} else ${upper.length} end`;
	if (isPostgres(db)) {
		const values = upper.map((d) => (kind === 'date' ? d : midnight(d)));
		return { sql: ladder(values), bindings: values };
	}
	// Numbers (epoch ms) all sort before texts: the numeric ladder settles every number, the text
	// ladder after it every 'YYYY-MM-DD'.
	const ms = upper.map((d) => midnight(d).getTime());
	const whens = [...ms, ...upper].map((_, i) => `when ${col} < ? then ${i % upper.length}`);
	whens.splice(ms.length, 0, `when ${col} < '' then ${upper.length}`);
	return { sql: `case ${whens.join(' ')} else ${upper.length} end`, bindings: [...ms, ...upper] };
}

/** Exact money from a SQL SUM (PostgreSQL numeric string, SQLite float). */
export const money = (v: DecimalInput) => formatMoney(parseMoney(v ?? 0, 'sum'));
export const moneyFen = (v: DecimalInput) => parseMoney(v ?? 0, 'sum');
/** Exact quantity from a SQL SUM, for people (no trailing zeros). */
export const qty = (v: DecimalInput) => displayQty(parseQty(v ?? 0, 'sum'));
export const qtyMilli = (v: DecimalInput) => parseQty(v ?? 0, 'sum');
export const int = (v: unknown) => Number(v ?? 0);

/** a / b as a percentage with one decimal ("37.5"), exact; null when b is 0. */
export function percent(a: bigint, b: bigint): string | null {
	if (b === 0n) return null;
	const tenths = (a * 2000n + b) / (b * 2n); // round half up of a*1000/b (a, b ≥ 0)
	return `${tenths / 10n}.${tenths % 10n}`;
}

/** A user's display name as the demo data writes it (Chinese order: family name first). */
export const personName = (u: { first_name?: string | null; last_name?: string | null; email?: string | null } | undefined) =>
	u ? `${u.last_name ?? ''}${u.first_name ?? ''}`.trim() || (u.email ?? null) : null;

/**
 * A report's query filters: strict (an unknown filter is refused, naming the ones allowed), every
 * rule with its own message — the bundled zod carries no default English messages.
 */
export const zFilters = <S extends z.ZodRawShape>(shape: S) =>
	z.strictObject(shape, {
		error: (iss) =>
			iss.code === 'unrecognized_keys'
				? `unknown filter ${iss.keys.join(', ')}; this report takes ${Object.keys(shape).join(', ') || 'no filters'}`
				: undefined,
	});

const whole = (name: string, min: number, max: number) =>
	z
		.string({ error: `${name} must be one whole number` })
		.regex(/^\d+$/, `${name} must be a whole number`)
		.transform(Number)
		.pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const zOwner = z.string({ error: 'owner must be one user id' }).uuid('owner must be a user id (uuid)');
export const zMonth = z.string({ error: 'must be one month YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const zDay = z.string({ error: 'must be one date YYYY-MM-DD' }).pipe(zIsoDate);
export const zBool = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
export const zRowId = (name: string) =>
	z
		.string({ error: `${name} must be one id` })
		.regex(/^[1-9]\d*$/, `${name} must be a positive whole-number id`)
		.transform(Number);
/** How many list rows to return (not `limit`: Directus reads that query parameter itself). */
export const zRows = (max: number, def: number) => whole('rows', 1, max).default(def);
export const zMonths = whole('months', 1, 36).default(12);
export const currentMonth = () => today().slice(0, 7);
