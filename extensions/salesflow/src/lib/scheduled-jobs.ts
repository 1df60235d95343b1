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
 * Claims `job` for the tick of `now`, runs it and records the outcome. Returns null when another
 * process already ran this tick.
 */
export async function runScheduledJob(db: Knex, job: string, work: () => Promise<number>, now: Date = new Date()): Promise<number | null> {
	const tick = tickOf(now);
	await db('job_runs').insert({ job, tick, instance: INSTANCE, started_at: now }).onConflict(['job', 'tick']).ignore();
	const claim = await db('job_runs').where({ job, tick }).first('id', 'instance');
	if (claim?.instance !== INSTANCE) return null;
	const t0 = Date.now();
	let affected = 0;
	let error: string | null = null;
	try {
		affected = await work();
	} catch (e) {
		error = e instanceof Error ? e.message : String(e);
	}
	await db('job_runs').where({ id: claim.id }).update({ affected, error, duration_ms: Date.now() - t0 });
	await db('job_runs').where('started_at', '<', new Date(now.getTime() - KEEP_DAYS * 86_400_000)).delete();
	if (error) throw new Error(`${job}: ${error}`);
	return affected;
}
