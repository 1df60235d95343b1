// 销售漏斗 / Pipeline: customers by grade and intent, quotes by status with their amounts, and
// how many approved quotes became orders.
import { formatMoney, sumMoney } from '../domain/money';
import type { Row } from '../platform/database';
import { defineReport, int, money, moneyFen, percent, zFilters, zOwner, type ReportData } from './report';

export const GRADES = ['A', 'B', 'C', 'D'];
export const INTENTS = ['high', 'medium', 'low'];
export const QUOTE_STATUSES = ['draft', 'submitted', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'];
/** Quotes that passed approval: the base of the conversion rate. */
export const APPROVED_OR_LATER = ['approved', 'sent', 'accepted', 'expired'];
const DEAD_ORDER = ['cancelled', 'rejected'];

const report = defineReport({
	name: 'pipeline',
	collections: ['customers', 'quotes', 'sales_orders'],
	filters: zFilters({ owner: zOwner.optional() }),
	async run(db, viewer) {
		const [customerRows, quoteRows, conversion] = await Promise.all([
			viewer
				.apply(db('customers as c'), 'customers', 'c.owner')
				.where((w) => w.whereNull('c.status').orWhereNot('c.status', 'inactive'))
				.select('c.grade', 'c.intent')
				.count({ n: '*' })
				.groupBy('c.grade', 'c.intent'),
			viewer
				.apply(db('quotes as q'), 'quotes', 'q.owner')
				.select('q.status')
				.count({ n: '*' })
				.sum({ amount: 'q.total' })
				.groupBy('q.status'),
			viewer
				.apply(db('quotes as q'), 'quotes', 'q.owner')
				.whereIn('q.status', APPROVED_OR_LATER)
				.select(
					db.raw('count(*) as approved'),
					db.raw(
						`sum(case when exists (select 1 from sales_orders o where o.quote = q.id and o.status not in (${DEAD_ORDER.map(() => '?').join(', ')})) then 1 else 0 end) as converted`,
						DEAD_ORDER,
					),
				)
				.first(),
		]);

		const grid = GRADES.map((grade) => ({ grade, high: 0, medium: 0, low: 0, other: 0, total: 0 }));
		for (const r of customerRows as Row[]) {
			let row = grid.find((g) => g.grade === r.grade);
			if (!row) {
				row = { grade: r.grade ?? '-', high: 0, medium: 0, low: 0, other: 0, total: 0 };
				grid.push(row);
			}
			const key = INTENTS.includes(r.intent) ? (r.intent as 'high' | 'medium' | 'low') : 'other';
			row[key] += int(r.n);
			row.total += int(r.n);
		}
		const quotes = QUOTE_STATUSES.map((status) => {
			const r = (quoteRows as Row[]).find((q) => q.status === status);
			return { status, count: int(r?.n), amount: money(r?.amount) };
		});
		const approved = int(conversion?.approved);
		const converted = int(conversion?.converted);
		return {
			customers: { by_grade: grid, total: grid.reduce((a, g) => a + g.total, 0) },
			quotes: {
				by_status: quotes,
				count: quotes.reduce((a, q) => a + q.count, 0),
				amount: formatMoney(sumMoney(quotes.map((q) => moneyFen(q.amount)))),
				open_amount: formatMoney(
					sumMoney(
						quotes.filter((q) => ['submitted', 'pending_approval', 'approved', 'sent'].includes(q.status)).map((q) => moneyFen(q.amount)),
					),
				),
			},
			conversion: { approved, converted, rate: percent(BigInt(converted), BigInt(approved)) },
		};
	},
});

export default report;

export type PipelineReport = ReportData<typeof report>;
