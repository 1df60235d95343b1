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
