// 销售趋势 / Sales trend: per month of the last N, what was ordered (confirmed orders by
// confirmation), shipped (issued delivery notes: their lines at their prices), invoiced (issued invoices, red
// ones net) and received (confirmed receipts). One grouped query per figure.
import type { Knex } from 'knex';
import { formatMoney, sumMoney } from '../domain/money';
import { type ColumnKind, dayBuckets, dayRange } from '../platform/database';
import type { Viewer } from '../platform/row-scope';
import { currentMonth, defineReport, money, moneyFen, monthStart, zFilters, zMonth, zMonths, zOwner, type ReportData } from './report';

export const CONFIRMED_OR_LATER = ['confirmed', 'partially_shipped', 'shipped', 'closed'];
export const ISSUED_SHIPMENT = ['issued', 'delivered', 'accepted'];

const SERIES = ['ordered', 'shipped', 'invoiced', 'received'] as const;
type Series = (typeof SERIES)[number];

/** Where each figure comes from: rows of (at, amount) in the caller's scope, at a date of `kind`. */
type Source = { column: string; kind: ColumnKind; rows: (db: Knex, v: Viewer) => Knex.QueryBuilder };

const SOURCES: Record<Series, Source> = {
	ordered: {
		column: 'o.confirmed_at',
		kind: 'timestamp',
		rows: (db, v) =>
			v
				.apply(db('sales_orders as o').whereIn('o.status', CONFIRMED_OR_LATER), 'sales_orders', 'o.owner')
				.select('o.confirmed_at as at', 'o.total as amount'),
	},
	// Each note's own amount (its lines at their prices, kept with them): notes are read, not their lines.
	shipped: {
		column: 's.issued_at',
		kind: 'timestamp',
		rows: (db, v) =>
			v
				.apply(db('shipments as s').whereIn('s.status', ISSUED_SHIPMENT), 'shipments', 's.owner')
				.select('s.issued_at as at', 's.amount as amount'),
	},
	invoiced: {
		column: 'i.issue_date',
		kind: 'date',
		rows: (db, v) =>
			v
				.apply(db('invoices as i').join('customers as c', 'c.id', 'i.customer').where('i.status', 'issued'), 'invoices', 'c.owner')
				.select('i.issue_date as at', 'i.total as amount'),
	},
	received: {
		column: 'r.received_on',
		kind: 'date',
		rows: (db, v) =>
			v
				.apply(db('receipts as r').join('customers as c', 'c.id', 'r.customer').where('r.status', 'confirmed'), 'receipts', 'c.owner')
				.select('r.received_on as at', 'r.amount as amount'),
	},
};

const report = defineReport({
	name: 'sales-trend',
	collections: ['sales_orders', 'shipments', 'invoices', 'receipts'],
	filters: zFilters({ months: zMonths, to: zMonth.optional(), owner: zOwner.optional() }),
	async run(db, viewer, f) {
		const last = f.to ?? currentMonth();
		const bounds = Array.from({ length: f.months + 1 }, (_, i) => monthStart(last, i - f.months + 1));
		const months = bounds
			.slice(0, -1)
			.map((b) => ({ month: b.slice(0, 7), ordered: '0.00', shipped: '0.00', invoiced: '0.00', received: '0.00' }));
		await Promise.all(
			SERIES.map(async (series) => {
				const s = SOURCES[series];
				const range = dayRange(db, s.column, s.kind, bounds[0], bounds.at(-1));
				const bucket = dayBuckets(db, 't.at', s.kind, bounds);
				const rows = await db
					.from(s.rows(db, viewer).whereRaw(range.sql, range.bindings).as('t'))
					.select(db.raw(`${bucket.sql} as bucket`, bucket.bindings))
					.sum({ amount: 't.amount' })
					.groupBy('bucket');
				for (const r of rows) if (r.bucket !== null) months[Number(r.bucket)]![series] = money(r.amount);
			}),
		);
		const totals = Object.fromEntries(SERIES.map((s) => [s, formatMoney(sumMoney(months.map((m) => moneyFen(m[s]))))]));
		return { from: months[0]!.month, to: last, months, totals };
	},
});

export default report;

export type SalesTrendReport = ReportData<typeof report>;
