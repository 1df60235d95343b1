// 提成 / Commission (seed 001 薪酬绩效考核): per rep, what was received in a month — the receipt
// allocations to invoices made that month — and the commission on it at the rate table's rates
// (domain/commission.ts: each allocation spread over its invoice's lines, exact to the fen). The
// rep is the invoiced customer's owner; the caller sees the reps of the allocations they may read.
import { type CommissionRateRow, commissionOf } from '../domain/commission';
import { parseMoney } from '../domain/money';
import { startOfDay } from '../platform/clock';
import { instantRange, lineFen, type Row, whole } from '../platform/database';
import { currentMonth, defineReport, monthStart, personName, type ReportData, zFilters, zMonth, zOwner } from './report';

const report = defineReport({
	name: 'commission',
	collections: ['receipt_allocations', 'commission_rates'],
	filters: zFilters({ period: zMonth.optional(), owner: zOwner.optional() }),
	async run(db, viewer, f) {
		const period = f.period ?? currentMonth();
		const made = instantRange(db, 'a.date_created', startOfDay(monthStart(period)), startOfDay(monthStart(period, 1)));
		const allocations: Row[] = await viewer
			.apply(
				db('receipt_allocations as a').join('invoices as i', 'i.id', 'a.invoice').join('customers as c', 'c.id', 'i.customer'),
				'receipt_allocations',
				'c.owner',
			)
			.whereNotNull('c.owner')
			.whereRaw(made.sql, made.bindings)
			.orderBy('a.id')
			.select('a.id', 'a.invoice', 'a.amount', 'c.owner as rep', 'c.grade');
		const invoices = [...new Set(allocations.map((a) => a.invoice))];
		const lines: Row[] = invoices.length
			? await db('invoice_lines as l')
					.leftJoin('products as p', 'p.id', 'l.product')
					.whereIn('l.invoice', invoices)
					.orderBy('l.id')
					.select('l.invoice', 'p.product_group', db.raw(`${lineFen(db, 'l.quantity', 'l.unit_price')} as total_fen`))
			: [];
		const rates: CommissionRateRow[] = await db('commission_rates').orderBy('id').select('product_group', 'customer_grade', 'rate');
		const { reps } = commissionOf(
			allocations.map((a) => ({
				rep: String(a.rep),
				customerGrade: a.grade ?? null,
				amountFen: parseMoney(a.amount, 'amount'),
				invoiceLines: lines
					.filter((l) => String(l.invoice) === String(a.invoice))
					.map((l) => ({ productGroup: l.product_group || null, totalFen: whole(l.total_fen) })),
			})),
			rates,
		);
		const users: Row[] = reps.length
			? await db('directus_users')
					.whereIn(
						'id',
						reps.map((r) => r.rep),
					)
					.select('id', 'first_name', 'last_name', 'email')
			: [];
		return {
			period,
			rows: reps
				.map((r) => ({ ...r, name: personName(users.find((u) => u.id === r.rep)) }))
				.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.rep.localeCompare(b.rep)),
		};
	},
});

export default report;

export type CommissionReport = ReportData<typeof report>;
