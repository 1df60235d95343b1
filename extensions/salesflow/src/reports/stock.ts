// 库存 / Stock: on hand per product × warehouse with a low-stock flag (on hand below the product's
// threshold), reserved and available to promise, and goods out on loan — outstanding (issued loans:
// quantity − returned − converted) and overdue (expected back before today). Goods on loan follow the
// caller's row access; reserved and available count every promise, like on hand counts every unit,
// and name no order or customer.
import { displayQty } from '../domain/money';
import { today } from '../platform/clock';
import { dayRange, type Row } from '../platform/database';
import { stockAvailability } from '../stock/availability';
import { defineReport, int, qty, qtyMilli, zBool, zFilters, zRowId, zRows, type ReportData } from './report';

const LOW = '(p.low_stock_threshold is not null and sl.on_hand < p.low_stock_threshold)';
const OUT = '(ll.quantity - coalesce(ll.returned_qty, 0) - coalesce(ll.converted_qty, 0))';

const report = defineReport({
	name: 'stock',
	collections: ['stock_levels', 'loans'],
	filters: zFilters({ warehouse: zRowId('warehouse').optional(), low_only: zBool.optional(), rows: zRows(2000, 200) }),
	async run(db, viewer, f) {
		const levels = () => {
			const q = db('stock_levels as sl').join('products as p', 'p.id', 'sl.product').join('warehouses as w', 'w.id', 'sl.warehouse');
			if (f.warehouse) q.where('sl.warehouse', f.warehouse);
			if (f.low_only) q.whereRaw(LOW);
			return q;
		};
		const overdue = dayRange(db, 'l.expected_return_date', 'date', undefined, today());
		const loans = () => {
			const q = viewer.apply(db('loan_lines as ll').join('loans as l', 'l.id', 'll.loan'), 'loans', 'l.owner').where('l.status', 'issued');
			if (f.warehouse) q.where('l.warehouse', f.warehouse);
			return q;
		};
		const [rows, counts, loanRows, loanTotals] = await Promise.all([
			levels()
				.select(
					'sl.product',
					'p.sku',
					'p.name',
					'p.unit',
					'sl.warehouse',
					'w.code as warehouse_code',
					'w.name as warehouse_name',
					'sl.on_hand',
					'p.low_stock_threshold',
					db.raw(`case when ${LOW} then 1 else 0 end as low`),
				)
				.orderByRaw(`case when ${LOW} then 0 else 1 end`)
				.orderBy(['p.sku', 'w.code'])
				.limit(f.rows),
			levels()
				.select(db.raw('count(*) as levels'), db.raw(`sum(case when ${LOW} then 1 else 0 end) as low`))
				.first(),
			loans()
				.join('products as p', 'p.id', 'll.product')
				.select(
					'll.product',
					'p.sku',
					'p.name',
					'l.warehouse',
					db.raw(`sum(${OUT}) as outstanding`),
					db.raw(`sum(case when ${overdue.sql} then ${OUT} else 0 end) as overdue`, overdue.bindings),
				)
				.groupBy('ll.product', 'p.sku', 'p.name', 'l.warehouse')
				.havingRaw(`sum(${OUT}) > 0`),
			loans()
				.select(
					db.raw(`sum(${OUT}) as outstanding`),
					db.raw(`sum(case when ${overdue.sql} then ${OUT} else 0 end) as overdue`, overdue.bindings),
					db.raw('count(distinct l.id) as loans'),
					db.raw(`count(distinct case when ${overdue.sql} then l.id end) as overdue_loans`, overdue.bindings),
				)
				.first(),
		]);
		const onLoan = new Map((loanRows as Row[]).map((r) => [`${r.product}|${r.warehouse}`, r]));
		const listed = [...new Map((rows as Row[]).map((r) => [r.product as number, r])).values()];
		const stock = await stockAvailability(
			db,
			listed.map((r) => r.product),
		);
		return {
			as_of: today(),
			levels: (rows as Row[]).map((r) => {
				const loan = onLoan.get(`${r.product}|${r.warehouse}`);
				const here = stock.get(r.product)?.warehouses.get(r.warehouse);
				return {
					product: r.product,
					sku: r.sku,
					name: r.name,
					unit: r.unit,
					warehouse: r.warehouse,
					warehouse_code: r.warehouse_code,
					warehouse_name: r.warehouse_name,
					on_hand: qty(r.on_hand),
					threshold: r.low_stock_threshold === null ? null : qty(r.low_stock_threshold),
					low: int(r.low) === 1,
					// Promised from this warehouse (approved loans); orders reserve against the product total.
					reserved: displayQty(here?.reserved ?? 0n),
					available: displayQty(here?.available ?? 0n),
					on_loan: qty(loan?.outstanding),
					on_loan_overdue: qty(loan?.overdue),
				};
			}),
			// Per listed product over all its warehouses: what can still be promised to a new order.
			products: listed.map((r) => {
				const total = stock.get(r.product);
				return {
					product: r.product,
					sku: r.sku,
					name: r.name,
					on_hand: displayQty(total?.onHand ?? 0n),
					reserved: displayQty(total?.reserved ?? 0n),
					available: displayQty(total?.available ?? 0n),
				};
			}),
			totals: { levels: int(counts?.levels), low: int(counts?.low) },
			loans: {
				outstanding: qty(loanTotals?.outstanding),
				overdue: qty(loanTotals?.overdue),
				loans: int(loanTotals?.loans),
				overdue_loans: int(loanTotals?.overdue_loans),
				by_product: loanRows
					.map((r: Row) => ({
						product: r.product,
						sku: r.sku,
						name: r.name,
						warehouse: r.warehouse,
						outstanding: qty(r.outstanding),
						overdue: qty(r.overdue),
					}))
					.sort((a, b) => Number(qtyMilli(b.outstanding) - qtyMilli(a.outstanding)))
					.slice(0, 50),
			},
		};
	},
});

export default report;

export type StockReport = ReportData<typeof report>;
