// 销售业绩 / Rep performance for a month: target vs confirmed order amount, new customers and
// visits done, per rep in the caller's scope (a rep sees themself, a manager the team).
import { roleId } from '../domain/ids';
import { formatMoney, sumMoney } from '../domain/money';
import { dayRange, type Row } from '../platform/database';

/** A row of one of the grouped queries: the rep and their figure. */
type RepRow = Row & { rep: string };
import { CONFIRMED_OR_LATER } from './sales-trend';
import {
	currentMonth,
	defineReport,
	int,
	money,
	moneyFen,
	monthStart,
	percent,
	personName,
	zFilters,
	zMonth,
	zOwner,
	type ReportData,
} from './report';

type RepFigures = {
	rep: string;
	name: string | null;
	target: string | null;
	actual: string;
	orders: number;
	achievement: string | null;
	new_customers: number;
	new_customers_target: number | null;
	visits: number;
	visits_target: number | null;
};

const report = defineReport({
	name: 'rep-performance',
	collections: ['sales_targets', 'sales_orders', 'customers', 'visits'],
	filters: zFilters({ period: zMonth.optional(), owner: zOwner.optional() }),
	async run(db, viewer, f) {
		const period = f.period ?? currentMonth();
		const from = monthStart(period);
		const to = monthStart(period, 1);
		const confirmed = dayRange(db, 'o.confirmed_at', 'timestamp', from, to);
		const created = dayRange(db, 'c.date_created', 'timestamp', from, to);
		const visited = dayRange(db, 'v.visited_on', 'date', from, to);
		const [targets, orders, customers, visits] = await Promise.all([
			viewer
				.apply(db('sales_targets as t'), 'sales_targets', 't.rep')
				.where('t.period', period)
				.select('t.rep as rep', 't.amount', 't.new_customers', 't.visits'),
			viewer
				.apply(db('sales_orders as o'), 'sales_orders', 'o.owner')
				.whereIn('o.status', CONFIRMED_OR_LATER)
				.whereRaw(confirmed.sql, confirmed.bindings)
				.select('o.owner as rep')
				.count({ n: '*' })
				.sum({ amount: 'o.total' })
				.groupBy('o.owner'),
			viewer
				.apply(db('customers as c'), 'customers', 'c.owner')
				.whereRaw(created.sql, created.bindings)
				.select('c.owner as rep')
				.count({ n: '*' })
				.groupBy('c.owner'),
			viewer
				.apply(db('visits as v'), 'visits', 'v.owner')
				.where('v.state', 'done')
				.whereRaw(visited.sql, visited.bindings)
				.select('v.owner as rep')
				.count({ n: '*' })
				.groupBy('v.owner'),
		]);
		// Reps listed: everyone with the sales-rep role in scope, plus anyone with a target or figures.
		const active = new Set(([...targets, ...orders, ...customers, ...visits] as RepRow[]).map((r) => r.rep).filter(Boolean));
		const users = await viewer
			.apply(db('directus_users as u'), 'sales_orders', 'u.id')
			.where((w) => w.where((r) => r.where('u.role', roleId('sales_rep')).where('u.status', 'active')).orWhereIn('u.id', [...active]))
			.select('u.id', 'u.first_name', 'u.last_name', 'u.email')
			.orderBy(['u.last_name', 'u.first_name', 'u.id']);

		const by = <T extends { rep: string }>(rows: T[]) => new Map(rows.map((r) => [r.rep, r]));
		const [t, o, c, v] = [by(targets as RepRow[]), by(orders as RepRow[]), by(customers as RepRow[]), by(visits as RepRow[])];
		const rows = (users as Row[]).map((u): RepFigures => {
			const target = t.get(u.id);
			const actual = moneyFen(o.get(u.id)?.amount);
			return {
				rep: u.id,
				name: personName(u),
				target: target ? money(target.amount) : null,
				actual: formatMoney(actual),
				orders: int(o.get(u.id)?.n),
				achievement: target ? percent(actual, moneyFen(target.amount)) : null,
				new_customers: int(c.get(u.id)?.n),
				new_customers_target: target?.new_customers ?? null,
				visits: int(v.get(u.id)?.n),
				visits_target: target?.visits ?? null,
			};
		});
		const targetSum = sumMoney(rows.map((r) => moneyFen(r.target)));
		const actualSum = sumMoney(rows.map((r) => moneyFen(r.actual)));
		return {
			period,
			reps: rows,
			totals: {
				target: formatMoney(targetSum),
				actual: formatMoney(actualSum),
				achievement: percent(actualSum, targetSum),
				orders: rows.reduce((a, r) => a + r.orders, 0),
				new_customers: rows.reduce((a, r) => a + r.new_customers, 0),
				visits: rows.reduce((a, r) => a + r.visits, 0),
			},
		};
	},
});

export default report;

export type RepPerformanceReport = ReportData<typeof report>;
