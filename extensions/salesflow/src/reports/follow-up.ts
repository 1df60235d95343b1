// 跟进清单 / Follow-up: what is late today — confirmed orders past their ship-by date, issued
// deliveries past their ETA, loans past their expected return, complaints escalated or open
// for more than 24 hours, and instalments not paid in full that are overdue or due within 7 days. Counts plus the oldest items of each list, in the caller's scope.
// Also approvals past their time limit (超时未审批), in the approvals' own scope.
// Complaints are left out (null) for callers who cannot read them (the warehouse).
// Surveys due (满意度调查): every accepted delivery whose after-sales visit (售后回访) has no survey yet,
// and every A/B customer not surveyed for a year; null for callers who cannot read surveys.
import type { Knex } from 'knex';
import { addDays, daysBetween } from '../domain/dates';
import { now, today } from '../platform/clock';
import { companyDayOf, dayOf, dayRange, instantOf, instantRange, type Row } from '../platform/database';
import type { Viewer } from '../platform/row-scope';
import { roleKeysOf } from '../platform/context';
import { approvingRoles } from '../engine/approvals/delegation';
import { SEES_ALL_APPROVALS } from '../../../../schema/access';
import { formatMoney } from '../domain/money';
import { surveysDue } from '../domain/surveys';
import { defineReport, int, money, moneyFen, personName, qty, zFilters, zOwner, zRows, type ReportData } from './report';

/** Instalments show from this many days before their due date. */
const INSTALMENTS_AHEAD_DAYS = 7;
const OUT = '(ll.quantity - coalesce(ll.returned_qty, 0) - coalesce(ll.converted_qty, 0))';
const DAY_MS = 86_400_000;

type Section = {
	collection: string;
	alias: string;
	base: (db: Knex, day: string) => Knex.QueryBuilder;
	columns: (db: Knex) => Array<string | Knex.Raw>;
	due: string;
	order: string;
};

const SECTIONS: Record<string, Section> = {
	late_orders: {
		collection: 'sales_orders',
		alias: 'o',
		base: (db, day) => {
			const late = dayRange(db, 'o.ship_by', 'date', undefined, day);
			return db('sales_orders as o').whereIn('o.status', ['confirmed', 'partially_shipped']).whereRaw(late.sql, late.bindings);
		},
		columns: () => ['o.id', 'o.number', 'o.status', 'o.ship_by as due', 'o.percent_shipped', 'o.total'],
		due: 'ship_by',
		order: 'o.ship_by',
	},
	late_deliveries: {
		collection: 'shipments',
		alias: 's',
		base: (db, day) => {
			const late = dayRange(db, 's.eta', 'date', undefined, day);
			return db('shipments as s').where('s.status', 'issued').whereRaw(late.sql, late.bindings);
		},
		columns: () => ['s.id', 's.number', 's.status', 's.eta as due', 's.carrier', 's.tracking_no'],
		due: 'eta',
		order: 's.eta',
	},
	overdue_loans: {
		collection: 'loans',
		alias: 'l',
		base: (db, day) => {
			const late = dayRange(db, 'l.expected_return_date', 'date', undefined, day);
			return db('loans as l').where('l.status', 'issued').whereRaw(late.sql, late.bindings);
		},
		columns: (db) => [
			'l.id',
			'l.number',
			'l.status',
			'l.expected_return_date as due',
			db.raw(`(select sum(${OUT}) from loan_lines ll where ll.loan = l.id) as outstanding`),
		],
		due: 'expected_return_date',
		order: 'l.expected_return_date',
	},
	// Scoped through the order (alias o), as payment_schedules are read with their order.
	instalments: {
		collection: 'payment_schedules',
		alias: 'o',
		base: (db, day) => {
			const due = dayRange(db, 'p.due_date', 'date', undefined, addDays(day, INSTALMENTS_AHEAD_DAYS));
			return db('payment_schedules as p')
				.join('sales_orders as o', 'o.id', 'p.order')
				.whereNot('p.state', 'paid')
				.whereRaw(due.sql, due.bindings);
		},
		columns: () => [
			'p.id',
			'o.id as order',
			'o.number',
			'p.state as status',
			'p.due_date as due',
			'p.sequence',
			'p.trigger',
			'p.amount',
			'p.paid_amount',
		],
		due: 'due_date',
		order: 'p.due_date',
	},
	complaints: {
		collection: 'complaints',
		alias: 'k',
		base: (db) => {
			const cutoff = new Date(now().getTime() - DAY_MS);
			const received = instantRange(db, 'k.received_at', undefined, cutoff);
			const created = instantRange(db, 'k.date_created', undefined, cutoff);
			return db('complaints as k').where((w) =>
				w
					.where('k.status', 'escalated')
					.orWhere((o) =>
						o
							.where('k.status', 'open')
							.where((t) =>
								t
									.whereRaw(received.sql, received.bindings)
									.orWhere((n) => n.whereNull('k.received_at').whereRaw(created.sql, created.bindings)),
							),
					),
			);
		},
		columns: () => ['k.id', 'k.number', 'k.status', 'k.received_at', 'k.date_created', 'k.escalated_at'],
		due: 'received_at',
		order: 'k.date_created',
	},
};

async function section(db: Knex, viewer: Viewer, s: Section, day: string, limit: number) {
	const scoped = () => viewer.apply(s.base(db, day), s.collection, `${s.alias}.owner`);
	const [count, rows] = await Promise.all([
		scoped().count({ n: '*' }).first(),
		scoped()
			.leftJoin('customers as c', 'c.id', `${s.alias}.customer`)
			.leftJoin('directus_users as u', 'u.id', `${s.alias}.owner`)
			.select(...s.columns(db), 'c.id as customer', 'c.name as customer_name', `${s.alias}.owner`, 'u.first_name', 'u.last_name', 'u.email')
			.orderBy(s.order)
			.orderBy(`${s.alias}.id`)
			.limit(limit),
	]);
	return {
		count: int(count?.n),
		items: rows.map((r: Row) => {
			const due = s.collection === 'complaints' ? companyDayOf(r.received_at ?? r.date_created) : dayOf(r.due);
			const item: Record<string, unknown> = {
				id: r.id,
				number: r.number,
				status: r.status,
				customer: r.customer,
				customer_name: r.customer_name,
				owner: r.owner,
				owner_name: personName(r),
				[s.due]: due,
				days_late: due ? Math.max(0, daysBetween(due, day)) : null,
			};
			if ('total' in r) Object.assign(item, { total: money(r.total), percent_shipped: r.percent_shipped });
			if ('carrier' in r) Object.assign(item, { carrier: r.carrier, tracking_no: r.tracking_no });
			if ('outstanding' in r) item.outstanding = qty(r.outstanding);
			if ('paid_amount' in r)
				Object.assign(item, {
					order: r.order,
					sequence: r.sequence,
					trigger: r.trigger,
					amount: money(r.amount),
					open: formatMoney(moneyFen(r.amount) - moneyFen(r.paid_amount)),
					days_until: due ? Math.max(0, daysBetween(day, due)) : null,
				});
			if (s.collection === 'complaints') item.escalated_at = instantOf(r.escalated_at)?.toISOString() ?? null;
			return item;
		}),
	};
}

/**
 * 超时未审批: pending approval steps past their due time. Approvals are not owned rows, so the scope is the
 * approvals' own (schema/access.ts): the roles that read every request see all; anyone else the steps asking
 * them (by name or by their approving role) and the requests they made. An owner filter keeps that owner's requests.
 */
async function overdueApprovals(db: Knex, viewer: Viewer, owner: string | undefined, limit: number) {
	const late = instantRange(db, 's.due_at', undefined, now());
	const roles = viewer.user ? approvingRoles(await roleKeysOf(db, viewer.user)) : [];
	const seesAll = !viewer.user || (await roleKeysOf(db, viewer.user)).some((r) => SEES_ALL_APPROVALS.includes(r));
	const base = () => {
		const q = db('approval_steps as s')
			.join('approval_requests as r', 'r.id', 's.request')
			.where({ 's.status': 'pending', 'r.status': 'pending' })
			.whereRaw(late.sql, late.bindings);
		if (owner) q.where('r.requested_by', owner);
		if (!seesAll)
			q.where((w) => {
				w.where('s.approver_user', viewer.user).orWhere('r.requested_by', viewer.user);
				if (roles.length) w.orWhereIn('s.approver_role', roles);
			});
		return q;
	};
	const [count, rows] = await Promise.all([
		base().count({ n: '*' }).first(),
		base()
			.leftJoin('directus_users as u', 'u.id', 's.approver_user')
			.select(
				's.id',
				'r.id as request',
				'r.number',
				'r.collection',
				'r.item',
				'r.document_number',
				's.sequence',
				's.approver_role',
				's.approver_user',
				's.due_at',
				's.reminded_at',
				's.escalated_at',
				'u.first_name',
				'u.last_name',
				'u.email',
			)
			.orderBy('s.due_at')
			.orderBy('s.id')
			.limit(limit),
	]);
	const at = now().getTime();
	return {
		count: int(count?.n),
		items: rows.map((r: Row) => {
			const due = instantOf(r.due_at);
			return {
				// One pending step per request: the request is the row a reader opens.
				id: r.request,
				step: r.id,
				number: r.number,
				collection: r.collection,
				item: r.item,
				document_number: r.document_number,
				sequence: r.sequence,
				approver_role: r.approver_role,
				approver_user: r.approver_user,
				approver_name: r.approver_user ? personName(r) : null,
				due_at: due?.toISOString() ?? null,
				hours_late: due ? Math.floor((at - due.getTime()) / 3_600_000) : null,
				reminded_at: instantOf(r.reminded_at)?.toISOString() ?? null,
				escalated_at: instantOf(r.escalated_at)?.toISOString() ?? null,
			};
		}),
	};
}

/**
 * Surveys to make, as the customer's owner sees them (surveys are scoped by the surveyed customer):
 * after-sales ones (kind `after_sales`, due from the after-sales visit's date) first, then the yearly
 * ones (kind `yearly`, due 365 days after the last survey, or today when there was none).
 */
async function surveysToMake(db: Knex, viewer: Viewer, day: string, limit: number) {
	const afterSales: Row[] = await viewer
		.apply(
			db('visits as v').join('shipments as s', 's.id', 'v.shipment').join('customers as c', 'c.id', 's.customer'),
			'satisfaction_surveys',
			'c.owner',
		)
		.where({ 'v.kind': 'after_sales', 's.status': 'accepted' })
		.whereNotExists((q) => q.select(db.raw('1')).from('satisfaction_surveys as ss').whereRaw('ss.shipment = s.id'))
		.groupBy('s.id', 's.number', 'c.id', 'c.name', 'c.owner')
		.select('s.id as shipment', 's.number', 'c.id as customer', 'c.name as customer_name', 'c.owner')
		.min({ due: 'v.visited_on' });
	const graded: Row[] = await viewer
		.apply(db('customers as c'), 'satisfaction_surveys', 'c.owner')
		.whereIn('c.grade', ['A', 'B'])
		.whereNot('c.status', 'inactive')
		.leftJoin('satisfaction_surveys as ss', 'ss.customer', 'c.id')
		.groupBy('c.id', 'c.code', 'c.name', 'c.grade', 'c.owner')
		.select('c.id as customer', 'c.code', 'c.name as customer_name', 'c.grade', 'c.owner')
		.max({ last: 'ss.surveyed_on' });
	const yearly = surveysDue({
		today: day,
		customers: graded.map((c) => ({ id: c.customer, grade: c.grade as string | null, lastSurveyOn: dayOf(c.last), row: c })),
	});
	// The panel opens the customer (id) and shows the delivery or the customer code (number).
	const items: Row[] = [
		...afterSales
			.map((r): Row => ({ kind: 'after_sales', id: r.customer, ...r, due: dayOf(r.due) }))
			.sort((a, b) => a.due.localeCompare(b.due) || Number(a.shipment) - Number(b.shipment)),
		...yearly
			.map(({ row, lastSurveyOn }) => ({
				kind: 'yearly',
				id: row.customer,
				number: row.code,
				customer: row.customer,
				customer_name: row.customer_name,
				grade: row.grade,
				owner: row.owner,
				last_surveyed_on: lastSurveyOn,
				due: lastSurveyOn ? addDays(lastSurveyOn, 365) : day,
			}))
			// Longest overdue first; among equals the newest customer first.
			.sort((a, b) => a.due.localeCompare(b.due) || Number(b.customer) - Number(a.customer)),
	];
	const owners = [...new Set(items.map((i) => i.owner).filter(Boolean))];
	const users: Row[] = owners.length
		? await db('directus_users').whereIn('id', owners).select('id', 'first_name', 'last_name', 'email')
		: [];
	return {
		count: items.length,
		items: items.slice(0, limit).map((i) => ({
			...i,
			owner_name: personName(users.find((u) => u.id === i.owner)),
			days_late: Math.max(0, daysBetween(i.due, day)),
		})),
	};
}

const report = defineReport({
	name: 'follow-up',
	collections: ['sales_orders', 'shipments', 'loans'],
	optional: ['complaints', 'payment_schedules', 'satisfaction_surveys'],
	filters: zFilters({ owner: zOwner.optional(), rows: zRows(200, 10) }),
	async run(db, viewer, f) {
		const day = today();
		const entries = await Promise.all(
			Object.entries(SECTIONS).map(
				async ([key, s]) => [key, viewer.can(s.collection) ? await section(db, viewer, s, day, f.rows) : null] as const,
			),
		);
		return {
			as_of: day,
			...Object.fromEntries(entries),
			overdue_approvals: await overdueApprovals(db, viewer, f.owner, f.rows),
			surveys_due: viewer.can('satisfaction_surveys') ? await surveysToMake(db, viewer, day, f.rows) : null,
		};
	},
});

export default report;

export type FollowUpReport = ReportData<typeof report>;
