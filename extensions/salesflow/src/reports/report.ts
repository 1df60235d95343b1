// What a report is (a name, its filters, the collections it reads, one function of SQL
// aggregations) and what reports share: exact figures from SQL sums and strict query filters.
// Date ranges come from platform/database.ts (company calendar days, either SQLite shape).
import type { Knex } from 'knex';
import { z } from 'zod';
import { personName as fullName } from '../domain/crm';
import { zIsoDate } from '../domain/dates';
import { type DecimalInput, displayQty, formatMoney, parseMoney, parseQty } from '../domain/money';
import { today } from '../platform/clock';
import type { ReportNeeds, Viewer } from '../platform/row-scope';

export type Report<F extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> = ReportNeeds & {
	name: string;
	/** Query-string filters, parsed strictly (unknown keys → 400). */
	filters: F;
	run(db: Knex, viewer: Viewer, filters: z.infer<F>): Promise<O>;
};

export const defineReport = <F extends z.ZodTypeAny, O>(r: Report<F, O>) => r;

/** What a report answers (the panels read it with this type). */
export type ReportData<R> = R extends Report<z.ZodTypeAny, infer O> ? O : never;

/** 'YYYY-MM' → the first day of that month shifted by `offset` months. */
export function monthStart(month: string, offset = 0): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const d = new Date(Date.UTC(y, m - 1 + offset, 1));
	return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
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

/** A user's display name (Chinese order: family name first); null for nobody. */
export const personName = (u: { first_name?: string | null; last_name?: string | null; email?: string | null } | undefined) =>
	u ? fullName(u) : null;

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
