// Orders against a contract (合同执行), the database side of domain/contracts.ts: the contract's terms,
// and what the other open orders against it already take, each read in one grouped query.
import type { Knex } from 'knex';
import { checkCallOff, checkFrameworkCallOff } from '../../domain/contracts';
import { DomainError, ErrorCode } from '../../domain/errors';
import { type DecimalInput, lineTotal, parseMoney, parseQty, sumMoney } from '../../domain/money';
import type { Id } from '../../engine/document-type';
import { fen, milli, type Row, sumFen, whole } from '../../platform/database';

/**
 * Orders that take from their contract: CONTRACT.md's "open" orders — every order but a draft, a
 * rejected, a cancelled or a closed one. Its list names the statuses still being delivered; a shipped
 * order is not in it but not excluded either, and it keeps what it took (else a contract for 10 could
 * be called off 10 at a time, once each order had shipped).
 */
export const OPEN_ORDERS = ['submitted', 'pending_approval', 'confirmed', 'partially_shipped', 'shipped'];

export type CallOffLine = { product: number; quantity: DecimalInput; unit_price: DecimalInput };

/** The open orders against a contract, but `except` (an order being checked against it). */
const openOrders = (contract: Id, except?: Id) => (q: Knex.QueryBuilder) =>
	q
		.where('o.contract', contract)
		.whereIn('o.status', OPEN_ORDERS)
		.modify((w) => except !== undefined && w.whereNot('o.id', except));

/** What the open orders against a contract take, per product: quantity and the lowest unit price they pay. */
export async function openOrdersTake(
	db: Knex,
	contract: Id,
	except?: Id,
): Promise<Map<number, { quantityMilli: bigint; lowestPriceFen: bigint }>> {
	const rows: Row[] = await db('sales_order_lines as l')
		.join('sales_orders as o', 'o.id', 'l.order')
		.modify(openOrders(contract, except))
		.groupBy('l.product')
		.select('l.product', db.raw(`SUM(${milli(db, 'l.quantity')}) as milli`), db.raw(`MIN(${fen(db, 'l.unit_price')}) as fen`));
	return new Map(rows.map((r) => [Number(r.product), { quantityMilli: whole(r.milli), lowestPriceFen: whole(r.fen) }]));
}

/** The total of the open orders against a (framework) contract, in fen. */
export async function openOrdersTotal(db: Knex, contract: Id, except?: Id): Promise<bigint> {
	const [row] = await db('sales_orders as o')
		.modify(openOrders(contract, except))
		.select(db.raw(`${sumFen(db, 'o.total').sql} as fen`)); // a column: no bindings
	return whole(row?.fen);
}

const mismatch = (message: string, extensions: Record<string, unknown>) =>
	new DomainError(ErrorCode.CONTRACT_MISMATCH, message, 409, extensions);

/**
 * 409 CONTRACT_MISMATCH unless an order of `customer` with `lines` fits `contract`: the same customer,
 * a signed contract, and its lines' products, quantities (with the other open orders') and prices — or,
 * for a framework contract, its amount. `order` is the order itself once it exists (left out of "others").
 */
export async function assertWithinContract(db: Knex, contract: Row, x: { order?: Id; customer: Id; lines: CallOffLine[] }): Promise<void> {
	const at = { contract: contract.number };
	if (String(contract.customer) !== String(x.customer))
		throw mismatch(`contract ${contract.number} is for another customer`, { ...at, field: 'contract' });
	if (contract.status !== 'signed')
		throw mismatch(`contract ${contract.number} is ${contract.status}; only a signed contract takes orders`, {
			...at,
			status: contract.status,
		});
	const terms: Row[] = await db('contract_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.contract', contract.id)
		.select('l.product', 'p.sku', 'l.quantity', 'l.unit_price');
	if (!terms.length) {
		checkFrameworkCallOff({
			contract: contract.number,
			amountFen: parseMoney(contract.amount ?? 0),
			orderedElsewhereFen: await openOrdersTotal(db, contract.id, x.order),
			orderFen: sumMoney(x.lines.map((l) => lineTotal(parseQty(l.quantity), parseMoney(l.unit_price)))),
		});
		return;
	}
	const taken = await openOrdersTake(db, contract.id, x.order);
	const skus = new Map<number, string>(
		(
			await db('products')
				.whereIn('id', [...new Set(x.lines.map((l) => l.product))])
				.select('id', 'sku')
		).map((p: Row) => [p.id, p.sku]),
	);
	checkCallOff({
		contract: contract.number,
		lines: terms.map((t) => ({
			product: t.product,
			sku: t.sku,
			quantityMilli: parseQty(t.quantity),
			unitPriceFen: parseMoney(t.unit_price),
		})),
		takenElsewhere: new Map([...taken].map(([product, t]) => [product, t.quantityMilli])),
		order: x.lines.map((l, i) => ({
			index: i + 1,
			product: l.product,
			sku: skus.get(l.product) ?? `product ${l.product}`,
			quantityMilli: parseQty(l.quantity),
			unitPriceFen: parseMoney(l.unit_price),
		})),
	});
}
