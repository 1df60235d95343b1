// Shape checks on what a user writes through the items API, before any rule reads the payload.
// Directus drops unknown fields silently, stores any text in a pick-one field, hands a malformed
// id or date to the database (a 500, or a foreign-key error that names no field on SQLite): each
// is refused here as 400 INVALID_PAYLOAD naming the field and the value.
import { epochDay } from '../domain/dates';
import { invalid } from '../domain/errors';
import { isId, MAX_ID, zScaled } from '../domain/money';
import type { RuleContext } from './context';
import { CHOICES, DECIMALS, MAX_LENGTH } from './model';
import { memoized } from './memo';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value for a message: short, whatever was sent (a 2 MB string is not echoed back). */
export const shown = (v: unknown) => {
	const s = JSON.stringify(v) ?? String(v);
	return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

/**
 * The answer to a reference naming no row the caller may use: the same whether the row is missing or
 * belongs to someone the caller may not see, so it reveals neither the row nor its existence.
 */
export const noSuchRow = (related: string, key: unknown, field: string) =>
	invalid(field, `${field}: ${related} ${shown(key)} does not exist or is not yours to use`);

/** The rows a nested one-to-many value of a payload brings: Directus takes a list or { create, update, delete }. */
export const nestedRows = (value: unknown): Record<string, unknown>[] =>
	(Array.isArray(value) ? value : value && typeof value === 'object' ? ((value as { create?: unknown[] }).create ?? []) : []) as Record<
		string,
		unknown
	>[];

/** Fields the collection does not have are refused, not ignored. */
function assertKnownFields(ctx: RuleContext, collection: string, payload: Record<string, unknown>): void {
	const fields = ctx.schema?.collections?.[collection]?.fields;
	if (!fields) return;
	const aliases = new Set(
		ctx.schema.relations.filter((r) => r.related_collection === collection && r.meta?.one_field).map((r) => r.meta!.one_field!),
	);
	const unknown = Object.keys(payload).filter((f) => !(f in fields) && !aliases.has(f));
	if (unknown.length) throw invalid(unknown[0]!, `${collection} has no field ${unknown.join(', ')}`);
}

/** A many-to-one value is a key of an existing row of the related collection (or a nested object, or null). */
async function assertReferences(ctx: RuleContext, collection: string, payload: Record<string, unknown>): Promise<void> {
	for (const r of ctx.schema?.relations ?? []) {
		if (r.collection !== collection || !r.related_collection || !(r.field in payload)) continue;
		const v = payload[r.field];
		if (v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v))) continue;
		const related = ctx.schema.collections[r.related_collection];
		if (!related) continue;
		const pkType = related.fields[related.primary]?.type;
		const ok =
			pkType === 'integer'
				? isId(v)
				: pkType === 'uuid'
					? typeof v === 'string' && UUID.test(v)
					: typeof v === 'string' || typeof v === 'number';
		if (!ok) throw invalid(r.field, `${collection}.${r.field} must be the id of a ${r.related_collection} row, got ${shown(v)}`);
		// Whole rows, memoised like the rules' own reads (a line's product is read once per transaction).
		const row = await memoized(ctx.db, `${r.related_collection}:${v}`, () =>
			ctx
				.db(r.related_collection!)
				.where({ [related.primary]: v })
				.first(),
		);
		if (!row) throw noSuchRow(r.related_collection, v, r.field);
	}
}

/** A pick-one field holds one of its choices. */
function assertChoices(collection: string, payload: Record<string, unknown>): void {
	for (const [field, { values, nullable }] of Object.entries(CHOICES[collection] ?? {})) {
		if (!(field in payload) || (payload[field] === null && nullable)) continue;
		if (!values.includes(payload[field] as string))
			throw invalid(field, `${collection}.${field} must be one of ${values.join(', ')}, got ${shown(payload[field])}`);
	}
}

/** Text is text and fits its column; dates are dates. */
function assertScalars(ctx: RuleContext, collection: string, payload: Record<string, unknown>): void {
	const limits = MAX_LENGTH[collection] ?? {};
	const decimals = DECIMALS[collection] ?? {};
	const overview = ctx.schema?.collections?.[collection];
	// Keys and references are checked as such (a reference may be a nested object).
	const skip = new Set([
		overview?.primary,
		...(ctx.schema?.relations ?? []).filter((r) => r.collection === collection).map((r) => r.field),
	]);
	for (const [field, v] of Object.entries(payload)) {
		if (v === null || v === undefined || skip.has(field)) continue;
		const limit = limits[field];
		if (limit !== undefined) {
			if (typeof v !== 'string') throw invalid(field, `${collection}.${field} must be text, got ${shown(v)}`);
			if (v.length > limit) throw invalid(field, `${collection}.${field} is longer than ${limit} characters (got ${v.length})`);
		}
		const type = overview?.fields[field]?.type;
		if (decimals[field]) {
			// Whatever the column holds: a decimal with at most its scale of decimals and its precision of digits.
			const { precision, scale } = decimals[field]!;
			const max = 10n ** BigInt(precision) - 1n;
			const parsed = zScaled(scale, field, (n) =>
				n > max || n < -max ? `${field} is out of range (at most ${precision - scale} digits before the point), got ${shown(v)}` : null,
			).safeParse(v);
			if (!parsed.success) throw invalid(field, `${collection}.${field}: ${parsed.error.issues[0]!.message}`);
		} else if (type === 'integer' || type === 'bigInteger') {
			const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,10}$/.test(v.trim()) ? Number(v) : NaN;
			if (!Number.isInteger(n) || Math.abs(n) > MAX_ID)
				throw invalid(field, `${collection}.${field} must be a whole number, got ${shown(v)}`);
		} else if (type === 'date') {
			if (typeof v !== 'string') throw invalid(field, `${collection}.${field} must be a date YYYY-MM-DD, got ${shown(v)}`);
			epochDay(v, field);
		} else if ((type === 'timestamp' || type === 'dateTime') && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) {
			throw invalid(field, `${collection}.${field} must be a date and time (ISO 8601), got ${shown(v)}`);
		}
	}
}

/** Every shape check on one record a user writes (create or update); our own system writes are trusted. */
export async function assertWritable(ctx: RuleContext, collection: string, payload: Record<string, unknown>): Promise<void> {
	if (ctx.actor.system) return;
	assertKnownFields(ctx, collection, payload);
	assertChoices(collection, payload);
	assertScalars(ctx, collection, payload);
	await assertReferences(ctx, collection, payload);
}
