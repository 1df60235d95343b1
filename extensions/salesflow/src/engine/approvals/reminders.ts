// The approval-reminders job (审批超时提醒与上报): each pending step past its due time reminds its approver once and,
// after its hours again, escalates once to the approver's manager or the rule's escalate_to role. "Once" holds across
// replicas twice over: the scheduler claims each tick once, and each notice is written by an update conditional on
// the step not having had it (`where reminded_at is null`), so a second writer updates nothing and sends nothing.
import { owedNotices } from '../../domain/approval/time-limits';
import { parseInstant } from '../../domain/crm';
import { roleId } from '../../domain/ids';
import { now, timeZone, wallTime, workCalendar } from '../../platform/clock';
import type { Row } from '../../platform/database';
import { notifyAll, usersWithRole } from '../../platform/notify';
import type { DocContext } from '../document-type';
import { sweep } from '../sweep';

const distinct = (ids: Array<string | null | undefined>) => [...new Set(ids.filter((i): i is string => Boolean(i)))];

/** The approvers a step asks: its user, or the active users of its role. */
async function approversOf(db: DocContext['db'], step: Row): Promise<string[]> {
	return step.approver_user ? [step.approver_user] : usersWithRole(db, roleId(step.approver_role));
}

/** Whom an overdue step escalates to: the rule's role, else the manager of each approver it asks. */
async function escalationTargets(db: DocContext['db'], step: Row): Promise<string[]> {
	if (step.escalate_to) return usersWithRole(db, roleId(step.escalate_to));
	const approvers = await approversOf(db, step);
	if (!approvers.length) return [];
	const rows: Row[] = await db('directus_users').whereIn('id', approvers).select('manager');
	return distinct(rows.map((r) => r.manager));
}

/** Sends the reminders and escalations owed at `at`; returns how many notices were sent. */
export async function remindOverdueApprovals(ctx: DocContext, at: Date = now()): Promise<number> {
	const steps: Row[] = await ctx
		.db('approval_steps as s')
		.join('approval_requests as r', 'r.id', 's.request')
		.where({ 's.status': 'pending', 'r.status': 'pending' })
		.whereNotNull('s.due_at')
		.whereNull('s.escalated_at')
		.select('s.*', 'r.document_number', 'r.collection', 'r.item', 'r.requested_by');
	const calendar = workCalendar();
	const zone = timeZone();
	return sweep(ctx, steps, async ({ trx }, step) => {
		const due = parseInstant(step.due_at);
		if (!due || !step.hours) return 0;
		const owed = owedNotices(
			{ due, hours: Number(step.hours), workingHours: Boolean(step.working_hours), reminded: Boolean(step.reminded_at), escalated: false },
			at,
			calendar,
			zone,
		);
		const link = { collection: 'approval_requests', item: step.request };
		let sent = 0;
		if (owed.remind) {
			const won = await trx('approval_steps')
				.where({ id: step.id, status: 'pending' })
				.whereNull('reminded_at')
				.update({ reminded_at: at });
			if (won) {
				await notifyAll(
					trx,
					(await approversOf(trx, step)).filter((u) => u !== step.requested_by),
					{
						...link,
						subject: `审批超时提醒 / Approval overdue: ${step.document_number}`,
						event: 'salesflow.notice.approval_overdue',
						number: step.document_number,
						message: `第 ${step.sequence} 步应于 ${wallTime(due)} 前审批。 / Step ${step.sequence} was due at ${wallTime(due)}.`,
					},
				);
				sent += 1;
			}
		}
		if (owed.escalate) {
			const to = (await escalationTargets(trx, step)).filter((u) => u !== step.requested_by);
			const won = await trx('approval_steps')
				.where({ id: step.id, status: 'pending' })
				.whereNull('escalated_at')
				.update({ escalated_at: at, escalated_to: JSON.stringify(to) });
			if (won) {
				await notifyAll(trx, to, {
					...link,
					subject: `审批超时上报 / Approval escalated: ${step.document_number}`,
					event: 'salesflow.notice.approval_escalated',
					number: step.document_number,
					message: `第 ${step.sequence} 步已超时（应于 ${wallTime(due)} 前审批），请督办。 / Step ${step.sequence} is overdue since ${wallTime(due)}; please follow it up.`,
				});
				sent += 1;
			}
		}
		return sent;
	});
}
