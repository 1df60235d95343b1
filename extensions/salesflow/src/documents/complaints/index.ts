// Complaints (客户投诉): logged with when they were received; a first response is due within 24 h,
// otherwise the complaint is escalated to the owner's manager and the division head — by the scheduled
// job, and at once after any complaint write. Escalation is idempotent (one per complaint).
import { COMPLAINT_RESPONSE_HOURS, parseInstant, slaBreached } from '../../domain/crm';
import {
	COMPLAINT_CATEGORIES,
	COMPLAINT_SEVERITIES,
	checkComplaintClass,
	complaintRecipients,
	labelOf,
} from '../../domain/delivery-quality';
import { invalid } from '../../domain/errors';
import { roleId } from '../../domain/ids';
import { type DocContext, defineDocument, type Effect } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { sweep } from '../../engine/sweep';
import { asSystem } from '../../platform/context';
import { readVisible } from '../../platform/access';
import { now } from '../../platform/clock';
import { lockRow, type Row } from '../../platform/database';
import { itemLink, notifyAll, usersWithRole } from '../../platform/notify';
import { blank } from '../contacts';
import { complaintLifecycle } from './lifecycle';

/** Clock skew tolerated for a "received" time from a user's machine. */
const SKEW_MS = 5 * 60_000;

function checkInstant(v: unknown, field: string, at: Date): Date {
	const t = parseInstant(v);
	if (!t) throw invalid(field, `${field} must be a date and time, got ${JSON.stringify(v)}`);
	if (t.getTime() > at.getTime() + SKEW_MS) throw invalid(field, `${field} cannot be in the future (${t.toISOString()})`);
	return t;
}

const receivedAt = (row: Row) => parseInstant(row.received_at) ?? parseInstant(row.date_created);

/**
 * Escalates every open complaint received more than 24 h before `at`: escalated_at = at, a
 * notification to the owner, the owner's manager and each division head. A sweep (engine/sweep.ts):
 * one transaction per complaint, under its row lock, re-checked inside, so a complaint is escalated
 * once even when the scheduled job of two replicas and an after-commit check race. Returns how many.
 */
export async function escalateOverdueComplaints(ctx: DocContext, at: Date = now()): Promise<number> {
	const open: Row[] = await ctx.db('complaints').where({ status: 'open' }).select('id', 'received_at', 'date_created');
	const overdue = open.filter((c) => {
		const received = receivedAt(c);
		return received !== null && slaBreached(received, at);
	});
	return sweep(ctx, overdue, async (t, { id }) => {
		const row = await lockRow(t.trx, 'complaints', id);
		const received = row && receivedAt(row);
		if (row?.status !== 'open' || !received || !slaBreached(received, at)) return false;
		await t.trx('complaints').where({ id }).update({ escalated_at: at });
		await moveAsSystem(t, {
			collection: 'complaints',
			id,
			to: 'escalated',
			reason: `${COMPLAINT_RESPONSE_HOURS} h without a first response`,
		});
		const customer = await t.trx('customers').where({ id: row.customer }).first('name');
		const owner = row.owner ? await t.trx('directus_users').where({ id: row.owner }).first('id', 'manager') : null;
		const heads = await usersWithRole(t.trx, roleId('division_head'));
		const hours = Math.floor((at.getTime() - received.getTime()) / 3_600_000);
		await notifyAll(t.trx, [...new Set([owner?.manager, ...heads, row.owner].filter((r): r is string => Boolean(r)))], {
			subject: `投诉超时升级 / Complaint escalated: ${row.number} ${customer?.name ?? ''}`.trim(),
			message: `${COMPLAINT_RESPONSE_HOURS} 小时内未首次响应（已 ${hours} 小时）。 / No first response within ${COMPLAINT_RESPONSE_HOURS} h (received ${received.toISOString()}, ${hours} h ago).`,
			collection: 'complaints',
			item: id,
			event: 'salesflow.notice.complaint_escalated',
			number: row.number,
		});
		return true;
	});
}

const setResponded: Effect = async ({ trx, id, row }) => {
	if (!row.responded_at) await trx('complaints').where({ id }).update({ responded_at: now() });
	return undefined;
};

/**
 * A new complaint reaches the owner's manager and the division heads at once (「投诉必须报告给销售经理和
 * 销售总监」), a major one also the general manager; the 24 h escalation still follows if nobody answers.
 * After commit, as the escalation check: the complaint's id exists only then.
 */
async function reportComplaint(ctx: DocContext, id: number | string): Promise<void> {
	const db = asSystem(ctx).db;
	const row: Row | undefined = await db('complaints as k')
		.join('customers as c', 'c.id', 'k.customer')
		.where('k.id', id)
		.first('k.*', 'c.name as customer_name');
	if (!row) return;
	const owner = row.owner ? await db('directus_users').where({ id: row.owner }).first('manager') : null;
	const recipients = complaintRecipients({
		manager: owner?.manager,
		heads: await usersWithRole(db, roleId('division_head')),
		generalManagers: await usersWithRole(db, roleId('general_manager')),
		severity: row.severity,
	});
	const major = row.severity === 'major';
	await notifyAll(db, recipients, {
		sender: row.owner ?? null,
		subject: `${major ? '重大投诉 / Major complaint' : '客户投诉 / Complaint'}: ${row.number} ${row.customer_name}`,
		message: [
			`类别 / Category: ${labelOf(COMPLAINT_CATEGORIES, row.category)}；严重程度 / Severity: ${labelOf(COMPLAINT_SEVERITIES, row.severity)}`,
			String(row.description ?? '').slice(0, 500),
			`须在 ${COMPLAINT_RESPONSE_HOURS} 小时内首次响应。 / First response due within ${COMPLAINT_RESPONSE_HOURS} h.`,
			itemLink('complaints', id),
		].join('\n'),
		collection: 'complaints',
		item: id,
		event: 'salesflow.notice.complaint_received',
		number: row.number,
	});
}

/** The SLA is checked on the schedule and after every complaint write, so an overdue complaint is escalated as soon as anyone works on complaints. */
const escalateNow = async (ctx: DocContext) => {
	await escalateOverdueComplaints(ctx);
};

export const complaints = defineDocument({
	collection: 'complaints',
	lifecycle: complaintLifecycle,
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		if (blank(payload.description)) throw invalid('description', 'description (投诉内容) is required');
		const at = now();
		if (blank(payload.received_at)) payload.received_at = at.toISOString();
		else checkInstant(payload.received_at, 'received_at', at);
		if (!blank(payload.responded_at)) throw invalid('responded_at', 'responded_at is set when the complaint is moved to "responded"');
		if (blank(payload.severity)) payload.severity = 'normal';
		checkComplaintClass(payload);
	},
	onUpdate: async (ctx, keys, payload) => {
		const at = now();
		if ('customer' in payload) await readVisible(ctx, 'customers', payload.customer, 'customer');
		if ('description' in payload && blank(payload.description)) throw invalid('description', 'description (投诉内容) is required');
		if ('received_at' in payload) checkInstant(payload.received_at, 'received_at', at);
		checkComplaintClass(payload);
		if ('responded_at' in payload && !blank(payload.responded_at)) {
			const responded = checkInstant(payload.responded_at, 'responded_at', at);
			for (const row of (await ctx.db('complaints').whereIn('id', keys).select('number', 'received_at')) as Row[]) {
				const received = parseInstant(payload.received_at ?? row.received_at);
				if (received && responded < received)
					throw invalid('responded_at', `${row.number}: the first response cannot be before the complaint was received`);
			}
		}
		return undefined;
	},
	effects: {
		'open->responded': setResponded,
		'escalated->responded': setResponded,
		'responded->resolved': async ({ row, payload }) => {
			if (blank(payload.resolution ?? row.resolution))
				throw invalid('resolution', `${row.number}: record the resolution (处理结果) before resolving`);
			return undefined;
		},
	},
	afterCommit: {
		create: async (ctx, key) => {
			await reportComplaint(ctx, key);
			await escalateNow(ctx);
		},
		update: escalateNow,
	},
	jobs: [{ name: 'complaint-sla', env: 'COMPLAINT_SLA', cron: '*/5 * * * *', run: (ctx) => escalateOverdueComplaints(ctx) }],
});
