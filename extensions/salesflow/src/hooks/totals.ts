import type { Knex } from 'knex';
import { computeDocument } from '../domain/document-totals';

type PricedLine = { quantity: unknown; unit_price: unknown; tax_rate: unknown };

/** Where each totalled document finds its priced lines (tax-inclusive unit price and rate). */
const LINE_SOURCES: Record<string, (db: Knex, id: number | string) => Promise<PricedLine[]>> = {
	quotes: (db, id) => db('quote_lines').where({ quote: id }).select('quantity', 'unit_price', 'tax_rate'),
	sales_orders: (db, id) => db('sales_order_lines').where({ order: id }).select('quantity', 'unit_price', 'tax_rate'),
	return_requests: (db, id) =>
		db('return_request_lines as l')
			.join('shipment_lines as s', 's.id', 'l.shipment_line')
			.where('l.request', id)
			.select('l.quantity', 'l.unit_price', 's.tax_rate'),
};

/** Documents whose totals are the exact sums of their lines. */
export const TOTALLED = Object.keys(LINE_SOURCES);

export type Totals = { total: string; amount_excl: string; tax: string };

/**
 * Recomputes a document's totals from its lines (exact decimals), written with knex. Returns them
 * with the number of lines, or null when the collection has no totals.
 */
export async function recomputeTotals(db: Knex, collection: string, id: number | string): Promise<(Totals & { lines: number }) | null> {
	const source = LINE_SOURCES[collection];
	if (!source) return null;
	const rows = await source(db, id);
	const doc = computeDocument(
		rows.map((r: any) => ({ quantity: r.quantity ?? 0, unit_price: r.unit_price ?? 0, tax_rate: r.tax_rate ?? 0 })),
	);
	const totals = { total: doc.total, amount_excl: doc.amount_excl, tax: doc.tax };
	await db(collection).where({ id }).update(totals);
	return { ...totals, lines: rows.length };
}

const queued = new Map<string, Promise<void>>();

/**
 * Recomputes after a commit, coalescing the burst of after-commit events a nested create fires
 * (a 500-line order emits 500 line events at once): one recompute reads every committed line, so
 * the others join it instead of each re-reading the whole document (quadratic in its lines). The
 * entry leaves the queue before reading, so a write committed later schedules a fresh recompute.
 */
export function recomputeTotalsSoon(db: Knex, collection: string, id: number | string): Promise<void> {
	const key = `${collection}:${id}`;
	const pending = queued.get(key);
	if (pending !== undefined) return pending;
	const run = (async () => {
		await new Promise((resolve) => setImmediate(resolve)); // let the rest of the burst find this entry
		queued.delete(key);
		await recomputeTotals(db, collection, id);
	})();
	queued.set(key, run);
	return run;
}
