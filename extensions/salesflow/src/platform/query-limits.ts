// What one read may cost. Directus itself caps relational depth (MAX_RELATIONAL_DEPTH, 3 in our
// configuration: `fields=*.*.*.*.*.*.*.*.*` on four orders took 90 s). Here, on every item read:
// staff read at most SALESFLOW_STAFF_QUERY_LIMIT_MAX rows per query and per nested list (`limit=-1`
// means that many; administrators keep `-1`), and grouping by a related field — which Directus
// turns into invalid SQL, a 500 — is refused as a bad query.
// Salesflow's own reads with the caller's permission that must see every row (which of these keys
// may they touch, which delivery notes are left to invoice) run inside `readingAll`.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Accountability, SchemaOverview } from '@directus/types';
import { DomainError } from '../domain/errors';
import { LIMIT_STATUS } from './errors';

export const STAFF_QUERY_LIMIT_MAX = 1_000;

type Deep = { [key: string]: unknown };
export type LimitedQuery = { limit?: number | null; group?: string[] | null; deep?: Deep | null };

const all = new AsyncLocalStorage<true>();

/** Runs `read` without the staff cap: for Salesflow's own reads, never for what a client asked. */
export const readingAll = <T>(read: () => Promise<T>): Promise<T> => all.run(true, read);

const capped = (limit: unknown, max: number) => (limit === -1 || (typeof limit === 'number' && limit > max) ? max : limit);

/** `deep` with every nested `_limit` capped (`deep[lines][_limit]=-1`, at any depth). */
function capDeep(deep: Deep, max: number): Deep {
	return Object.fromEntries(
		Object.entries(deep).map(([k, v]) => {
			if (k === '_limit') return [k, capped(v, max)];
			if (!k.startsWith('_') && v !== null && typeof v === 'object' && !Array.isArray(v)) return [k, capDeep(v as Deep, max)];
			return [k, v];
		}),
	);
}

/** The field a group-by names: `customer`, or the field of a function such as `year(order_date)`. */
const groupedField = (g: string) => g.match(/^\w+\((.+)\)$/)?.[1] ?? g;

/**
 * The query as it may run (pure: what the unit tests exercise). `isColumn` tells whether a field is
 * a column of the collection (a relation's own key is; a list of related rows is not). `max` is the
 * staff cap, null for an administrator or Salesflow's own reads.
 */
export function limitQuery<Q extends LimitedQuery>(
	query: Q,
	collection: string,
	isColumn: (field: string) => boolean,
	max: number | null,
): Q {
	for (const g of query.group ?? []) {
		const field = groupedField(g);
		if (field.includes('.') || !isColumn(field))
			throw new DomainError(
				'INVALID_QUERY',
				`Cannot group ${collection} by ${g}: group by a field of ${collection} itself (a relation by its key, e.g. customer)`,
				LIMIT_STATUS.INVALID_QUERY,
				{ field: g },
			);
	}
	if (max === null) return query;
	return { ...query, limit: capped(query.limit, max), ...(query.deep ? { deep: capDeep(query.deep, max) } : {}) };
}

/** The staff cap from SALESFLOW_STAFF_QUERY_LIMIT_MAX (a positive whole number; default 1,000). */
export function staffLimitMax(setting: unknown): number {
	if (setting === undefined || setting === null || setting === '') return STAFF_QUERY_LIMIT_MAX;
	const n = Number(setting);
	if (!Number.isInteger(n) || n < 1)
		throw new Error(`SALESFLOW_STAFF_QUERY_LIMIT_MAX must be a positive whole number, got ${JSON.stringify(setting)}`);
	return n;
}

/** limitQuery for a read through Directus: administrators and Salesflow itself are not capped. */
export function limitRead<Q extends LimitedQuery>(
	query: Q,
	collection: string,
	schema: SchemaOverview,
	accountability: Accountability | null | undefined,
	max: number,
): Q {
	const fields = schema.collections[collection]?.fields ?? {};
	const isColumn = (f: string) => fields[f] !== undefined && fields[f]!.type !== 'alias';
	// Directus' own lookups (the keys of an update by query) run with no accountability at all.
	const staff = !!accountability && !accountability.admin && !all.getStore();
	return limitQuery(query, collection, isColumn, staff ? max : null);
}
