// Document totals: the exact sums of their priced lines (domain/document-totals.ts), recomputed in the
// transaction that wrote the lines and fixed from the lines as submitted.
import type { Knex } from 'knex';
import { computeDocument } from '../domain/document-totals';
import { beforeCommit } from '../platform/before-commit';
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

/**
 * Recomputes a document's totals inside the transaction that wrote its lines, once, after the last of
 * them: the document commits with totals that match its lines (no stale window, no crash gap).
 */
export const recomputeTotalsBeforeCommit = (db: Knex, documents: Documents, collection: string, id: Id): Promise<void> =>
	beforeCommit(db, `totals:${collection}:${id}`, (trx) => recomputeTotals(trx, documents.document(collection), id));
