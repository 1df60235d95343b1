// The record-by-record jobs (engine/sweep.ts) hold "once" on their own, not only through the scheduler's
// claim of a tick: two replicas running the complaint escalation or the approval reminders at the same
// moment escalate, remind and notify once. On PostgreSQL the two runs use two connection pools (two
// processes' worth); SQLite serialises writers, so there they share one. Two real replicas are
// test/scale/replicas.test.ts (PostgreSQL only).
import knex, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents';
import { escalateOverdueComplaints } from '../../extensions/salesflow/src/documents/complaints';
import { remindOverdueApprovals } from '../../extensions/salesflow/src/engine/approvals/reminders';
import type { DocContext } from '../../extensions/salesflow/src/engine/document-type';
import { SYSTEM_ACTOR } from '../../extensions/salesflow/src/platform/context';
import { runScheduledJob } from '../../extensions/salesflow/src/platform/scheduled-jobs';
import { knexConfig } from '../../scripts/lib/env';
import { customerOf, order, requestOf, submit } from './fixtures';
import { count, env, ok, userId } from './helpers';

const pools: Knex[] = [];
/** What the scheduler of replica `i` hands a job. */
function replica(i: number): DocContext {
	const shared = env().DB_CLIENT === 'sqlite3';
	const n = shared ? 0 : i;
	pools[n] ??= knex(knexConfig(env()) as Knex.Config);
	return { db: pools[n], documents: DOCUMENTS, accountability: null, actor: SYSTEM_ACTOR } as unknown as DocContext;
}
afterAll(async () => {
	for (const p of pools) await p?.destroy();
});

const HOUR = 3_600_000;

describe('exactly once across replicas', () => {
	it('two replicas claiming one tick of a job: one runs it, the other does nothing', async () => {
		const job = `exactly-once-${Date.now()}`;
		const at = new Date();
		let runs = 0;
		const results = await Promise.all(
			[0, 1].map((i) =>
				runScheduledJob(
					replica(i).db,
					job,
					async () => {
						runs += 1;
						return 1;
					},
					at,
				),
			),
		);
		expect(results.sort()).toEqual([1, null]);
		expect(runs).toBe(1);
	});

	it('a complaint past 24 h, escalated by two replicas at once: escalated once, each person told once', async () => {
		const customer = await customerOf('sales_rep');
		// 23 h old: not yet due when created (the after-commit check leaves it), due 2 h later.
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: customer.id,
			description: '两个实例同时检查的投诉',
			received_at: new Date(Date.now() - 23 * HOUR).toISOString(),
		});
		expect((await ok<any>('admin', 'GET', `/items/complaints/${k.id}`)).status).toBe('open');
		const escalations = (recipient: string) =>
			count('directus_notifications', {
				recipient: { _eq: recipient },
				collection: { _eq: 'complaints' },
				item: { _eq: String(k.id) },
				subject: { _contains: 'escalated' },
			});
		const later = new Date(Date.now() + 2 * HOUR);
		await Promise.all([0, 1].map((i) => escalateOverdueComplaints(replica(i), later)));
		const row = await ok<any>('admin', 'GET', `/items/complaints/${k.id}`);
		expect(row.status).toBe('escalated');
		// SQLite keeps datetimes to the second.
		expect(Math.floor(new Date(row.escalated_at).getTime() / 1000)).toBe(Math.floor(later.getTime() / 1000));
		for (const who of ['sales_manager', 'division_head', 'sales_rep']) expect([who, await escalations(userId(who))]).toEqual([who, 1]);
		expect(
			await count('status_history', { collection: { _eq: 'complaints' }, item: { _eq: String(k.id) }, to_status: { _eq: 'escalated' } }),
		).toBe(1);
	});

	it('an overdue approval step reminded and escalated by two replicas at once: one reminder, one escalation', async () => {
		const customer = (await customerOf('sales_rep')).id;
		const o = await order('sales_rep', [{ sku: 'SKU-002', quantity: '1', unit_price: '3680.00' }], { customer });
		await submit('sales_rep', 'sales_orders', o.id);
		const request = await requestOf('sales_orders', o.id);
		const step = request.steps.find((s: any) => s.status === 'pending');
		const due = Date.parse((await ok<any>('admin', 'GET', `/items/approval_steps/${step.id}`)).due_at);
		const notices = async (subject: string) =>
			(
				await ok<any[]>('admin', 'GET', `/notifications?filter[collection][_eq]=approval_requests&filter[item][_eq]=${request.id}&limit=-1`)
			).filter((n) => n.subject.includes(subject));

		await Promise.all([0, 1].map((i) => remindOverdueApprovals(replica(i), new Date(due + 60_000))));
		expect((await notices('Approval overdue')).map((n) => n.recipient)).toEqual([userId('sales_manager')]);
		// After the second period (the step's hours again).
		const escalateAt = new Date(due + Number(step.hours) * HOUR + 60_000);
		await Promise.all([0, 1].map((i) => remindOverdueApprovals(replica(i), escalateAt)));
		expect((await notices('Approval escalated')).map((n) => n.recipient)).toEqual([userId('division_head')]);
		expect(await notices('Approval overdue')).toHaveLength(1);
		const stored = await ok<any>('admin', 'GET', `/items/approval_steps/${step.id}`);
		expect(new Date(stored.escalated_at).toISOString()).toBe(escalateAt.toISOString());
	});
});
