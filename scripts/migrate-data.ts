// Stored values an earlier version wrote that the current schema reads differently, brought along by
// the ensure step. Idempotent: a second run finds nothing left to change.
import type { Knex } from 'knex';
import {
	CREDIT_RATINGS,
	ENTERPRISE_STATUSES,
	legacyCreditRating,
	legacyEnterpriseStatus,
	REVIEW_FIELDS,
	type ReviewField,
} from '../extensions/salesflow/src/domain/customer-review';
import { computeDocument } from '../extensions/salesflow/src/domain/document-totals';

const VALID: Record<ReviewField, readonly string[]> = {
	enterprise_status: Object.keys(ENTERPRISE_STATUSES),
	credit_rating: CREDIT_RATINGS,
};
const LEGACY: Record<ReviewField, (v: string) => string | null> = {
	enterprise_status: legacyEnterpriseStatus,
	credit_rating: legacyCreditRating,
};

export async function migrateData(db: Knex, log: (m: string) => void = () => {}): Promise<void> {
	await customerReviewChoices(db, log);
	await shipmentAmounts(db, log);
}

/**
 * shipments.amount (a delivery note's lines at their prices) came after notes were written: a note
 * without it gets it from its lines, exactly as the line hooks keep it, a thousand notes per transaction.
 */
async function shipmentAmounts(db: Knex, log: (m: string) => void): Promise<void> {
	for (;;) {
		const ids: number[] = await db('shipments').whereNull('amount').orderBy('id').limit(1000).pluck('id');
		if (!ids.length) return;
		log(`compute the amount of ${ids.length} delivery note(s) from their lines`);
		const lines = new Map<number, Array<{ quantity: string; unit_price: string }>>(ids.map((id) => [Number(id), []]));
		for (const l of await db('shipment_lines').whereIn('shipment', ids).select('shipment', 'quantity', 'unit_price'))
			lines.get(Number(l.shipment))!.push(l);
		await db.transaction(async (trx) => {
			for (const [id, of] of lines)
				await trx('shipments')
					.where({ id })
					.update({ amount: computeDocument(of).total });
		});
	}
}

/**
 * customers.enterprise_status and credit_rating were free text before they became choices: a text
 * that names a choice (存续, 吊销，未注销, aa…) becomes its key, any other text becomes empty (the customer
 * counts as unreviewed until finance reviews it). Each change is kept in the customer's history with
 * the old text, so nothing typed is lost.
 */
async function customerReviewChoices(db: Knex, log: (m: string) => void): Promise<void> {
	const rows: Array<Record<string, unknown>> = await db('customers')
		.where((w) => {
			for (const f of REVIEW_FIELDS) w.orWhere((x) => x.whereNotNull(f).whereNotIn(f, [...VALID[f]]));
		})
		.select('id', ...REVIEW_FIELDS);
	if (!rows.length) return;
	log(`migrate the review fields of ${rows.length} customer(s) to their choices`);
	await db.transaction(async (trx) => {
		for (const row of rows) {
			const patch: Record<string, string | null> = {};
			for (const f of REVIEW_FIELDS) {
				const old = row[f];
				if (old === null || old === undefined || VALID[f].includes(String(old))) continue;
				patch[f] = LEGACY[f](String(old));
				if (String(old).trim() === '') continue;
				await trx('customer_history').insert({
					customer: row.id,
					kind: f,
					from_value: String(old),
					to_value: patch[f],
					date_created: new Date(),
					user_created: null,
				});
			}
			await trx('customers').where({ id: row.id }).update(patch);
		}
	});
}
