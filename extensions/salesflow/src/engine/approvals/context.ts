// What the approval conditions look at, read from the database: a document's priced lines with the
// product's list, floor and cost prices (the snapshots on the line win). Each document type builds its
// own context from these (documents/<type>/index.ts → approvalContext).
import type { Knex } from 'knex';
import type { ApprovalLine, ProductRef } from '../../domain/approval/context';
import { type DecimalInput, parseMoney, parseQty, parseRate } from '../../domain/money';
import type { Row } from '../../platform/database';
import type { Id } from '../document-type';

const moneyOrNull = (v: unknown) => (v === null || v === undefined ? null : parseMoney(v as DecimalInput));

/** A priced line as the conditions see it; `quotedFen` is the price an approved quote granted, if any. */
export const approvalLine = (r: Row, index: number, quotedFen?: bigint): ApprovalLine => {
	const unit = parseMoney(r.unit_price);
	return {
		index,
		sku: r.sku,
		quantityMilli: parseQty(r.quantity),
		unitPriceFen: unit,
		listPriceFen: moneyOrNull(r.list_price ?? r.p_list),
		floorPriceFen: moneyOrNull(r.floor_price ?? r.p_floor),
		costPriceFen: moneyOrNull(r.cost_price ?? r.p_cost),
		rate10k: parseRate(r.tax_rate ?? r.p_rate ?? 0),
		coveredByApprovedQuote: quotedFen !== undefined && unit >= quotedFen,
	};
};

/** The lines of `table` whose `fk` is the document, in order, with their products' prices. */
export async function pricedLines(db: Knex, table: string, fk: string, id: Id, coveredBy?: Map<number, bigint>): Promise<ApprovalLine[]> {
	const rows: Row[] = await db(`${table} as l`)
		.join('products as p', 'p.id', 'l.product')
		.where(`l.${fk}`, id)
		.orderBy('l.id')
		.select('l.*', 'p.sku', 'p.list_price as p_list', 'p.floor_price as p_floor', 'p.cost_price as p_cost', 'p.tax_rate as p_rate');
	return rows.map((r, i) => approvalLine(r, i + 1, coveredBy?.get(r.product)));
}

/** The distinct products of a document's lines with their product managers, in the order they first appear. */
export async function productsOf(db: Knex, productIds: Id[]): Promise<ProductRef[]> {
	const ids = [...new Set(productIds.map(String))];
	const rows: Row[] = ids.length ? await db('products').whereIn('id', ids).select('id', 'sku', 'product_manager') : [];
	const byId = new Map(rows.map((r) => [String(r.id), r]));
	return ids.filter((id) => byId.has(id)).map((id) => ({ sku: byId.get(id)!.sku, manager: byId.get(id)!.product_manager ?? null }));
}
