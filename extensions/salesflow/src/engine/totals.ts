// Document totals: the exact sums of their priced lines (domain/document-totals.ts), recomputed after
// line writes commit and fixed from the lines as submitted.
import type { Knex } from 'knex';
import { computeDocument } from '../domain/document-totals';
import type { Row } from '../platform/database';
import type { Documents, DocumentType, Id } from './document-type';

/**
 * Recomputes a document's totals from its lines (exact decimals), written with knex. Returns the
 * fields written with the number of lines, or null when the document has no totals.
 */
export async function recomputeTotals(db: Knex, type: DocumentType | undefined, id: Id): Promise<(Row & { lines: number }) | null> {
	if (!type?.totals) return null;
	const rows = await type.totals(db, id);
	const doc = computeDocument(rows.map((r) => ({ quantity: r.quantity ?? 0, unit_price: r.unit_price ?? 0, tax_rate: r.tax_rate ?? 0 })));
	const amounts = { total: doc.total, amount_excl: doc.amount_excl, tax: doc.tax };
	const totals = type.totalsInto ? type.totalsInto(amounts, rows.length) : amounts;
	if (Object.keys(totals).length) await db(type.collection).where({ id }).update(totals);
	return { ...totals, lines: rows.length };
}

const queued = new Map<string, Promise<void>>();

/**
 * Recomputes after a commit, coalescing the burst of after-commit events a nested update fires
 * (500 changed lines emit 500 line events at once): one recompute reads every committed line, so
 * the others join it instead of each re-reading the whole document (quadratic in its lines). The
 * entry leaves the queue before reading, so a write committed later schedules a fresh recompute.
 */
export function recomputeTotalsSoon(db: Knex, documents: Documents, collection: string, id: Id): Promise<void> {
	const key = `${collection}:${id}`;
	const pending = queued.get(key);
	if (pending !== undefined) return pending;
	const run = (async () => {
		await new Promise((resolve) => setImmediate(resolve)); // let the rest of the burst find this entry
		queued.delete(key);
		await recomputeTotals(db, documents.document(collection), id);
	})();
	queued.set(key, run);
	return run;
}
