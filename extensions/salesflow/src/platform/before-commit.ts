// Work that must see every write of a transaction and still be part of it: a document's totals after
// a nested write of its lines, whose filters run one line at a time inside Directus' transaction.
import type { Knex } from 'knex';

type Job = (trx: Knex) => Promise<unknown>;

const queues = new WeakMap<Knex, Map<string, Job>>();

/**
 * Runs `job` in `db`'s transaction after its last write and before it commits, once per key however
 * often it is queued (a nested write of 500 lines queues one recompute, not 500). Knex commits a
 * transaction whose handler resolved by calling the transaction's own `commit`: wrapping that call is
 * the one point between the handler's last statement and COMMIT. A job that throws rolls the whole
 * transaction back; a transaction rolled back for another reason drops its jobs. Outside a
 * transaction the job runs at once.
 */
export async function beforeCommit(db: Knex, key: string, job: Job): Promise<void> {
	if (!db.isTransaction) {
		await job(db);
		return;
	}
	let jobs = queues.get(db);
	if (!jobs) {
		const queued = new Map<string, Job>();
		jobs = queued;
		queues.set(db, queued);
		const trx = db as Knex.Transaction;
		const commit = trx.commit;
		trx.commit = (async (value?: unknown) => {
			// A job may queue another (Map iteration visits entries added meanwhile).
			for (const [k, run] of queued) {
				queued.delete(k);
				await run(trx);
			}
			return commit(value);
		}) as typeof trx.commit;
	}
	jobs.set(key, job);
}
