// What the hooks need to know about the schema, derived from schema/ (the single source):
// which fields are computed (read-only), which collections are documents, and lines' parents.
import { COLLECTIONS } from '../../../../schema/index';

const byName = new Map(COLLECTIONS.map((c) => [c.collection, c]));

/**
 * Fields only the server writes: generated numbers, totals, rollups, snapshots. Not the status: read-only
 * in forms (the document's actions move it), it is written through the status door and its table's rules.
 */
export const COMPUTED_FIELDS: Record<string, Set<string>> = Object.fromEntries(
	COLLECTIONS.map((c) => [
		c.collection,
		new Set(
			c.fields
				.filter(
					(f) =>
						f.readonly &&
						f.type !== 'alias' &&
						f.field !== 'status' &&
						!f.special?.some((s) => s.startsWith('date-') || s.startsWith('user-')),
				)
				.map((f) => f.field),
		),
	]),
);

/** Audit stamps (created/updated by and at): Directus writes them, nobody else (administrators aside). */
export const AUDIT_FIELDS: Record<string, Set<string>> = Object.fromEntries(
	COLLECTIONS.map((c) => [
		c.collection,
		new Set(c.fields.filter((f) => f.special?.some((s) => /^(date|user)-(created|updated)$/.test(s))).map((f) => f.field)),
	]),
);

/** Many-to-one fields → the collection they point at (customer → customers, signed_scan → directus_files…). */
export const REFERENCES: Record<string, Record<string, string>> = Object.fromEntries(
	COLLECTIONS.map((c) => [c.collection, Object.fromEntries(c.fields.filter((f) => f.m2o).map((f) => [f.field, f.m2o!.related]))]),
);

/** Collections with a generated `number` (documents). */
export const NUMBERED = new Set(COLLECTIONS.filter((c) => c.fields.some((f) => f.field === 'number')).map((c) => c.collection));

/** Collections with a status field. */
export const WITH_STATUS = new Set(COLLECTIONS.filter((c) => c.fields.some((f) => f.field === 'status')).map((c) => c.collection));

/** Collections with an owner field. */
export const OWNED = new Set(COLLECTIONS.filter((c) => c.fields.some((f) => f.field === 'owner')).map((c) => c.collection));

/** line collection → { parent collection, fk field } for every owned one-to-many (`lines`, `changes`). */
export const LINE_PARENTS: Record<string, { parent: string; fk: string; alias: string }> = Object.fromEntries(
	COLLECTIONS.flatMap((c) =>
		c.fields
			.filter((f) => f.o2m?.ownsRows && byName.get(f.o2m.related)?.fields.find((x) => x.field === f.o2m!.fk))
			.map((f) => [f.o2m!.related, { parent: c.collection, fk: f.o2m!.fk, alias: f.field }]),
	).filter(([line]) => line !== 'contacts'),
);

/** parent collection → its line collection */
export const LINES_OF: Record<string, { collection: string; fk: string }> = Object.fromEntries(
	Object.entries(LINE_PARENTS).map(([line, p]) => [p.parent, { collection: line, fk: p.fk }]),
);

/** Writable pick-one fields (not status, which moves through transitions) → their allowed values and whether null is allowed. */
export const CHOICES: Record<string, Record<string, { values: string[]; nullable: boolean }>> = Object.fromEntries(
	COLLECTIONS.map((c) => [
		c.collection,
		Object.fromEntries(
			c.fields
				.filter((f) => f.type === 'string' && f.interface === 'select-dropdown' && f.choices?.length && f.field !== 'status' && !f.readonly)
				.map((f) => [f.field, { values: f.choices!.map((x) => String(x.value)), nullable: !f.required }]),
		),
	]),
);

/** Longest text a field takes: varchar length for strings (as apply-schema creates them), a cap for long text. */
export const TEXT_LIMIT = 20_000;
export const MAX_LENGTH: Record<string, Record<string, number>> = Object.fromEntries(
	COLLECTIONS.map((c) => [
		c.collection,
		Object.fromEntries(
			c.fields
				.filter((f) => f.type === 'string' || f.type === 'text')
				.map((f) => [f.field, f.type === 'string' ? (f.length ?? 255) : TEXT_LIMIT]),
		),
	]),
);

/** Decimal fields → their precision and scale, as apply-schema creates them. */
export const DECIMALS: Record<string, Record<string, { precision: number; scale: number }>> = Object.fromEntries(
	COLLECTIONS.map((c) => [
		c.collection,
		Object.fromEntries(
			c.fields.filter((f) => f.type === 'decimal').map((f) => [f.field, { precision: f.precision ?? 10, scale: f.scale ?? 0 }]),
		),
	]),
);

/** The zh-CN label of a choice (a status, an invoice type) as the data app shows it; undefined when there is none. */
export function choiceLabel(collection: string, field: string, value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	return byName
		.get(collection)
		?.fields.find((f) => f.field === field)
		?.choices?.find((c) => c.value === value)?.label.zh;
}
