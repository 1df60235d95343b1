// Builds what the approval conditions look at from a document in the database.
import type { Knex } from 'knex';
import type { ApprovalContext, ApprovalLine } from '../domain/approval/context';
import { lineTotal, parseMoney, parseQty, parseRate } from '../domain/money';

const money = (v: unknown) => (v === null || v === undefined ? null : parseMoney(v as string));
const QUOTE_COVERS = ['approved', 'sent', 'accepted'];

async function pricedLines(
	db: Knex,
	table: string,
	fk: string,
	id: number | string,
	coveredBy?: Map<number, bigint>,
): Promise<ApprovalLine[]> {
	const rows = await db(`${table} as l`)
		.join('products as p', 'p.id', 'l.product')
		.where(`l.${fk}`, id)
		.orderBy('l.id')
		.select('l.*', 'p.sku', 'p.list_price as p_list', 'p.floor_price as p_floor', 'p.cost_price as p_cost', 'p.tax_rate as p_rate');
	return rows.map((r: any, i: number) => {
		const unit = parseMoney(r.unit_price);
		const quoted = coveredBy?.get(r.product);
		return {
			index: i + 1,
			sku: r.sku,
			quantityMilli: parseQty(r.quantity),
			unitPriceFen: unit,
			listPriceFen: money(r.list_price ?? r.p_list),
			floorPriceFen: money(r.floor_price ?? r.p_floor),
			costPriceFen: money(r.cost_price ?? r.p_cost),
			rate10k: parseRate(r.tax_rate ?? r.p_rate ?? 0),
			coveredByApprovedQuote: quoted !== undefined && unit >= quoted,
		};
	});
}

/** Open receivables plus confirmed orders not yet invoiced, for one customer. */
export async function creditExposure(db: Knex, customer: number, excludeOrder?: number): Promise<bigint> {
	const invoices = await db('invoices').where({ customer, status: 'issued', direction: 'blue' }).select('open_amount');
	let exposure = invoices.reduce((s: bigint, r: any) => s + parseMoney(r.open_amount), 0n);
	const lines = await db('sales_order_lines as l')
		.join('sales_orders as o', 'o.id', 'l.order')
		.where('o.customer', customer)
		.whereIn('o.status', ['confirmed', 'partially_shipped', 'shipped'])
		.modify((q) => excludeOrder && q.whereNot('o.id', excludeOrder))
		.select('l.quantity', 'l.invoiced_qty', 'l.unit_price');
	for (const l of lines) exposure += lineTotal(parseQty(l.quantity) - parseQty(l.invoiced_qty), parseMoney(l.unit_price));
	return exposure;
}

export async function buildApprovalContext(db: Knex, collection: string, row: any): Promise<ApprovalContext> {
	const ctx: ApprovalContext = { collection, amountFen: 0n, lines: [] };
	switch (collection) {
		case 'quotes':
			ctx.lines = await pricedLines(db, 'quote_lines', 'quote', row.id);
			ctx.amountFen = parseMoney(row.total);
			break;
		case 'contracts':
			ctx.amountFen = parseMoney(row.amount);
			break;
		case 'sales_orders': {
			let covered: Map<number, bigint> | undefined;
			if (row.quote) {
				const quote = await db('quotes').where({ id: row.quote, customer: row.customer }).first('status');
				if (quote && QUOTE_COVERS.includes(quote.status)) {
					const ql = await db('quote_lines').where({ quote: row.quote }).select('product', 'unit_price');
					covered = new Map(ql.map((q: any) => [q.product, parseMoney(q.unit_price)]));
				}
			}
			ctx.lines = await pricedLines(db, 'sales_order_lines', 'order', row.id, covered);
			ctx.amountFen = parseMoney(row.total);
			const customer = await db('customers').where({ id: row.customer }).first('credit_limit');
			ctx.credit = { limitFen: money(customer?.credit_limit), exposureFen: await creditExposure(db, row.customer, row.id) };
			break;
		}
		case 'loan_conversions': {
			const rows = await db('loan_conversion_lines as c')
				.join('loan_lines as ll', 'll.id', 'c.loan_line')
				.join('products as p', 'p.id', 'll.product')
				.where('c.conversion', row.id)
				.orderBy('c.id')
				.select('c.quantity', 'c.unit_price', 'p.sku', 'p.list_price', 'p.floor_price', 'p.cost_price', 'p.tax_rate');
			ctx.lines = rows.map((r: any, i: number) => ({
				index: i + 1,
				sku: r.sku,
				quantityMilli: parseQty(r.quantity),
				unitPriceFen: parseMoney(r.unit_price),
				listPriceFen: money(r.list_price),
				floorPriceFen: money(r.floor_price),
				costPriceFen: money(r.cost_price),
				rate10k: parseRate(r.tax_rate),
				coveredByApprovedQuote: false,
			}));
			ctx.amountFen = ctx.lines.reduce((s, l) => s + lineTotal(l.quantityMilli, l.unitPriceFen), 0n);
			break;
		}
		case 'return_requests':
			ctx.amountFen = parseMoney(row.total);
			break;
	}
	return ctx;
}
