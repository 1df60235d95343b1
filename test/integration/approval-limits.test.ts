// Approval time limits (审批时限, PROCESS §12): a step falls due `hours` after it becomes pending — on the clock by
// default, or in working hours (09:00–18:00 Shanghai) on the Chinese work calendar; the approval-reminders job
// reminds the approver once when it is overdue and escalates once after as long again. The requests of this file
// run on a pinned company clock in April 2026 (清明节: Saturday 4 to Monday 6 April are days off).
import knex from 'knex';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents';
import type { DocContext } from '../../extensions/salesflow/src/engine/document-type';
import { remindOverdueApprovals } from '../../extensions/salesflow/src/engine/approvals/reminders';
import { CLOCK_HEADER } from '../../extensions/salesflow/src/platform/clock';
import { SYSTEM_ACTOR } from '../../extensions/salesflow/src/platform/context';
import { knexConfig } from '../../scripts/lib/env';
import { customerOf, order, requestOf, submit } from './fixtures';
import { roleId } from '../../extensions/salesflow/src/domain/ids';
import { call, count, env, errorCode, ok, sendWithEveryRequest, userId } from './helpers';

/** Pins the company clock at an instant for the next requests of this file. */
const at = (iso: string) => sendWithEveryRequest(CLOCK_HEADER, iso);
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

let db: ReturnType<typeof knex> | undefined;
function jobContext(): DocContext {
	db ??= knex(knexConfig(env()));
	return { db, documents: DOCUMENTS, accountability: null, actor: SYSTEM_ACTOR } as unknown as DocContext;
}
afterAll(async () => db?.destroy());

let rule: any;
beforeAll(async () => {
	rule = (await ok<any[]>('admin', 'GET', '/items/approval_rules?filter[key][_eq]=order_confirm'))[0];
});
// The order rule is shared with every other file: always put its shipped steps back.
afterEach(async () => {
	await ok('admin', 'PATCH', `/items/approval_rules/${rule.id}`, { steps: rule.steps });
	sendWithEveryRequest(CLOCK_HEADER, new Date().toISOString());
});

/** A submitted order of the rep's customer, and its first (manager's) step as stored. */
async function submittedOrder(iso: string) {
	at(iso);
	const customer = (await customerOf('sales_rep')).id;
	const o = await order('sales_rep', [{ sku: 'SKU-002', quantity: '1', unit_price: '3680.00' }], { customer });
	await submit('sales_rep', 'sales_orders', o.id);
	const req = await requestOf('sales_orders', o.id);
	const step = req.steps.find((s: any) => s.sequence === 1);
	return { order: o, request: req, step: await ok<any>('admin', 'GET', `/items/approval_steps/${step.id}`) };
}

const iso = (v: unknown) => new Date(v as string).toISOString();

describe('approval time limits (审批时限)', () => {
	it('a working-hours order review submitted on the Friday afternoon before 清明 is due on Tuesday 10:00', async () => {
		await ok('admin', 'PATCH', `/items/approval_rules/${rule.id}`, { steps: [{ approver: 'owner_manager', working_hours: true }] });
		// Friday 3 April 2026, 15:00 Shanghai: 3 working hours left that day; Saturday, Sunday and Monday (清明) are
		// off; the fourth hour is Tuesday 09:00–10:00.
		const { step } = await submittedOrder('2026-04-03T07:00:00.000Z');
		expect([step.status, step.hours, Boolean(step.working_hours), iso(step.due_at)]).toEqual([
			'pending',
			4,
			true,
			'2026-04-07T02:00:00.000Z',
		]);
	});

	it('a calendar-hours step is due exactly its hours later (the order review default: 4)', async () => {
		const { step } = await submittedOrder('2026-04-03T07:00:00.000Z');
		expect([step.hours, Boolean(step.working_hours), iso(step.due_at)]).toEqual([4, false, '2026-04-03T11:00:00.000Z']);
		await ok('admin', 'PATCH', `/items/approval_rules/${rule.id}`, { steps: [{ approver: 'owner_manager', hours: 30 }] });
		const { step: longer } = await submittedOrder('2026-04-03T07:00:00.000Z');
		expect([longer.hours, iso(longer.due_at)]).toEqual([30, '2026-04-04T13:00:00.000Z']);
	});

	it('the inbox shows due_at and overdue; the job reminds once, then escalates once to the manager', async () => {
		const submitted = '2026-04-06T01:00:00.000Z';
		const { request, step } = await submittedOrder(submitted);
		const due = '2026-04-06T05:00:00.000Z';
		expect(iso(step.due_at)).toBe(due);

		at(plus(due, -1));
		const before = (await ok<any[]>('sales_manager', 'GET', '/approvals/inbox')).find((e) => e.request === request.id);
		expect([before.due_at, before.overdue]).toEqual([due, false]);
		at(plus(due, 1));
		const after = (await ok<any[]>('sales_manager', 'GET', '/approvals/inbox')).find((e) => e.request === request.id);
		expect([after.due_at, after.overdue]).toEqual([due, true]);

		const notices = async (subject: string) =>
			(
				await ok<any[]>('admin', 'GET', `/notifications?filter[collection][_eq]=approval_requests&filter[item][_eq]=${request.id}&limit=-1`)
			).filter((n) => n.subject.includes(subject));
		const stored = () => ok<any>('admin', 'GET', `/items/approval_steps/${step.id}`);

		// Not yet due: nothing.
		await remindOverdueApprovals(jobContext(), new Date(plus(due, -1)));
		expect((await stored()).reminded_at).toBeNull();
		// Overdue: one reminder to the approver, recorded; a second run sends nothing more.
		await remindOverdueApprovals(jobContext(), new Date(plus(due, 1)));
		await remindOverdueApprovals(jobContext(), new Date(plus(due, 2)));
		const reminded = await stored();
		expect([iso(reminded.reminded_at), reminded.escalated_at]).toEqual([plus(due, 1), null]);
		expect((await notices('Approval overdue')).map((n) => n.recipient)).toEqual([userId('sales_manager')]);
		expect(await notices('Approval escalated')).toEqual([]);

		// After the second period (4 h more): one escalation to the approver's manager, once.
		// The demo sales manager reports to the division head.
		const manager = (await ok<any>('admin', 'GET', `/users/${userId('sales_manager')}?fields=manager`)).manager;
		expect(manager).toBe(userId('division_head'));
		await remindOverdueApprovals(jobContext(), new Date(plus(due, 4 * 60 - 1)));
		expect((await stored()).escalated_at).toBeNull();
		await remindOverdueApprovals(jobContext(), new Date(plus(due, 4 * 60 + 1)));
		await remindOverdueApprovals(jobContext(), new Date(plus(due, 4 * 60 + 2)));
		const escalated = await stored();
		expect(iso(escalated.escalated_at)).toBe(plus(due, 4 * 60 + 1));
		const to = typeof escalated.escalated_to === 'string' ? JSON.parse(escalated.escalated_to) : escalated.escalated_to;
		expect(to).toEqual([manager]);
		expect((await notices('Approval escalated')).map((n) => n.recipient)).toEqual([manager]);
		expect(await notices('Approval overdue')).toHaveLength(1);
		expect(escalated.status).toBe('pending');
	});

	it('overdue approvals show in the follow-up report and the bookmark "超时未审批", to those involved', async () => {
		const { request } = await submittedOrder('2026-04-09T01:00:00.000Z');
		const listed = async (user: string) =>
			(await ok<any>(user, 'GET', '/reports/follow-up?rows=200')).overdue_approvals.items.find((i: any) => i.id === request.id);
		at('2026-04-09T04:59:00.000Z');
		expect(await listed('sales_manager')).toBeUndefined();
		at('2026-04-09T07:00:00.000Z');
		expect(await listed('sales_manager')).toMatchObject({
			number: request.number,
			collection: 'sales_orders',
			approver_user: userId('sales_manager'),
			due_at: '2026-04-09T05:00:00.000Z',
			hours_late: 2,
		});
		expect(await listed('sales_rep')).toBeDefined(); // the requester follows it up
		expect(await listed('general_manager')).toBeDefined(); // reads every approval
		expect(await listed('sales_rep_2')).toBeUndefined();
		expect(await listed('warehouse')).toBeUndefined();

		// The bookmark compares with the real clock ($NOW): an April 2026 deadline is long past.
		const presets = await ok<any[]>('sales_manager', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const bookmark = presets.find((p) => p.bookmark === '超时未审批 / Overdue approvals' && p.role === roleId('sales_manager'))!;
		expect(bookmark.collection).toBe('approval_requests');
		const found = async (user: string) =>
			(
				await ok<any[]>(
					user,
					'GET',
					`/items/approval_requests?limit=-1&fields=id&filter=${encodeURIComponent(JSON.stringify(bookmark.filter))}`,
				)
			).map((r) => r.id);
		expect(await found('sales_manager')).toContain(request.id);
		expect(await found('sales_rep_2')).not.toContain(request.id);
	});

	it('an escalate_to role gets the escalation instead of the manager', async () => {
		await ok('admin', 'PATCH', `/items/approval_rules/${rule.id}`, {
			steps: [{ approver: 'owner_manager', hours: 2, escalate_to: 'division_head' }],
		});
		const { step } = await submittedOrder('2026-04-08T01:00:00.000Z');
		expect([step.escalate_to, iso(step.due_at)]).toEqual(['division_head', '2026-04-08T03:00:00.000Z']);
		await remindOverdueApprovals(jobContext(), new Date('2026-04-08T05:00:01.000Z'));
		const escalated = await ok<any>('admin', 'GET', `/items/approval_steps/${step.id}`);
		const to = typeof escalated.escalated_to === 'string' ? JSON.parse(escalated.escalated_to) : escalated.escalated_to;
		expect(escalated.reminded_at).not.toBeNull();
		expect(to).toContain(userId('division_head'));
		expect(to).not.toContain(userId('sales_manager'));
	});

	it('refuses hours ≤ 0, fractional hours, a non-boolean working_hours and an unknown escalation role, writing nothing', async () => {
		const rules = await count('approval_rules');
		for (const [steps, field] of [
			[[{ approver: 'owner_manager', hours: 0 }], 'hours'],
			[[{ approver: 'owner_manager', hours: -4 }], 'hours'],
			[[{ approver: 'owner_manager', hours: 1.5 }], 'hours'],
			[[{ approver: 'owner_manager', working_hours: 'yes' }], 'working_hours'],
			[[{ approver: 'owner_manager', escalate_to: 'nobody' }], 'escalate_to'],
		] as const) {
			const patched = await call('admin', 'PATCH', `/items/approval_rules/${rule.id}`, { steps });
			expect([patched.status, errorCode(patched), patched.errors?.[0]?.extensions.field]).toEqual([400, 'INVALID_PAYLOAD', field]);
			const created = await call('admin', 'POST', '/items/approval_rules', {
				name: 'bad limit',
				document: 'quotes',
				condition: 'always',
				params: {},
				steps,
				active: false,
			});
			expect([created.status, created.errors?.[0]?.extensions.field]).toEqual([400, field]);
		}
		expect(await count('approval_rules')).toBe(rules);
		expect((await ok<any>('admin', 'GET', `/items/approval_rules/${rule.id}`)).steps).toEqual(rule.steps);
	});
});
