// The claim of a scheduled tick, on a real (in-memory SQLite) database: once per tick, and a tick
// that fires while setup has not yet created the table or its unique index is skipped, not an error.
import knex, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScheduledJob } from '../../extensions/salesflow/src/platform/scheduled-jobs';

let db: Knex;
const table = (withIndex: boolean) =>
	db.schema.createTable('job_runs', (t) => {
		t.increments('id');
		t.string('job');
		t.string('tick');
		t.string('instance');
		t.timestamp('started_at');
		t.integer('affected');
		t.text('error');
		t.integer('duration_ms');
		if (withIndex) t.unique(['job', 'tick']);
	});

beforeEach(() => {
	db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
});
afterEach(() => db.destroy());

describe('runScheduledJob', () => {
	it('runs a tick once and records it', async () => {
		await table(true);
		const at = new Date('2026-12-02T05:00:00.004Z');
		let runs = 0;
		expect(await runScheduledJob(db, 'sla', async () => ++runs, at)).toBe(1);
		expect(await runScheduledJob(db, 'sla', async () => ++runs, new Date(at.getTime() + 3))).toBeNull();
		expect(runs).toBe(1);
		expect(await db('job_runs').select('job', 'tick', 'affected', 'error')).toEqual([
			{ job: 'sla', tick: '2026-12-02T05:00:00Z', affected: 1, error: null },
		]);
	});

	it('skips a tick while the table is missing or not yet indexed', async () => {
		let runs = 0;
		expect(await runScheduledJob(db, 'sla', async () => ++runs)).toBeNull();
		await table(false);
		expect(await runScheduledJob(db, 'sla', async () => ++runs)).toBeNull();
		expect(runs).toBe(0);
	});

	it('records a failing job and reports it', async () => {
		await table(true);
		await expect(runScheduledJob(db, 'sla', async () => Promise.reject(new Error('boom')))).rejects.toThrow('sla: boom');
		expect((await db('job_runs').first('error')).error).toBe('boom');
	});
});
