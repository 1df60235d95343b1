// How big and how deep a request may be. Directus parses any JSON it is sent and then walks it
// recursively: a 5,000-deep body overflows the stack, 100,000 keys in a batch or an `_in` list
// become that many SQL variables (SQLite and PostgreSQL refuse them), and each ends as a 500.
// These limits are far beyond what the data app, the panels or the setup step send.

export const REQUEST_LIMITS = {
	/** Objects and arrays inside one another. */
	depth: 32,
	/** Keys of one object or items of one array. */
	entries: 5_000,
	/** Values of one `_in` / `_nin` filter. */
	listValues: 1_000,
} as const;

export type RequestLimits = { [K in keyof typeof REQUEST_LIMITS]: number };

/** What is wrong with a value: where (a dotted path) and the message naming the numbers. */
export type Excess = { path: string; message: string };

const LIST_OPERATORS = new Set(['_in', '_nin']);

/** Entries of a list operator's value: an array, or Directus' comma-separated form. */
const listSize = (v: unknown): number => (Array.isArray(v) ? v.length : typeof v === 'string' ? v.split(',').length : 0);

const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first place where `value` goes beyond `limits`, or null. Stops descending at the depth limit,
 * so even a body nested millions deep costs at most `depth` frames.
 */
export function excessOf(value: unknown, limits: RequestLimits = REQUEST_LIMITS, name = 'body'): Excess | null {
	const walk = (v: unknown, path: string, depth: number): Excess | null => {
		if (v === null || typeof v !== 'object') return null;
		if (depth > limits.depth)
			return { path, message: `${name} is nested ${depth} levels deep at ${path || name}, more than ${limits.depth}` };
		const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
		if (entries.length > limits.entries)
			return { path, message: `${path || name} has ${entries.length} entries, more than ${limits.entries}` };
		for (const [key, child] of entries) {
			if (typeof key === 'string' && LIST_OPERATORS.has(key) && listSize(child) > limits.listValues) {
				const where = at(path, key);
				return { path: where, message: `${where} lists ${listSize(child)} values, more than ${limits.listValues}` };
			}
			const found = walk(child, at(path, key), depth + 1);
			if (found) return found;
		}
		return null;
	};
	return walk(value, '', 1);
}

/** Does the excess concern a filter list (a query problem) rather than the shape of the body? */
export const isListExcess = (e: Excess) => /(^|\.)_n?in$/.test(e.path);

/**
 * The excess of a query string: its parameters as parsed (`filter[id][_in]=…`) and the JSON text
 * Directus accepts in `filter`, `deep`, `aggregate`, `alias` (`filter={"id":{"_in":[…]}}`).
 */
export function queryExcessOf(query: Record<string, unknown>, limits: RequestLimits = REQUEST_LIMITS): Excess | null {
	const parsed: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(query)) parsed[key] = typeof value === 'string' ? jsonOrText(value) : value;
	return excessOf(parsed, limits, 'query');
}

function jsonOrText(text: string): unknown {
	const t = text.trim();
	if (!t.startsWith('{') && !t.startsWith('[')) return text;
	try {
		return JSON.parse(t);
	} catch {
		return text; // Directus answers malformed JSON itself (400 INVALID_QUERY)
	}
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** MAX_PAYLOAD_SIZE as Directus (body-parser) reads it: bytes, or "10mb", "512kb", "1.5gb". */
export function byteSize(setting: string | number): number {
	if (typeof setting === 'number') return setting;
	const m = setting
		.trim()
		.toLowerCase()
		.match(/^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/);
	if (!m) throw new Error(`MAX_PAYLOAD_SIZE must be a size such as 10mb, got ${JSON.stringify(setting)}`);
	return Math.floor(Number(m[1]) * UNITS[m[2] ?? 'b']!);
}
