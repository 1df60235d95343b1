// The races of the single-instance tests, run across two Directus replicas on one PostgreSQL
// database with Redis: database locks, not process memory, must decide every race.
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { knexConfig } from '../../scripts/lib/env';
import { callOn, count, env, errorCode, ok } from '../integration/helpers';
import { confirmedOrder, customerOf, ledgerSum, onHand, quote, requestOf, stockedProduct, submit } from '../integration/fixtures';

const urls = () => inject('directusUrls');
/** Spreads requests round-robin over the replicas. */
const onReplica = (i: number) => urls()[i % urls().length]!;

let db: Knex;
beforeAll(() => {
	db = knex(knexConfig(env()) as Knex.Config);
});
afterAll(() => db?.destroy());

describe('two Directus replicas on PostgreSQL + Redis', () => {
	it('runs two processes on one database', async () => {
		expect(urls()).toHaveLength(2);
		const pings = await Promise.all(urls().map((u) => fetch(`${u}/server/ping`).then((r) => r.text())));
		expect(pings).toEqual(['pong', 'pong']);
	});

	it('200 parallel 1-unit issues over both replicas against on hand 100: exactly 100 issued, on hand 0', { timeout: 300_000 }, async () => {
		const { product: p, warehouse: wh } = await stockedProduct(100);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '200', unit_price: '100.00' }]);
		const notes: number[] = [];
		// Notes are prepared twenty at a time (also over both replicas); only the issue is the race.
		for (let batch = 0; batch < 10; batch++) {
			notes.push(
				...(await Promise.all(
					Array.from({ length: 20 }, async (_, k) => {
						const base = onReplica(batch + k);
						const n = await callOn(base, 'sales_rep', 'POST', '/items/shipments', {
							order: o.id,
							warehouse: wh.id,
							lines: [{ order_line: o.lines[0].id, quantity: '1' }],
						});
						expect(n.status).toBe(200);
						expect((await callOn(base, 'sales_rep', 'PATCH', `/items/shipments/${n.data.id}`, { status: 'submitted' })).status).toBe(200);
						return n.data.id as number;
					}),
				)),
			);
		}
		const results = await Promise.all(
			notes.map((id, i) => callOn(onReplica(i), 'warehouse', 'PATCH', `/items/shipments/${id}`, { status: 'issued' })),
		);
		const issued = results.filter((r) => r.status === 200);
		expect(issued).toHaveLength(100);
		expect(results.filter((r) => r.status !== 200).map(errorCode)).toEqual(Array(100).fill('INSUFFICIENT_STOCK'));
		// Both replicas won some of the race.
		expect(new Set(results.map((r, i) => (r.status === 200 ? onReplica(i) : null)).filter(Boolean)).size).toBe(2);
		expect(await onHand(p.id, wh.id)).toBe(0);
		expect(await ledgerSum(p.id, wh.id)).toBe(0);
		expect(await count('shipments', { order: { _eq: o.id }, status: { _eq: 'issued' } })).toBe(100);
		expect(Number((await ok<any>('admin', 'GET', `/items/sales_order_lines/${o.lines[0].id}`)).shipped_qty)).toBe(100);
		// What the cache (Redis, auto-purged) serves on either replica is the committed state.
		for (const base of urls()) {
			const level = await callOn<any[]>(
				base,
				'admin',
				'GET',
				`/items/stock_levels?filter[product][_eq]=${p.id}&filter[warehouse][_eq]=${wh.id}`,
			);
			expect(Number(level.data[0].on_hand)).toBe(0);
		}
	});

	it('parallel approvals of one step on both replicas: exactly one decision', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '10', unit_price: '168.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		const results = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				callOn(onReplica(i), 'sales_manager', 'POST', `/approvals/${req.id}/approve`, { comment: `replica ${i % 2}` }),
			),
		);
		expect(results.filter((r) => r.status === 200)).toHaveLength(1);
		expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
		const after = await requestOf('quotes', q.id);
		expect(after.steps.filter((s: any) => s.status === 'approved')).toHaveLength(1);
	});

	it('scheduled jobs fire once per tick across replicas; an overdue complaint is escalated once', { timeout: 60_000 }, async () => {
		const c = await customerOf('sales_rep');
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', { customer: c.id, description: '两个实例同时检查的超时投诉' });
		expect(k.status).toBe('open');
		// Time passes: the complaint is now 30 h old without a first response.
		await db('complaints')
			.where({ id: k.id })
			.update({ received_at: new Date(Date.now() - 30 * 3_600_000) });
		const since = new Date();
		let escalated: any;
		for (let i = 0; i < 100 && escalated?.status !== 'escalated'; i++) {
			await new Promise((r) => setTimeout(r, 200));
			escalated = await db('complaints').where({ id: k.id }).first('status');
		}
		expect(escalated.status).toBe('escalated');
		await new Promise((r) => setTimeout(r, 4_000));

		// The creation notice (manager and division head at once) is not the escalation; count only the latter.
		const notes = await db('directus_notifications')
			.where({ collection: 'complaints', item: String(k.id) })
			.andWhere('subject', 'like', '投诉超时升级%')
			.select('recipient');
		expect(notes.length).toBeGreaterThan(0);
		expect(new Set(notes.map((n) => n.recipient)).size).toBe(notes.length);

		const runs = await db('job_runs').where('started_at', '>=', since).select('job', 'tick', 'instance', 'error');
		for (const job of ['complaint-sla', 'work-report-reminders']) {
			const ticks = runs.filter((r) => r.job === job).map((r) => r.tick);
			// Every second ran, and no second ran twice.
			expect(ticks.length).toBeGreaterThanOrEqual(3);
			expect(new Set(ticks).size).toBe(ticks.length);
		}
		expect(runs.filter((r) => r.error)).toEqual([]);
		// No reminder went out twice either.
		const reminders = await db('directus_notifications').where({ collection: 'work_reports' }).select('recipient', 'subject');
		expect(new Set(reminders.map((r) => `${r.recipient}|${r.subject}`)).size).toBe(reminders.length);
	});
	it('an overdue approval step is reminded once and escalated once across replicas', { timeout: 60_000 }, async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-002', quantity: '1', unit_price: '3680.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		const step = req.steps.find((s: any) => s.status === 'pending');
		// Time passes: due 30 h ago, so past its 24 h second period too — both notices are owed at once.
		await db('approval_steps')
			.where({ id: step.id })
			.update({ due_at: new Date(Date.now() - 30 * 3_600_000) });
		let row: any;
		for (let i = 0; i < 100 && !row?.escalated_at; i++) {
			await new Promise((r) => setTimeout(r, 200));
			row = await db('approval_steps').where({ id: step.id }).first('reminded_at', 'escalated_at');
		}
		expect(row.reminded_at).not.toBeNull();
		expect(row.escalated_at).not.toBeNull();
		// Several more ticks on both replicas send nothing more.
		await new Promise((r) => setTimeout(r, 4_000));
		const notes = await db('directus_notifications')
			.where({ collection: 'approval_requests', item: String(req.id) })
			.select('subject');
		expect(notes.filter((n) => n.subject.includes('Approval overdue'))).toHaveLength(1);
		expect(notes.filter((n) => n.subject.includes('Approval escalated'))).toHaveLength(1);
		const runs = await db('job_runs').where({ job: 'approval-reminders' }).select('tick', 'error');
		expect(new Set(runs.map((r) => r.tick)).size).toBe(runs.length);
		expect(runs.filter((r) => r.error)).toEqual([]);
	});
});
