// Contract before delivery and contract performance (合同履行), the database side of
// domain/contract-performance.ts. The four figures on a contract are recomputed from their sources in
// the transaction that changes one of them (an order confirmed or cancelled, goods issued, an invoice
// issued, a receipt allocated or advanced), with the contract row locked first so that two such transactions
// follow each other instead of both writing what they alone saw. The contract lock is always taken
// after the order, its lines and invoices (never before them), so these transactions cannot deadlock.
import type { Knex } from 'knex';
import { checkContractCovered, receivedShare, TAKING_ORDERS } from '../../domain/contract-performance';
import { formatMoney, parseMoney } from '../../domain/money';
import { forNoKeyUpdate, lineFen, raw, type Row, rowsOf, sql, sumFen, whole } from '../../platform/database';
import { settings } from '../../platform/settings';
import { SHIPPED_STATUSES } from '../statements/figures';

/** Orders still to be approved or delivered: a contract with one of them is not performed yet. */
const UNFINISHED_ORDERS = ['submitted', 'pending_approval', 'confirmed', 'partially_shipped'];

/**
 * The document whose status move is being made in this transaction: effects run before the status is
 * written, so the figures count it as already in its new status.
 */
export type Moving = { collection: 'sales_orders' | 'shipments' | 'invoices'; id: number | string; to: string };

/** `<alias>.status`, or the moving document's new status for its row. */
function statusSql(alias: string, collection: Moving['collection'], moving?: Moving): { sql: string; bindings: unknown[] } {
	if (moving?.collection !== collection) return { sql: `${alias}.status`, bindings: [] };
	return { sql: `CASE WHEN ${alias}.id = ? THEN ? ELSE ${alias}.status END`, bindings: [moving.id, moving.to] };
}

/** The figures of one contract, from its orders, their issued deliveries, issued invoices and allocations. */
export async function performanceOf(trx: Knex, contract: number | string, moving?: Moving) {
	const orders: Row[] = await trx('sales_orders').where({ contract }).select('id', 'status', 'total');
	const statusOf = (o: Row) => (moving?.collection === 'sales_orders' && String(o.id) === String(moving.id) ? moving.to : o.status);
	const taking = orders.filter((o) => (TAKING_ORDERS as readonly string[]).includes(statusOf(o)));
	const orderedFen = taking.reduce((s, o) => s + parseMoney(o.total ?? 0), 0n);
	const openOrders = orders.filter((o) => UNFINISHED_ORDERS.includes(statusOf(o))).length;
	const shipment = statusSql('s', 'shipments', moving);
	const shipped = await raw(
		trx,
		sql(
			`SELECT COALESCE(SUM(${lineFen(trx, 'l.quantity', 'l.unit_price')}), 0) AS fen FROM shipment_lines l JOIN shipments s ON s.id = l.shipment JOIN sales_orders o ON o.id = s."order" WHERE o.contract = ? AND ${shipment.sql} IN (${SHIPPED_STATUSES.map(() => '?').join(', ')})`,
			[contract, ...shipment.bindings, ...SHIPPED_STATUSES],
		),
	);
	const invoice = statusSql('i', 'invoices', moving);
	// Per issued invoice: the part of it that is this contract's (red lines are negative), its total and what was paid.
	const invoices: Row[] = await trx('invoice_lines as il')
		.join('invoices as i', 'i.id', 'il.invoice')
		.join('shipment_lines as sl', 'sl.id', 'il.shipment_line')
		.join('shipments as s', 's.id', 'sl.shipment')
		.join('sales_orders as o', 'o.id', 's.order')
		.where('o.contract', contract)
		.whereRaw(`${invoice.sql} = 'issued'`, invoice.bindings as Knex.RawBinding[])
		.groupBy('i.id', 'i.total', 'i.paid_amount')
		.select('i.id', 'i.total', 'i.paid_amount', trx.raw('SUM(il.total) as part'));
	let invoicedFen = 0n;
	let receivedFen = 0n;
	for (const i of invoices) {
		const part = parseMoney(i.part);
		invoicedFen += part;
		receivedFen += receivedShare(parseMoney(i.paid_amount ?? 0), part, parseMoney(i.total));
	}
	// Advances to its orders not yet applied to an invoice are received too (applied ones are in the invoices' paid amounts).
	const [advances] = await trx('receipt_allocations as a')
		.join('sales_orders as o', 'o.id', 'a.order')
		.where('o.contract', contract)
		.whereNull('a.invoice')
		.select(trx.raw(`${sumFen(trx, 'a.amount').sql} as fen`));
	receivedFen += whole(advances?.fen);
	return { orderedFen, shippedFen: whole(rowsOf(shipped)[0]?.fen), invoicedFen, receivedFen, openOrders };
}

/** Locks the contract and writes its four figures; returns the locked row. */
export async function refreshPerformance(trx: Knex, contract: number | string, moving?: Moving): Promise<Row> {
	const row = await forNoKeyUpdate(trx, trx('contracts').where({ id: contract }).first());
	const p = await performanceOf(trx, contract, moving);
	await trx('contracts')
		.where({ id: contract })
		.update({
			ordered_amount: formatMoney(p.orderedFen),
			shipped_amount: formatMoney(p.shippedFen),
			invoiced_amount: formatMoney(p.invoicedFen),
			received_amount: formatMoney(p.receivedFen),
		});
	return row;
}

/** The contracts of these orders. */
export async function contractsOfOrders(trx: Knex, orders: number[]): Promise<number[]> {
	if (!orders.length) return [];
	return trx('sales_orders').whereIn('id', orders).whereNotNull('contract').distinct().pluck('contract');
}

/** Refreshes several contracts, locked in id order (two such transactions never wait on each other crosswise). */
export async function refreshContracts(trx: Knex, contracts: Array<number | string>): Promise<void> {
	const ids = [...new Set(contracts.map(Number))].sort((a, b) => a - b);
	for (const c of ids) await refreshPerformance(trx, c);
}

/**
 * 409 CONTRACT_REQUIRED unless the order may be delivered: below `contract_required_from`, or covered
 * by a signed contract. `locked` reads the contract under its row lock (at issue: a termination
 * committing meanwhile is seen).
 */
export async function assertOrderCovered(trx: Knex, order: number | string, locked = false): Promise<void> {
	const o = await trx('sales_orders').where({ id: order }).first('number', 'total', 'contract');
	const contract = !o.contract
		? null
		: locked
			? await forNoKeyUpdate(trx, trx('contracts').where({ id: o.contract }).first('number', 'status'))
			: await trx('contracts').where({ id: o.contract }).first('number', 'status');
	checkContractCovered({
		order: o.number,
		totalFen: parseMoney(o.total ?? 0),
		requiredFromFen: parseMoney(settings().contract_required_from),
		contract: contract ?? null,
	});
}
