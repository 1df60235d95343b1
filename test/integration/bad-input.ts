// A small table-driven generator of bad input: from a valid base payload and a map
// field path → kinds of bad values, it produces named cases ("lines.0.quantity: negative").
// Paths use dots; a numeric segment indexes an array. Pure: no Directus needed.

/** Marks a field to be removed from the payload rather than set. */
export const MISSING = Symbol('missing');

const BIG = 'x'.repeat(2 * 1024 * 1024); // a 2 MB string

/** Every kind of bad value, by name. JSON has no NaN/Infinity, so those travel as text. */
export const BAD = {
	negative: '-5',
	'negative-number': -1,
	zero: '0',
	'zero-number': 0,
	huge: '99999999999999999999',
	'huge-number': 1e20,
	'NaN-string': 'NaN',
	'Infinity-string': 'Infinity',
	abc: 'abc',
	'1e309': '1e309',
	'thousands-separator': '1,000.00',
	fullwidth: '０１',
	'too-many-decimals': '1.0001',
	empty: '',
	whitespace: '   ',
	null: null,
	missing: MISSING,
	boolean: true,
	object: { value: 1 },
	array: [1],
	sql: '1; drop table customers;--',
	'sql-or': "' or 1=1 --",
	'2MB-string': BIG,
	'5000-array': Array.from({ length: 5000 }, (_, i) => i + 1),
	'unknown-id': 999999999,
	'big-id': 99999999999, // beyond a PostgreSQL integer
	'zero-id': 0,
	'negative-id': -3,
	'float-id': 1.5,
} as const;

export type BadKind = keyof typeof BAD;

/** Kinds for a decimal quantity or amount that must be > 0. */
export const POSITIVE_DECIMAL: BadKind[] = [
	'negative',
	'zero',
	'huge',
	'NaN-string',
	'Infinity-string',
	'abc',
	'1e309',
	'thousands-separator',
	'fullwidth',
	'too-many-decimals',
	'empty',
	'boolean',
	'object',
	'sql',
];
/** The same sent as JSON numbers rather than text (they take another path through the parsers). */
export const AS_NUMBERS: BadKind[] = ['negative-number', 'zero-number', 'huge-number'];
/** Kinds for a reference to another row. */
export const ID: BadKind[] = ['abc', 'unknown-id', 'big-id', 'zero-id', 'negative-id', 'float-id', 'boolean', 'sql-or', 'empty'];
/** Kinds for a query-string id (everything is text there). */
export const ID_TEXT: BadKind[] = ['abc', 'negative', 'zero', 'huge', '1e309', 'fullwidth', 'sql', 'sql-or', 'empty'];
/** Kinds for a required free-text field. */
export const TEXT: BadKind[] = ['missing', 'null', 'empty', 'whitespace', 'boolean', 'object', '2MB-string'];

export type BadCase = { name: string; field: string; kind: BadKind; body: any };

const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** The payload with `path` set to `value` (or removed for MISSING); the base is not changed. */
export function withValue(base: unknown, path: string, value: unknown): any {
	const out: any = clone(base) ?? {};
	const keys = path.split('.');
	let at = out;
	for (const k of keys.slice(0, -1)) at = at[k];
	const last = keys[keys.length - 1]!;
	if (value === MISSING) {
		if (Array.isArray(at)) at.splice(Number(last), 1);
		else delete at[last];
	} else at[last] = value;
	return out;
}

/** Named bad cases: one per (field, kind), each the base payload with that one field spoiled. */
export function badCases(base: unknown, fields: Record<string, readonly BadKind[]>): BadCase[] {
	return Object.entries(fields).flatMap(([field, kinds]) =>
		kinds.map((kind) => ({ name: `${field}: ${kind}`, field, kind, body: withValue(base, field, BAD[kind]) })),
	);
}

/** Extra fields a strict schema must refuse (or a collection does not have). */
export const extraField = (base: Record<string, unknown>) => ({ ...base, unexpected_field: 'x' });
