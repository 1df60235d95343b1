// Customer history (客户变更历史): grade, owner and credit terms (limit, rating, enterprise status, payment
// days — set by finance) changes, recorded once the update has committed, and the two owners told of a transfer. The update rule captures the values before, the after-commit rule
// compares and records; both are keyed by the request's accountability object, which Directus hands
// to both, so parallel requests never mix.
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { keyOf } from '../../platform/access';
import type { Row } from '../../platform/database';
import { notify } from '../../platform/notify';
import type { Id } from '../../engine/document-type';
import { now } from '../../platform/clock';

const WATCHED = ['grade', 'owner', 'credit_limit', 'credit_rating', 'enterprise_status', 'payment_terms_days'] as const;
type Before = Record<(typeof WATCHED)[number], string | null>;

/** A value as history shows it: amounts and days compare as text, so 1000 and "1000.00" are one value. */
const asText = (v: unknown): string | null => {
	const key = keyOf(v);
	if (key === null || key === undefined) return null;
	const n = typeof key === 'number' || (typeof key === 'string' && /^-?\d+(\.\d+)?$/.test(key)) ? Number(key) : null;
	return n !== null && Number.isFinite(n) ? String(n) : String(key);
};

const captured = new WeakMap<object, Map<string, Before>>();
const SYSTEM = {};

/** Remembers grade and owner of the rows an update is about to change. */
export async function captureBefore(db: Knex, accountability: Accountability | null, keys: Id[], payload: Row): Promise<void> {
	if (!WATCHED.some((f) => f in payload)) return;
	const key = accountability ?? SYSTEM;
	const store = captured.get(key) ?? new Map<string, Before>();
	captured.set(key, store);
	const rows: Row[] = await db('customers')
		.whereIn('id', keys)
		.select('id', ...WATCHED);
	for (const row of rows) store.set(String(row.id), Object.fromEntries(WATCHED.map((f) => [f, asText(row[f])])) as Before);
}

/** Records what changed against what was captured, and notifies the old and new owner of a transfer. */
export async function recordChanges(db: Knex, accountability: Accountability | null, keys: Id[], payload: Row): Promise<void> {
	const store = captured.get(accountability ?? SYSTEM);
	if (!store) return;
	const user = accountability?.user ?? null;
	for (const key of keys) {
		const before = store.get(String(key));
		store.delete(String(key));
		if (!before) continue;
		const changes = WATCHED.filter((kind) => kind in payload)
			.map((kind) => ({ kind, from: before[kind], to: asText(payload[kind]) }))
			.filter((c) => c.to !== c.from);
		if (!changes.length) continue;
		await db.transaction(async (trx) => {
			const customer = await trx('customers').where({ id: key }).first('id', 'code', 'name');
			if (!customer) return;
			await trx('customer_history').insert(
				changes.map((c) => ({
					customer: key,
					kind: c.kind,
					from_value: c.from,
					to_value: c.to,
					date_created: now(),
					user_created: user,
				})),
			);
			const transfer = changes.find((c) => c.kind === 'owner');
			const told = [
				[transfer?.to, '客户转入 / Customer transferred to you'],
				[transfer?.from, '客户转出 / Customer transferred away'],
			] as const;
			for (const [recipient, what] of told) {
				if (recipient && recipient !== user) {
					await notify(trx, {
						recipient,
						sender: user,
						subject: `${what}: ${customer.code} ${customer.name}`,
						collection: 'customers',
						item: key,
					});
				}
			}
		});
	}
}
