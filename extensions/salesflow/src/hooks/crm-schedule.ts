// Scheduled CRM jobs: complaints without a first response within 24 h are escalated to the
// owner's manager and the division head (客户投诉 → 销售经理、销售总监); reps are reminded of work
// reports still missing at their deadline. Both are idempotent, so running them again (another
// replica, a retry, the after-write trigger) changes nothing.
import type { Knex } from 'knex';
import { localClock, parseInstant, reportDueDate, reportReminders, slaBreached, COMPLAINT_RESPONSE_HOURS } from '../domain/crm';
import { addDays } from '../domain/dates';
import { roleId } from '../domain/ids';
import { dataCachePurger } from '../lib/cache';
import { lockRow } from '../lib/context';
import { notify, usersWithRole } from '../lib/notify';
import { runScheduledJob } from '../lib/scheduled-jobs';
import { dateOnly, lockKeys, timeZone, whereDay } from './customers';

/**
 * Escalates every open complaint received more than 24 h before `now`: status → escalated,
 * escalated_at = now, a notification to the owner, the owner's manager and each division head.
 * One transaction per complaint, under a row lock, re-checked inside: a complaint is escalated once.
 * Returns how many were escalated.
 */
export async function escalateOverdueComplaints(db: Knex, now: Date = new Date()): Promise<number> {
	const open = await db('complaints').where({ status: 'open' }).select('id', 'received_at', 'date_created');
	const overdue = open.filter((c: any) => {
		const received = parseInstant(c.received_at) ?? parseInstant(c.date_created);
		return received !== null && slaBreached(received, now);
	});
	let escalated = 0;
	for (const { id } of overdue) {
		const done = await db.transaction(async (trx) => {
			const row = await lockRow(trx, 'complaints', id);
			if (row?.status !== 'open') return false;
			const received = parseInstant(row.received_at) ?? parseInstant(row.date_created);
			if (!received || !slaBreached(received, now)) return false;
			await trx('complaints').where({ id }).update({ status: 'escalated', escalated_at: now });
			const customer = await trx('customers').where({ id: row.customer }).first('name');
			const owner = row.owner ? await trx('directus_users').where({ id: row.owner }).first('id', 'manager') : null;
			const heads = await usersWithRole(trx, roleId('division_head'));
			const recipients = new Set([owner?.manager, ...heads, row.owner].filter(Boolean) as string[]);
			const hours = Math.floor((now.getTime() - received.getTime()) / 3_600_000);
			for (const recipient of recipients) {
				await notify(trx, {
					recipient,
					subject: `投诉超时升级 / Complaint escalated: ${row.number} ${customer?.name ?? ''}`.trim(),
					message: `${COMPLAINT_RESPONSE_HOURS} 小时内未首次响应（已 ${hours} 小时）。 / No first response within ${COMPLAINT_RESPONSE_HOURS} h (received ${received.toISOString()}, ${hours} h ago).`,
					collection: 'complaints',
					item: id,
				});
			}
			return true;
		});
		if (done) escalated += 1;
	}
	return escalated;
}

/**
 * Reminds reps of daily/weekly/monthly reports not submitted by their deadline (see
 * `reportReminders`). A reminder whose subject the rep already got is not sent again. Returns how
 * many were sent.
 */
export async function remindWorkReports(db: Knex, now: Date = new Date()): Promise<number> {
	const { date: today, hour } = localClock(now, timeZone());
	return db.transaction(async (trx) => {
		await lockKeys(trx, ['work-report-reminders']);
		const reps = await usersWithRole(trx, roleId('sales_rep'));
		if (!reps.length) return 0;
		const reports = await trx('work_reports')
			.whereIn('owner', reps)
			.modify((q) => {
				whereDay(trx, q, 'due_on', '>=', addDays(today, -40));
				whereDay(trx, q, 'due_on', '<=', reportDueDate('monthly', today));
			})
			.select('owner', 'kind', 'due_on', 'status');
		const reminders = reportReminders({ today, hour, reps, reports: reports.map((r: any) => ({ ...r, due_on: dateOnly(r.due_on)! })) });
		if (!reminders.length) return 0;
		const sent = await trx('directus_notifications')
			.whereIn('recipient', [...new Set(reminders.map((r) => r.rep))])
			.whereIn('subject', [...new Set(reminders.map((r) => r.subject))])
			.select('recipient', 'subject');
		const seen = new Set(sent.map((s: any) => `${s.recipient}|${s.subject}`));
		let n = 0;
		for (const r of reminders) {
			if (seen.has(`${r.rep}|${r.subject}`)) continue;
			await notify(trx, { recipient: r.rep, subject: r.subject, message: r.message, collection: 'work_reports' });
			n += 1;
		}
		return n;
	});
}

/**
 * Registers the jobs with Directus' scheduler. Each tick runs on one replica (see
 * lib/scheduled-jobs.ts); SALESFLOW_CRON_* override the schedules (tests run them every second).
 */
export function registerCrmSchedules(schedule: (cron: string, handler: () => Promise<void> | void) => void, ext: any): void {
	const purge = dataCachePurger(ext);
	const run = (job: string, work: () => Promise<number>) => async () => {
		try {
			const n = await runScheduledJob(ext.database, job, work);
			if (n) {
				await purge();
				ext.logger?.info?.(`salesflow: ${job}: ${n}`);
			}
		} catch (e) {
			ext.logger?.error?.(e, `salesflow: ${job} failed`);
		}
	};
	const cron = (name: string, fallback: string) => String(ext.env?.[`SALESFLOW_CRON_${name}`] ?? fallback);
	schedule(
		cron('REPORT_REMINDERS', '*/30 * * * *'),
		run('work-report-reminders', () => remindWorkReports(ext.database)),
	);
	schedule(
		cron('COMPLAINT_SLA', '*/5 * * * *'),
		run('complaint-sla', () => escalateOverdueComplaints(ext.database)),
	);
}
