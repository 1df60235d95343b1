// 提成 / Commission (seed 001 薪酬绩效考核): per rep, what was received in a month — the receipt
// allocations to invoices made that month — and the commission on it at the rate table's rates
// (domain/commission.ts: each allocation spread over its invoice's lines, exact to the fen). The
// rep is the invoiced customer's owner; the caller sees the reps of the allocations they may read.
// The monthly commission statements (documents/commission-statements) freeze the same figures.
import type { Knex } from 'knex';
import { type CommissionLine, type CommissionRateRow, commissionOf, type RepCommission } from '../domain/commission';
import { parseMoney } from '../domain/money';
import { startOfDay } from '../platform/clock';
import { instantRange, lineFen, type Row, whole } from '../platform/database';
import { currentMonth, defineReport, monthStart, personName, type ReportData, zFilters, zMonth, zOwner } from './report';

/** A line of the detail with what it stands for: the allocation, its invoice and the invoice line's product. */
export type CommissionDetail = CommissionLine & { allocationId: number; invoice: number; product: number | null };

/**
 * The commission on a month's allocations to invoices (made in the month, by the company's clock), per
 * rep and per invoice line. `narrow` limits the allocations (`c.owner` is the rep).
 */
export async function monthCommission(
	db: Knex,
	period: string,
	narrow: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<{ reps: RepCommission[]; lines: CommissionDetail[] }> {
	const made = instantRange(db, 'a.date_created', startOfDay(monthStart(period)), startOfDay(monthStart(period, 1)));
	const allocations: Row[] = await narrow(
		db('receipt_allocations as a').join('invoices as i', 'i.id', 'a.invoice').join('customers as c', 'c.id', 'i.customer'),
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
				.select('l.invoice', 'l.product', 'p.product_group', db.raw(`${lineFen(db, 'l.quantity', 'l.unit_price')} as total_fen`))
		: [];
	const byInvoice = new Map<string, Row[]>();
	for (const l of lines) {
		const of = byInvoice.get(String(l.invoice));
		if (of) of.push(l);
		else byInvoice.set(String(l.invoice), [l]);
	}
	const linesOf = (a: Row) => byInvoice.get(String(a.invoice)) ?? [];
	const rates: CommissionRateRow[] = await db('commission_rates').orderBy('id').select('product_group', 'customer_grade', 'rate');
	const result = commissionOf(
		allocations.map((a) => ({
			rep: String(a.rep),
			customerGrade: a.grade ?? null,
			amountFen: parseMoney(a.amount, 'amount'),
			invoiceLines: linesOf(a).map((l) => ({ productGroup: l.product_group || null, totalFen: whole(l.total_fen) })),
		})),
		rates,
	);
	return {
		reps: result.reps,
		lines: result.lines.map((l) => {
			const a = allocations[l.allocation]!;
			return { ...l, allocationId: Number(a.id), invoice: Number(a.invoice), product: linesOf(a)[l.line]!.product ?? null };
		}),
	};
}

const report = defineReport({
	name: 'commission',
	collections: ['receipt_allocations', 'commission_rates'],
	filters: zFilters({ period: zMonth.optional(), owner: zOwner.optional() }),
	async run(db, viewer, f) {
		const period = f.period ?? currentMonth();
		const { reps } = await monthCommission(db, period, (q) => viewer.apply(q, 'receipt_allocations', 'c.owner'));
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
