// Filters see what reads see. Directus applies a role's row permissions to the rows it returns and to
// `_some`/`_none` sub-queries, but a filter that walks a many-to-one relation (an order's contract,
// that contract's customer…) joins the related rows unfiltered: a yes/no filter such as
// `filter[contract][customer][name][_starts_with]=深` would read another rep's contract letter by
// letter. So before a query runs, every relational step of its filter is joined with the caller's
// read permission on the related collection, a one-to-many step becomes a `_some` sub-query (which
// Directus scopes itself), and a field the caller may read only on some rows (a product manager's
// cost of their own products) is filtered, sorted and aggregated on those rows only.
// Directus reads a relational filter by its first key, so every object this builds has one key and
// conjunctions and alternatives are spelled out with `_and`/`_or`.
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';

type Filter = Record<string, unknown>;
/** One read permission of the caller: its row filter (null: every row) and its fields. */
export type ReadRule = { filter: Filter | null; fields: Set<string> };
export type Rules = Map<string, ReadRule[]>;

const isObject = (v: unknown): v is Filter => v !== null && typeof v === 'object' && !Array.isArray(v);
const LOGICAL = new Set(['_and', '_or']);
/** A value that compares the field itself (`{ _eq: 3 }`, `{ _null: true }`) rather than walking into a relation. */
const isComparison = (v: unknown) =>
	!isObject(v) || Object.keys(v).every((k) => k.startsWith('_') && !LOGICAL.has(k) && k !== '_some' && k !== '_none');

const CACHE_MS = 10_000;
// Settled rules only: a pending read shared across requests would make a transaction holding
// SQLite's one connection wait for another request's read that waits for that connection.
const cache = new Map<string, { at: number; rules: Rules }>();

/** Replaces Directus' dynamic variables in a permission filter with the caller's values. */
function resolveVariables(value: unknown, accountability: Accountability): unknown {
	if (value === '$CURRENT_USER') return accountability.user;
	if (value === '$CURRENT_ROLE') return accountability.role;
	if (value === '$CURRENT_ROLES') return accountability.roles;
	if (Array.isArray(value)) return value.map((v) => resolveVariables(v, accountability));
	if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveVariables(v, accountability)]));
	return value;
}

/** The caller's read permissions per collection, from the policies of their roles and their own. */
async function readRules(db: Knex, accountability: Accountability): Promise<Rules> {
	const roles = [...new Set([accountability.role, ...(accountability.roles ?? [])].filter((r): r is string => Boolean(r)))];
	const policies = await db('directus_access')
		.where((q) => {
			q.whereIn('role', roles.length ? roles : ['']);
			if (accountability.user) q.orWhere('user', accountability.user);
		})
		.pluck('policy');
	const rows = await db('directus_permissions')
		.whereIn('policy', policies.length ? policies : [''])
		.where('action', 'read')
		.select('collection', 'permissions', 'fields');
	const rules: Rules = new Map();
	for (const row of rows) {
		// Directus stores the filter as JSON text and the fields as comma-separated text.
		const filter = (typeof row.permissions === 'string' ? JSON.parse(row.permissions) : row.permissions) as Filter | null;
		const fields = row.fields as string[] | string | null;
		const list = rules.get(row.collection) ?? [];
		list.push({
			filter: filter && Object.keys(filter).length ? (resolveVariables(filter, accountability) as Filter) : null,
			fields: new Set(Array.isArray(fields) ? fields : typeof fields === 'string' ? fields.split(',') : []),
		});
		rules.set(row.collection, list);
	}
	// Directus' app-access minimum (not stored as a permission): every user reads their own record in full,
	// colleagues only as far as our policies allow (domain/colleague-fields.ts).
	if (accountability.app && accountability.user) {
		const users = rules.get('directus_users') ?? [];
		users.push({ filter: { id: { _eq: accountability.user } }, fields: new Set(['*']) });
		rules.set('directus_users', users);
	}
	return rules;
}

async function rulesOf(db: Knex, accountability: Accountability): Promise<Rules> {
	const key = `${accountability.user}|${accountability.role}|${(accountability.roles ?? []).join(',')}`;
	const hit = cache.get(key);
	if (hit && Date.now() - hit.at < CACHE_MS) return hit.rules;
	const rules = await readRules(db, accountability);
	cache.set(key, { at: Date.now(), rules });
	return rules;
}

/** The rows of `list` as one filter: null when one of them is every row. */
function anyOf(list: ReadRule[]): Filter | null {
	if (list.some((r) => r.filter === null)) return null;
	return list.length === 1 ? list[0]!.filter : { _or: list.map((r) => r.filter) };
}

/** The rows of `collection` the caller reads (null: all, or none at all — Directus refuses that itself). */
const rowsOf = (rules: Rules, collection: string): Filter | null => {
	const list = rules.get(collection);
	return list?.length ? anyOf(list) : null;
};

/** The rows on which the caller reads `field`, when that is fewer than the rows they read. */
function fieldRowsOf(rules: Rules, collection: string, field: string): Filter | null {
	const list = rules.get(collection) ?? [];
	const reading = list.filter((r) => r.fields.has('*') || r.fields.has(field));
	if (!reading.length || reading.length === list.length) return null;
	return anyOf(reading);
}

/**
 * The same filter as Directus reads relational filters — by the first key of each object: sibling keys
 * become `_and`, and `_and`/`_or` inside a many-to-one step move out of it (the related row is one row,
 * so "its customer is A and its owner is B" is "its customer is A" and "its owner is B").
 */
function normalize(filter: Filter): Filter {
	const keys = Object.keys(filter);
	if (keys.length > 1) return { _and: keys.map((k) => normalize({ [k]: filter[k] })) };
	const [key] = keys;
	if (key === undefined) return filter;
	const value = filter[key];
	if (key === '_and' || key === '_or') return Array.isArray(value) ? { [key]: value.map((f) => (isObject(f) ? normalize(f) : f)) } : filter;
	if (key.startsWith('_') || isComparison(value)) return filter;
	const v = value as Filter;
	if ('_some' in v || '_none' in v) {
		const op = '_some' in v ? '_some' : '_none';
		return { [key]: { [op]: isObject(v[op]) ? normalize(v[op]) : v[op] } };
	}
	return within(key, normalize(v));
}

/** `{ field: filter }` for a normalized filter, with its `_and`/`_or` kept outside the step. */
function within(field: string, filter: Filter): Filter {
	const [key] = Object.keys(filter);
	if (key === '_and' || key === '_or') return { [key]: (filter[key] as Filter[]).map((f) => within(field, f)) };
	return { [field]: filter };
}

/** The filter rewritten so that each relational step and each partly readable field sees only what the caller reads. */
function scoped(filter: Filter, collection: string, rules: Rules, schema: Pick<SchemaOverview, 'relations'>): Filter {
	const keys = Object.keys(filter);
	if (keys.length > 1) return { _and: keys.map((k) => scoped({ [k]: filter[k] }, collection, rules, schema)) };
	const [key] = keys;
	if (key === undefined) return filter;
	const value = filter[key];
	if (key === '_and' || key === '_or') {
		return Array.isArray(value) ? { [key]: value.map((f) => (isObject(f) ? scoped(f, collection, rules, schema) : f)) } : filter;
	}
	if (key.startsWith('_')) return filter;
	const field = key.match(/^\w+\((\w+)\)$/)?.[1] ?? key;
	const guard = fieldRowsOf(rules, collection, field);
	let out: Filter = filter;
	if (!isComparison(value) && field === key) {
		const m2o = schema.relations.find((r) => r.collection === collection && r.field === field && r.related_collection);
		const o2m = schema.relations.find((r) => r.related_collection === collection && r.meta?.one_field === field);
		if (m2o?.related_collection) {
			const inner = scoped(value as Filter, m2o.related_collection, rules, schema);
			const rows = rowsOf(rules, m2o.related_collection);
			out = { [key]: rows ? { _and: [inner, rows] } : inner };
		} else if (o2m) {
			// A step into many rows is a sub-query, which Directus scopes by the caller's permissions itself.
			const v = value as Filter;
			const op = '_none' in v ? '_none' : '_some';
			const inner = (op in v ? v[op] : v) as Filter;
			out = { [key]: { [op]: scoped(inner, o2m.collection, rules, schema) } };
		}
	}
	return guard ? { _and: [out, guard] } : out;
}

export type ScopedQuery = {
	filter?: Filter | null;
	sort?: string[] | null;
	aggregate?: Record<string, string[]> | null;
	group?: string[] | null;
};

/**
 * The query as the caller may run it (see the header). Administrators and Salesflow's own reads pass
 * unchanged.
 */
export async function scopeQuery<Q extends ScopedQuery>(
	query: Q,
	collection: string,
	db: Knex,
	schema: SchemaOverview,
	accountability: Accountability | null,
): Promise<Q & ScopedQuery> {
	if (!accountability || accountability.admin || !accountability.user) return query;
	return scopeQueryWith(query, collection, await rulesOf(db, accountability), schema);
}

/** scopeQuery with the caller's read permissions at hand (pure: what the unit tests exercise). */
export function scopeQueryWith<Q extends ScopedQuery>(
	query: Q,
	collection: string,
	rules: Rules,
	schema: Pick<SchemaOverview, 'relations'>,
): Q & ScopedQuery {
	const conditions: Filter[] = [];
	if (isObject(query.filter) && Object.keys(query.filter).length)
		conditions.push(normalize(scoped(query.filter, collection, rules, schema)));
	// Sorting, grouping or aggregating on a partly readable field is done over the rows where it is readable.
	const touched = [
		...(query.sort ?? []).map((s) => s.replace(/^-/, '')),
		...(query.group ?? []),
		...Object.values(query.aggregate ?? {}).flat(),
	].filter((f) => !f.includes('.'));
	for (const field of new Set(touched)) {
		const guard = fieldRowsOf(rules, collection, field);
		if (guard) conditions.push(normalize(guard));
	}
	if (!conditions.length) return query;
	return { ...query, filter: conditions.length === 1 ? conditions[0] : { _and: conditions } };
}
