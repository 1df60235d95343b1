// CRM activities: visits (拜访记录) keep the customer's follow-up dates, work reports (日报/周报/
// 月报) get their deadline and a manager's review, complaints (客户投诉) a first-response SLA,
// sales targets one per rep and month.
import type { Knex } from 'knex';
import { customerFollowUp, isReportKind, parseInstant, personName, reportPeriod, REPORT_KINDS } from '../domain/crm';
import { epochDay } from '../domain/dates';
import { DomainError, invalid } from '../domain/errors';
import { zPeriod } from '../domain/invoicing';
import { parseMoney } from '../domain/money';
import { readVisible } from '../lib/access';
import { dataCachePurger } from '../lib/cache';
import type { RuleContext } from '../lib/context';
import { directusErrors } from '../lib/errors';
import { notify } from '../lib/notify';
import { escalateOverdueComplaints } from './crm-schedule';
import { dateOnly, dbDate, localToday, lockKeys, whereDay } from './customers';
import { onCreate } from './documents';
import type { ContextFactory } from './features';
import { onTransition } from './transitions';

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());
const idOf = (v: any) => (v && typeof v === 'object' ? v.id : v);
const REVIEWERS = ['sales_manager', 'division_head'];

// ——— visits ———

const VISIT_KINDS = ['visit', 'call', 'online', 'after_sales'];
const VISIT_STATES = ['planned', 'done'];

/** Dates and choices of a visit as it will be stored (`v` = current row merged with the change). */
function checkVisit(v: Record<string, any>): void {
	if (blank(v.visited_on)) throw invalid('visited_on', 'visited_on (拜访日期) is required');
	const day = epochDay(v.visited_on, 'visited_on');
	if (!VISIT_STATES.includes(v.state))
		throw invalid('state', `state must be one of ${VISIT_STATES.join(', ')}, got ${JSON.stringify(v.state)}`);
	if (v.kind !== undefined && v.kind !== null && !VISIT_KINDS.includes(v.kind))
		throw invalid('kind', `kind must be one of ${VISIT_KINDS.join(', ')}, got ${JSON.stringify(v.kind)}`);
	// A day of slack for time zones; a visit that has not happened yet is "planned".
	if (v.state === 'done' && day > epochDay(localToday()) + 1)
		throw invalid(
			'visited_on',
			`a done visit cannot be dated in the future (${dateOnly(v.visited_on)}); plan it instead (state "planned")`,
		);
	if (!blank(v.next_date) && epochDay(v.next_date, 'next_date') < day)
		throw invalid('next_date', `next_date ${dateOnly(v.next_date)} is before the visit (${dateOnly(v.visited_on)})`);
}

async function checkVisitShipment(ctx: RuleContext, shipment: unknown, customer: unknown): Promise<void> {
	if (blank(shipment)) return;
	const s = await readVisible(ctx, 'shipments', shipment, 'shipment');
	if (String(s.customer) !== String(idOf(customer))) throw invalid('shipment', `shipment ${s.number} is not a delivery to this customer`);
}

onCreate('visits', async (ctx, payload) => {
	await readVisible(ctx, 'customers', payload.customer, 'customer');
	payload.state ??= 'done';
	payload.kind ??= 'visit';
	checkVisit(payload);
	await checkVisitShipment(ctx, payload.shipment, payload.customer);
});

/**
 * Recomputes a customer's last contact and next follow-up from its visits (with knex: the fields
 * are computed, users cannot write them). Other code that writes visits directly (the after-sales
 * follow-up planned on acceptance) can call this too.
 */
export async function refreshCustomerFollowUp(db: Knex, customerIds: Iterable<unknown>): Promise<void> {
	for (const id of new Set(
		[...customerIds]
			.map(idOf)
			.filter((x) => x !== null && x !== undefined)
			.map(String),
	)) {
		const visits = await db('visits').where({ customer: id }).select('id', 'visited_on', 'state', 'next_date');
		const f = customerFollowUp(
			visits
				.filter((v: any) => dateOnly(v.visited_on))
				.map((v: any) => ({ id: v.id, state: v.state, visited_on: dateOnly(v.visited_on)!, next_date: dateOnly(v.next_date) })),
		);
		await db('customers')
			.where({ id })
			.update({ last_contacted_on: dbDate(db, f.last_contacted_on), next_follow_up_on: dbDate(db, f.next_follow_up_on) });
	}
}

// ——— work reports ———

async function checkReportDuplicate(db: Knex, owner: unknown, kind: string, start: string, except?: unknown): Promise<void> {
	const other = await db('work_reports')
		.where({ owner: idOf(owner) ?? null, kind })
		.modify((q) => {
			whereDay(db, q, 'period_start', '=', start);
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

function checkReportFields(payload: Record<string, any>): void {
	if ('sales_volume' in payload && payload.sales_volume !== null && parseMoney(payload.sales_volume, 'sales_volume') < 0n)
		throw invalid('sales_volume', 'sales_volume cannot be negative');
}

onCreate('work_reports', async (ctx, payload) => {
	if (!isReportKind(payload.kind))
		throw invalid('kind', `kind must be one of ${REPORT_KINDS.join(', ')}, got ${JSON.stringify(payload.kind ?? null)}`);
	if (blank(payload.period_start)) throw invalid('period_start', 'period_start is required');
	if (!blank(payload.review_comment))
		throw new DomainError('FORBIDDEN', 'review_comment is written by the reviewing manager', 403, { field: 'review_comment' });
	checkReportFields(payload);
	const { start, due } = reportPeriod(payload.kind, payload.period_start);
	Object.assign(payload, { period_start: start, due_on: due });
	await lockKeys(ctx.db, [`work-report:${idOf(payload.owner)}:${payload.kind}:${start}`]);
	await checkReportDuplicate(ctx.db, payload.owner, payload.kind, start);
});

async function checkReportUpdate(ctx: RuleContext, keys: Array<string | number>, payload: Record<string, any>): Promise<void> {
	checkReportFields(payload);
	if ('review_comment' in payload && !ctx.actor.system && !ctx.actor.admin) {
		if (!ctx.actor.roles.some((r) => REVIEWERS.includes(r)))
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
	const { start, due } = reportPeriod(kind, payload.period_start ?? dateOnly(row.period_start));
	Object.assign(payload, { period_start: start, due_on: due });
	await checkReportDuplicate(ctx.db, row.owner, kind, start, row.id);
}

const KIND_ZH: Record<string, string> = { daily: '日报', weekly: '周报', monthly: '月报' };

onTransition('work_reports', 'draft->submitted', async ({ trx, row, payload, actor }) => {
	const summary = payload.summary ?? row.summary;
	if (blank(summary)) throw invalid('summary', `${row.number}: write the summary (工作总结) before submitting`);
	const owner = await trx('directus_users').where({ id: row.owner }).first('first_name', 'last_name', 'email', 'manager');
	if (owner?.manager) {
		await notify(trx, {
			recipient: owner.manager,
			sender: actor.user,
			subject: `${KIND_ZH[row.kind] ?? '工作报告'}已提交 / ${row.kind} report submitted: ${row.number} (${personName(owner)}, ${dateOnly(row.period_start)})`,
			collection: 'work_reports',
			item: row.id,
		});
	}
});

onTransition('work_reports', 'submitted->reviewed', async ({ trx, row, payload, actor }) => {
	if (actor.user && actor.user === row.owner)
		throw new DomainError('FORBIDDEN', `${row.number} is your own report; your manager reviews it`, 403, { field: 'status' });
	if (row.owner) {
		const comment = payload.review_comment ?? row.review_comment;
		await notify(trx, {
			recipient: row.owner,
			sender: actor.user,
			subject: `报告已审阅 / Report reviewed: ${row.number}`,
			message: comment ? String(comment) : undefined,
			collection: 'work_reports',
			item: row.id,
		});
	}
});

// ——— complaints ———

/** Clock skew tolerated for a "received" time from a user's machine. */
const SKEW_MS = 5 * 60_000;

function checkInstant(v: unknown, field: string, now: Date): Date {
	const t = parseInstant(v);
	if (!t) throw invalid(field, `${field} must be a date and time, got ${JSON.stringify(v)}`);
	if (t.getTime() > now.getTime() + SKEW_MS) throw invalid(field, `${field} cannot be in the future (${t.toISOString()})`);
	return t;
}

onCreate('complaints', async (ctx, payload) => {
	await readVisible(ctx, 'customers', payload.customer, 'customer');
	if (blank(payload.description)) throw invalid('description', 'description (投诉内容) is required');
	const now = new Date();
	if (blank(payload.received_at)) payload.received_at = now.toISOString();
	else checkInstant(payload.received_at, 'received_at', now);
	if (!blank(payload.responded_at)) throw invalid('responded_at', 'responded_at is set when the complaint is moved to "responded"');
});

async function checkComplaintUpdate(ctx: RuleContext, keys: Array<string | number>, payload: Record<string, any>): Promise<void> {
	const now = new Date();
	if ('customer' in payload) await readVisible(ctx, 'customers', payload.customer, 'customer');
	if ('description' in payload && blank(payload.description)) throw invalid('description', 'description (投诉内容) is required');
	if ('received_at' in payload) checkInstant(payload.received_at, 'received_at', now);
	if ('responded_at' in payload && !blank(payload.responded_at)) {
		const responded = checkInstant(payload.responded_at, 'responded_at', now);
		for (const row of await ctx.db('complaints').whereIn('id', keys).select('number', 'received_at')) {
			const received = parseInstant(payload.received_at ?? row.received_at);
			if (received && responded < received)
				throw invalid('responded_at', `${row.number}: the first response cannot be before the complaint was received`);
		}
	}
}

const setResponded = async ({ trx, id, row }: any) => {
	if (!row.responded_at) await trx('complaints').where({ id }).update({ responded_at: new Date() });
};
onTransition('complaints', 'open->responded', setResponded);
onTransition('complaints', 'escalated->responded', setResponded);
onTransition('complaints', 'responded->resolved', async ({ row, payload }) => {
	if (blank(payload.resolution ?? row.resolution))
		throw invalid('resolution', `${row.number}: record the resolution (处理结果) before resolving`);
});

// ——— sales targets ———

async function checkTarget(
	ctx: RuleContext,
	payload: Record<string, any>,
	creating: boolean,
	keys: Array<string | number> = [],
): Promise<void> {
	if (creating || 'period' in payload) {
		const p = zPeriod.safeParse(payload.period);
		if (!p.success) throw invalid('period', `period: ${p.error.issues[0]!.message}, got ${JSON.stringify(payload.period ?? null)}`);
	}
	if (creating || 'amount' in payload) {
		if (blank(payload.amount)) throw invalid('amount', 'amount (目标金额) is required');
		if (parseMoney(payload.amount, 'amount') < 0n) throw invalid('amount', 'amount cannot be negative');
	}
	for (const f of ['new_customers', 'visits']) {
		if (!(f in payload) || payload[f] === null) continue;
		const n = Number(payload[f]);
		if (typeof payload[f] === 'boolean' || !Number.isInteger(n) || n < 0)
			throw invalid(f, `${f} must be a whole number ≥ 0, got ${JSON.stringify(payload[f])}`);
	}
	let rep: any;
	if (creating || 'rep' in payload) {
		if (blank(payload.rep)) throw invalid('rep', 'rep is required');
		rep = await ctx
			.db('directus_users')
			.where({ id: String(idOf(payload.rep)) })
			.first('id', 'first_name', 'last_name', 'email', 'status', 'manager');
		if (rep?.status !== 'active') throw invalid('rep', `rep ${idOf(payload.rep)} is not an active user`);
		// A sales manager sets targets for the team; the division head for everyone.
		const a = ctx.actor;
		if (!a.system && !a.admin && !a.roles.includes('division_head') && rep.id !== a.user && rep.manager !== a.user) {
			throw new DomainError('FORBIDDEN', `${personName(rep)} is not in your team`, 403, { field: 'rep' });
		}
	}
	if (!creating && !('rep' in payload) && !('period' in payload)) return;
	if (!creating && keys.length > 1) throw invalid('period', 'change the rep or period of one target at a time');
	const current = creating ? undefined : await ctx.db('sales_targets').where({ id: keys[0] }).first();
	if (!creating && !current) return;
	const repId = String(idOf(payload.rep ?? current.rep));
	const period = payload.period ?? current.period;
	if (creating) await lockKeys(ctx.db, [`sales-target:${repId}:${period}`]);
	const other = await ctx
		.db('sales_targets')
		.where({ rep: repId, period })
		.modify((q) => {
			if (current) q.whereNot('id', current.id);
		})
		.first('id');
	if (other) {
		rep ??= await ctx.db('directus_users').where({ id: repId }).first('first_name', 'last_name', 'email');
		throw new DomainError('DUPLICATE_TARGET', `${personName(rep)} already has a sales target for ${period}; change that one instead`, 409, {
			field: 'period',
		});
	}
}

// ——— registration of the Directus hooks ———

export function registerCrmActivities({ filter, action }: any, ext: any, ruleContext: ContextFactory): void {
	const log = (what: string) => (e: unknown) => ext.logger?.error?.(e, `salesflow: ${what} failed`);
	const purge = dataCachePurger(ext);

	// Visits: checks on update; the customer's follow-up dates after every committed change.
	const formerCustomers = new Set<string>();
	filter('visits.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			const ctx = ruleContext(context);
			if ('customer' in payload) await readVisible(ctx, 'customers', payload.customer, 'customer');
			for (const row of await ctx.db('visits').whereIn('id', meta.keys)) {
				const merged = { ...row, visited_on: dateOnly(row.visited_on), next_date: dateOnly(row.next_date), ...payload };
				checkVisit(merged);
				if ('shipment' in payload || 'customer' in payload) await checkVisitShipment(ctx, merged.shipment, merged.customer);
				// Recomputing a customer is idempotent, so remembering one too many is harmless.
				if ('customer' in payload && row.customer !== null) formerCustomers.add(String(row.customer));
			}
			return payload;
		}),
	);
	filter('visits.items.delete', (keys: any, _meta: any, context: any) =>
		directusErrors(async () => {
			for (const r of await ruleContext(context).db('visits').whereIn('id', keys).distinct('customer'))
				if (r.customer !== null) formerCustomers.add(String(r.customer));
			return keys;
		}),
	);
	const refresh = async (ids: unknown[]) => {
		const all = [...ids, ...formerCustomers];
		formerCustomers.clear();
		await refreshCustomerFollowUp(ext.database, all);
		await purge();
	};
	action('visits.items.create', ({ payload }: any) => refresh([payload.customer]).catch(log('visit follow-up')));
	action('visits.items.update', async ({ keys }: any) =>
		refresh((await ext.database('visits').whereIn('id', keys).select('customer')).map((r: any) => r.customer)).catch(
			log('visit follow-up'),
		),
	);
	action('visits.items.delete', () => refresh([]).catch(log('visit follow-up')));

	filter('work_reports.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			await checkReportUpdate(ruleContext(context), meta.keys, payload);
			return payload;
		}),
	);

	filter('complaints.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			await checkComplaintUpdate(ruleContext(context), meta.keys, payload);
			return payload;
		}),
	);
	// The SLA is checked on the schedule (crm-schedule.ts) and after every complaint write, so an
	// overdue complaint is escalated as soon as anyone works on complaints.
	const escalate = () =>
		escalateOverdueComplaints(ext.database, new Date())
			.then((n) => (n ? purge() : undefined))
			.catch(log('complaint escalation'));
	action('complaints.items.create', escalate);
	action('complaints.items.update', escalate);

	filter('sales_targets.items.create', (payload: any, _meta: any, context: any) =>
		directusErrors(async () => {
			await checkTarget(ruleContext(context), payload, true);
			return payload;
		}),
	);
	filter('sales_targets.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			await checkTarget(ruleContext(context), payload, false, meta.keys);
			return payload;
		}),
	);
}
