// 应收账龄 / Receivables aging for the cockpit: the same figures as /reconciliation/aging
// (receivables.ts), within the caller's scope, with the largest customers and what is overdue.
import { AGING_BUCKETS, AGING_LABELS } from '../domain/aging';
import { formatMoney } from '../domain/money';
import { today } from '../platform/clock';
import { agingReport } from './receivables';
import { defineReport, moneyFen, zDay, zFilters, zOwner, zRows, type ReportData } from './report';

const overdue = (f: { total: string; not_due: string }) => formatMoney(moneyFen(f.total) - moneyFen(f.not_due));

const report = defineReport({
	name: 'aging',
	collections: ['invoices', 'customers'],
	filters: zFilters({ as_of: zDay.optional(), owner: zOwner.optional(), rows: zRows(500, 20) }),
	async run(db, viewer, f) {
		const aging = await agingReport(db, f.as_of ?? today(), viewer.condition('invoices', 'c.owner'));
		const owners = new Map(aging.owners.map((o) => [o.owner, o.name]));
		const top = aging.customers
			.map((c) => ({ c, fen: moneyFen(c.total) }))
			.sort((a, b) => (b.fen > a.fen ? 1 : b.fen < a.fen ? -1 : 0))
			.slice(0, f.rows)
			.map(({ c }) => c);
		return {
			as_of: aging.as_of,
			buckets: AGING_BUCKETS.map((key) => ({ key, label: AGING_LABELS[key] })),
			totals: { ...aging.totals, overdue: overdue(aging.totals) },
			customer_count: aging.customers.length,
			customers: top.map((c) => ({ ...c, overdue: overdue(c), owner_name: owners.get(c.owner) ?? null })),
			owners: aging.owners.map((o) => ({ ...o, overdue: overdue(o) })),
		};
	},
});

export default report;

export type AgingReport = ReportData<typeof report>;
