import type { Knex } from 'knex';
import { computeDocument } from '../domain/document-totals';
import { LINES_OF } from '../lib/model';

/** Collections whose document totals are the sums of their priced lines. */
export const TOTALLED = ['quotes', 'sales_orders'];

/** Recomputes a document's totals from its lines (exact decimals), written with knex. */
export async function recomputeTotals(db: Knex, collection: string, id: number | string): Promise<void> {
	if (!TOTALLED.includes(collection)) return;
	const lines = LINES_OF[collection]!;
	const rows = await db(lines.collection).where(lines.fk, id).select('quantity', 'unit_price', 'tax_rate');
	const doc = computeDocument(rows.map((r) => ({ quantity: r.quantity ?? 0, unit_price: r.unit_price ?? 0, tax_rate: r.tax_rate ?? 0 })));
	await db(collection).where({ id }).update({ total: doc.total, amount_excl: doc.amount_excl, tax: doc.tax });
}
