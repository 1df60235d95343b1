// 应收账龄 / Receivables aging for the cockpit: open amounts of issued blue invoices (issued on or
// before the as-of date) by days overdue, per customer, per owner and in total. SQL sums by
// (customer, bucket); domain/aging.ts decides the buckets and adds up exactly.
// The full ledger view is /reconciliation/aging; this one stays small on purpose.
import { addDays } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import { AGING_BUCKETS, AGING_LABELS, agingBucket, aggregateAging, type AgingBucket } from '../../domain/aging';
import { dayRange, defineReport, moneyFen, personName, today, zDay, zFilters, zRows, zOwner } from './report';

/** Due-date bounds of each bucket as of a day: [from, to), open ends undefined. */
function bucketBounds(asOf: string): Record<AgingBucket, [string | undefined, string | undefined]> {
	const back = (days: number) => addDays(asOf, -days);
	return {
		not_due: [asOf, undefined],
		d1_30: [back(30), asOf],
		d31_60: [back(60), back(30)],
		d61_90: [back(90), back(60)],
		d90_plus: [undefined, back(90)],
	};
}

/** A due date that falls in each bucket, for domain/aging.ts to place the SQL sums. */
const sample = (asOf: string): Record<AgingBucket, string> => ({
	not_due: asOf,
	d1_30: addDays(asOf, -1),
	d31_60: addDays(asOf, -31),
	d61_90: addDays(asOf, -61),
	d90_plus: addDays(asOf, -91),
});

export default defineReport({
	name: 'aging',
	collections: ['invoices', 'customers'],
	filters: zFilters({ as_of: zDay.optional(), owner: zOwner.optional(), rows: zRows(500, 20) }),
	async run(db, viewer, f) {
		const asOf = f.as_of ?? today();
		const bounds = bucketBounds(asOf);
		const whens: string[] = [];
		const bindings: unknown[] = [];
		AGING_BUCKETS.forEach((b, i) => {
			const r = dayRange(db, 'i.due_date', 'date', ...bounds[b]);
			whens.push(`when ${r.sql} then ${i}`);
			bindings.push(...r.bindings);
		});
		const issued = dayRange(db, 'i.issue_date', 'date', undefined, addDays(asOf, 1));
		const rows = await viewer
			.apply(db('invoices as i').join('customers as c', 'c.id', 'i.customer'), 'invoices', 'c.owner')
			.where({ 'i.direction': 'blue', 'i.status': 'issued' })
			.where('i.open_amount', '>', 0)
			.whereRaw(issued.sql, issued.bindings)
			.select('i.customer', 'c.owner', db.raw(`case ${whens.join(' ')} else 0 end as bucket`, bindings))
			.sum({ open: 'i.open_amount' })
			.groupBy('i.customer', 'c.owner', 'bucket');

		const dates = sample(asOf);
		const aging = aggregateAging(
			rows.map((r: any) => {
				const bucket = AGING_BUCKETS[Number(r.bucket)]!;
				if (agingBucket(dates[bucket], asOf) !== bucket) throw new Error(`aging buckets out of step for ${bucket}`);
				return { customer: r.customer, owner: r.owner, open: r.open, due_date: dates[bucket] };
			}),
			asOf,
		);
		const top = aging.customers
			.map((c) => ({ c, fen: moneyFen(c.total) }))
			.sort((a, b) => (b.fen > a.fen ? 1 : b.fen < a.fen ? -1 : 0))
			.slice(0, f.rows)
			.map(({ c }) => c);
		const ownerIds = [...new Set(aging.owners.map((o) => o.owner).filter(Boolean))] as string[];
		const [names, users] = await Promise.all([
			top.length
				? db('customers')
						.whereIn(
							'id',
							top.map((c) => c.customer),
						)
						.select('id', 'name', 'code')
				: [],
			ownerIds.length ? db('directus_users').whereIn('id', ownerIds).select('id', 'first_name', 'last_name', 'email') : [],
		]);
		const customer = new Map(names.map((c: any) => [String(c.id), c]));
		const user = new Map(users.map((u: any) => [u.id, u]));
		const overdue = (f: { total: string; not_due: string }) => formatMoney(moneyFen(f.total) - moneyFen(f.not_due));
		return {
			as_of: asOf,
			buckets: AGING_BUCKETS.map((key) => ({ key, label: AGING_LABELS[key] })),
			totals: { ...aging.totals, overdue: overdue(aging.totals) },
			customer_count: aging.customers.length,
			customers: top.map((c) => ({
				...c,
				overdue: overdue(c),
				name: customer.get(String(c.customer))?.name ?? null,
				code: customer.get(String(c.customer))?.code ?? null,
				owner_name: personName(user.get(c.owner)),
			})),
			owners: aging.owners.map((o) => ({ ...o, overdue: overdue(o), name: personName(user.get(o.owner)) })),
		};
	},
});
