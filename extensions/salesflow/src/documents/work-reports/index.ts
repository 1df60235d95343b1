// Work reports (日报/周报/月报): one per rep, kind and period, due the same day, on Friday or on the
// last day of the month; submitted to the manager, who reviews them. Reps are reminded of reports
// still missing at their deadline (a scheduled job, idempotent by the reminder's subject). A daily
// report lists the customers touched that day, filled from the visits (dayRows); weekly and monthly
// reports get their period's figures at submit (freezeFigures).
import type { Knex } from 'knex';
import { isReportKind, personName, REPORT_KINDS, reportDueDate, reportPeriod, reportReminders } from '../../domain/crm';
import { addDays } from '../../domain/dates';
import { DomainError, invalid } from '../../domain/errors';
import { roleId } from '../../domain/ids';
import { formatMoney, parseMoney } from '../../domain/money';
import { type DayVisit, dailyRows, isTimeOfDay, opportunitiesAdvanced, reportRange } from '../../domain/work-reports';
import { CONFIRMED_OR_LATER } from '../../reports/sales-trend';
import { type DocContext, defineDocument, type Id } from '../../engine/document-type';
import { holdsGrant, keyOf } from '../../platform/access';
import { clockAt, now, wallTime } from '../../platform/clock';
import { dayOf, dayRange, instantOf, lockKeys, type Row, sumFen, whereDay, whole } from '../../platform/database';
import { notify, usersWithRole } from '../../platform/notify';
import { blank, checkContactOfCustomer } from '../contacts';
import { workReportLifecycle } from './lifecycle';

const KIND_ZH: Record<string, string> = { daily: '日报', weekly: '周报', monthly: '月报' };

/**
 * Rows of a daily report: the owner's done visits of the day, one row per customer they still own,
 * leaving out customers the report lists already.
 */
async function dayRows(db: Knex, owner: unknown, day: string, listed: unknown[] = []): Promise<Row[]> {
	const visits: Row[] = await db('visits as v')
		.join('customers as c', 'c.id', 'v.customer')
		.leftJoin('contacts as p', 'p.id', 'v.contact')
		.where({ 'v.owner': keyOf(owner) ?? null, 'v.state': 'done', 'c.owner': keyOf(owner) ?? null })
		.modify((q) => whereDay(db, q, 'v.visited_on', 'date', '=', day))
		.orderBy(['v.date_created', 'v.id'])
		.select('v.customer', 'v.contact', 'p.phone', 'c.grade', 'v.date_created', 'v.result', 'v.content', 'v.purpose');
	return dailyRows(
		visits.map((v) => {
			const at = instantOf(v.date_created);
			return { ...v, time: at ? wallTime(at).slice(11) : null } as DayVisit;
		}),
		listed,
	);
}

/** `add_visits` on a daily draft: the day's visits not listed yet become new rows, in the same write. */
async function addDayVisits(ctx: DocContext, keys: Id[], payload: Row): Promise<void> {
	const add = payload.add_visits;
	delete payload.add_visits;
	if (add !== true) return;
	if (keys.length !== 1) throw invalid('add_visits', "add the day's visits to one report at a time");
	if ('lines' in payload) throw invalid('add_visits', 'send either the rows or add_visits, not both');
	const row = await ctx.db('work_reports').where({ id: keys[0] }).first('id', 'kind', 'status', 'owner', 'period_start');
	if (!row) return;
	if (row.kind !== 'daily') throw invalid('add_visits', `only a daily report lists the day's visits (this one is ${row.kind})`);
	if (row.status !== 'draft') throw invalid('add_visits', `the report is ${row.status}: its rows are fixed`);
	const listed = (await ctx.db('work_report_lines').where({ report: row.id }).select('customer')).map((r: Row) => r.customer);
	const rows = await dayRows(ctx.db, row.owner, dayOf(row.period_start)!, listed);
	if (rows.length) payload.lines = { create: rows, update: [], delete: [] };
}

/** The owner's figures for the report's period (company calendar days), written onto the report. */
async function freezeFigures(trx: Knex, report: Row): Promise<void> {
	const { start, end } = reportRange(report.kind, dayOf(report.period_start)!);
	const owner = report.owner;
	const range = (column: string, kind: 'date' | 'timestamp') => dayRange(trx, column, kind, start, end);
	const where = <Q extends Knex.QueryBuilder>(q: Q, column: string, kind: 'date' | 'timestamp'): Q => {
		const r = range(column, kind);
		return q.whereRaw(r.sql, r.bindings as Knex.RawBinding[]) as Q;
	};
	const [touched, created, grades, moves, orders, receipts] = await Promise.all([
		where(trx('visits as v').where({ 'v.owner': owner, 'v.state': 'done' }), 'v.visited_on', 'date')
			.countDistinct({ n: 'v.customer' })
			.first(),
		where(trx('customers as c').where('c.owner', owner), 'c.date_created', 'timestamp').count({ n: '*' }).first(),
		where(
			trx('customer_history as h').join('customers as c', 'c.id', 'h.customer').where({ 'h.kind': 'grade', 'c.owner': owner }),
			'h.date_created',
			'timestamp',
		)
			.orderBy(['h.date_created', 'h.id'])
			.select('c.code', 'c.name', 'h.from_value', 'h.to_value') as Promise<Row[]>,
		where(
			trx('opportunity_history as h').join('opportunities as o', 'o.id', 'h.opportunity').where('o.owner', owner),
			'h.date_created',
			'timestamp',
		).select('h.opportunity', 'h.from_stage', 'h.to_stage') as Promise<Row[]>,
		where(trx('sales_orders as o').where('o.owner', owner).whereIn('o.status', CONFIRMED_OR_LATER), 'o.confirmed_at', 'timestamp')
			.select(trx.raw('count(*) as n'), trx.raw(`${sumFen(trx, 'o.total').sql} as fen`))
			.first(),
		// Money received from the owner's customers (finance records the receipts).
		where(
			trx('receipts as r').join('customers as c', 'c.id', 'r.customer').where({ 'c.owner': owner, 'r.status': 'confirmed' }),
			'r.received_on',
			'date',
		)
			.select(trx.raw(`${sumFen(trx, 'r.amount').sql} as fen`))
			.first(),
	]);
	await trx('work_reports')
		.where({ id: report.id })
		.update({
			fig_customers_touched: Number(touched?.n ?? 0),
			fig_new_customers: Number(created?.n ?? 0),
			fig_grade_changes: grades.length,
			fig_grade_change_list: grades.map((g) => `${g.code} ${g.name}: ${g.from_value ?? '—'} → ${g.to_value}`).join('\n') || null,
			fig_opportunities_advanced: opportunitiesAdvanced(
				moves.map((m) => ({ opportunity: m.opportunity, from_stage: m.from_stage, to_stage: m.to_stage })),
			),
			fig_orders: Number(orders?.n ?? 0),
			fig_order_amount: formatMoney(whole(orders?.fen)),
			fig_receipts: formatMoney(whole(receipts?.fen)),
			figures_at: now(),
		});
}

async function checkReportDuplicate(db: Knex, owner: unknown, kind: string, start: string, except?: unknown): Promise<void> {
	const other = await db('work_reports')
		.where({ owner: keyOf(owner) ?? null, kind })
		.modify((q) => {
			whereDay(db, q, 'period_start', 'date', '=', start);
			if (except !== undefined) q.whereNot('id', except);
		})
		.first('number');
	if (other)
		throw new DomainError(
			'DUPLICATE_REPORT',
			`${other.number} already is the ${kind} report for the period starting ${start}; edit that one`,
			409,
			{ field: 'period_start' },
		);
}

function checkReportFields(payload: Row): void {
	if ('sales_volume' in payload && payload.sales_volume !== null && parseMoney(payload.sales_volume, 'sales_volume') < 0n) {
		throw invalid('sales_volume', 'sales_volume cannot be negative');
	}
}

async function checkReportUpdate(ctx: DocContext, keys: Id[], payload: Row): Promise<void> {
	checkReportFields(payload);
	if ('review_comment' in payload && !ctx.actor.system && !ctx.actor.admin) {
		if (!holdsGrant(ctx.actor, 'review_reports'))
			throw new DomainError('FORBIDDEN', 'review_comment is written by the reviewing manager', 403, { field: 'review_comment' });
		const own = await ctx.db('work_reports').whereIn('id', keys).where({ owner: ctx.actor.user }).first('number');
		if (own)
			throw new DomainError('FORBIDDEN', `${own.number} is your own report; your manager reviews it`, 403, { field: 'review_comment' });
	}
	if (!('kind' in payload) && !('period_start' in payload)) return;
	if (keys.length > 1) throw invalid('period_start', 'change the kind or period of one report at a time');
	const row = await ctx.db('work_reports').where({ id: keys[0] }).first();
	if (!row) return;
	const kind = payload.kind ?? row.kind;
	if (!isReportKind(kind)) throw invalid('kind', `kind must be one of ${REPORT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
	const { start, due } = reportPeriod(kind, payload.period_start ?? dayOf(row.period_start));
	Object.assign(payload, { period_start: start, due_on: due });
	await checkReportDuplicate(ctx.db, row.owner, kind, start, row.id);
}

/**
 * Reminds reps of daily/weekly/monthly reports not submitted by their deadline (see
 * `reportReminders`). A reminder whose subject the rep already got is not sent again. Returns how
 * many were sent.
 */
export async function remindWorkReports(db: Knex, at: Date = now()): Promise<number> {
	const { date: today, hour } = clockAt(at);
	return db.transaction(async (trx) => {
		await lockKeys(trx, ['work-report-reminders']);
		const reps = await usersWithRole(trx, roleId('sales_rep'));
		if (!reps.length) return 0;
		const reports: Row[] = await trx('work_reports')
			.whereIn('owner', reps)
			.modify((q) => {
				whereDay(trx, q, 'due_on', 'date', '>=', addDays(today, -40));
				whereDay(trx, q, 'due_on', 'date', '<=', reportDueDate('monthly', today));
			})
			.select('owner', 'kind', 'due_on', 'status');
		const reminders = reportReminders({
			today,
			hour,
			reps,
			reports: reports.map((r) => ({ owner: r.owner, kind: r.kind, status: r.status, due_on: dayOf(r.due_on)! })),
		});
		if (!reminders.length) return 0;
		const sent: Row[] = await trx('directus_notifications')
			.whereIn('recipient', [...new Set(reminders.map((r) => r.rep))])
			.whereIn('subject', [...new Set(reminders.map((r) => r.subject))])
			.select('recipient', 'subject');
		const seen = new Set(sent.map((s) => `${s.recipient}|${s.subject}`));
		let n = 0;
		for (const r of reminders) {
			if (seen.has(`${r.rep}|${r.subject}`)) continue;
			await notify(trx, {
				recipient: r.rep,
				subject: r.subject,
				message: r.message,
				collection: 'work_reports',
				event: 'salesflow.notice.work_report_due',
			});
			n += 1;
		}
		return n;
	});
}

export const workReports = defineDocument({
	collection: 'work_reports',
	lifecycle: workReportLifecycle,
	onCreate: async (ctx, payload) => {
		if (!isReportKind(payload.kind))
			throw invalid('kind', `kind must be one of ${REPORT_KINDS.join(', ')}, got ${JSON.stringify(payload.kind ?? null)}`);
		if (blank(payload.period_start)) throw invalid('period_start', 'period_start is required');
		if (!blank(payload.review_comment))
			throw new DomainError('FORBIDDEN', 'review_comment is written by the reviewing manager', 403, { field: 'review_comment' });
		checkReportFields(payload);
		const { start, due } = reportPeriod(payload.kind, payload.period_start);
		Object.assign(payload, { period_start: start, due_on: due });
		await lockKeys(ctx.db, [`work-report:${keyOf(payload.owner)}:${payload.kind}:${start}`]);
		await checkReportDuplicate(ctx.db, payload.owner, payload.kind, start);
		delete payload.add_visits;
		// Rows the caller sends are taken as they are; otherwise the day's visits fill them.
		if (payload.kind === 'daily' && payload.lines === undefined) payload.lines = await dayRows(ctx.db, payload.owner, start);
	},
	onUpdate: async (ctx, keys, payload) => {
		await checkReportUpdate(ctx, keys, payload);
		await addDayVisits(ctx, keys, payload);
		return undefined;
	},
	lines: [
		{
			collection: 'work_report_lines',
			required: ['customer'],
			onWrite: async (ctx, payload, current) => {
				const merged = { ...current, ...payload };
				if ('contact' in payload || 'customer' in payload) await checkContactOfCustomer(ctx, merged.contact, merged.customer);
				if ('visit_time' in payload && !blank(payload.visit_time) && !isTimeOfDay(payload.visit_time))
					throw invalid('visit_time', `visit_time must be a time of day HH:MM, got ${JSON.stringify(payload.visit_time)}`);
			},
		},
	],
	effects: {
		'draft->submitted': async ({ trx, row, payload, actor }) => {
			if (blank(payload.summary ?? row.summary)) throw invalid('summary', `${row.number}: write the summary (工作总结) before submitting`);
			if (row.kind !== 'daily') await freezeFigures(trx, row);
			const owner = await trx('directus_users').where({ id: row.owner }).first('first_name', 'last_name', 'email', 'manager');
			if (owner?.manager) {
				await notify(trx, {
					recipient: owner.manager,
					sender: actor.user,
					subject: `${KIND_ZH[row.kind] ?? '工作报告'}已提交 / ${row.kind} report submitted: ${row.number} (${personName(owner)}, ${dayOf(row.period_start)})`,
					event: 'salesflow.notice.work_report_submitted',
					number: row.number,
					collection: 'work_reports',
					item: row.id,
				});
			}
			return undefined;
		},
		'submitted->reviewed': async ({ trx, row, payload, actor }) => {
			if (actor.user && actor.user === row.owner)
				throw new DomainError('FORBIDDEN', `${row.number} is your own report; your manager reviews it`, 403, { field: 'status' });
			if (row.owner) {
				const comment = payload.review_comment ?? row.review_comment;
				await notify(trx, {
					recipient: row.owner,
					sender: actor.user,
					subject: `报告已审阅 / Report reviewed: ${row.number}`,
					event: 'salesflow.notice.work_report_reviewed',
					number: row.number,
					message: comment ? String(comment) : undefined,
					collection: 'work_reports',
					item: row.id,
				});
			}
			return undefined;
		},
	},
	jobs: [{ name: 'work-report-reminders', env: 'REPORT_REMINDERS', cron: '*/30 * * * *', run: (ctx) => remindWorkReports(ctx.db) }],
});
