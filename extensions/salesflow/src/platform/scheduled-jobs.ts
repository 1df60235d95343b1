// Scheduled jobs run once per tick across every replica: Directus' synchronised clock (Redis with
// SYNCHRONIZATION_STORE=redis) lets one process fire, and a claimed (job, tick) row in `job_runs`
// makes a second firing a no-op even when replicas are misconfigured with the memory store.
// The same row is the job's history for admins: when it ran, where, what it did, what failed.
import { hostname } from 'node:os';
import type { Knex } from 'knex';

const INSTANCE = `${hostname()}:${process.pid}`;
/** Job history older than this is pruned when a job claims a tick. */
const KEEP_DAYS = 30;

/** The scheduled tick a firing belongs to: the wall-clock second nearest to it (timers fire a few ms late). */
export const tickOf = (at: Date): string => new Date(Math.round(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Claims `job` for the tick of `now`, runs it and records the outcome. Returns null when the tick
 * was already claimed (by another replica, or a second firing here).
 */
export async function runScheduledJob(db: Knex, job: string, work: () => Promise<number>, now: Date = new Date()): Promise<number | null> {
	const tick = tickOf(now);
	let claimed: Array<number | { id: number }>;
	try {
		// Only the insert that wins the unique (job, tick) index returns a row.
		claimed = await db('job_runs')
			.insert({ job, tick, instance: INSTANCE, started_at: now })
			.onConflict(['job', 'tick'])
			.ignore()
			.returning('id');
	} catch (e) {
		// A tick during setup, before `job_runs` or its unique (job, tick) index exists: skip it.
		if (schemaNotReady(e)) return null;
		throw e;
	}
	if (!claimed.length) return null;
	const claim = { id: typeof claimed[0] === 'object' ? claimed[0]!.id : claimed[0]! };
	const t0 = Date.now();
	let affected = 0;
	let error: string | null = null;
	try {
		affected = await work();
	} catch (e) {
		error = e instanceof Error ? e.message : String(e);
	}
	await db('job_runs')
		.where({ id: claim.id })
		.update({ affected, error, duration_ms: Date.now() - t0 });
	await db('job_runs')
		.where('started_at', '<', new Date(now.getTime() - KEEP_DAYS * 86_400_000))
		.delete();
	if (error) throw new Error(`${job}: ${error}`);
	return affected;
}

/** The errors of a claim on a `job_runs` table that is missing or not yet indexed (SQLite, PostgreSQL). */
function schemaNotReady(e: unknown): boolean {
	const code = (e as { code?: string })?.code;
	const message = e instanceof Error ? e.message : '';
	return code === '42P01' || code === '42P10' || /no such table|ON CONFLICT clause does not match/.test(message);
}
