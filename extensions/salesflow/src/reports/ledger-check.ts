// Business ledger vs finance ledger (业务账与财务账核对): each rule is one SQL query that returns only
// the rows that disagree, compared exactly in whole thousandths (quantities) or fen (money).
import type { Knex } from 'knex';
import { periodRange } from '../domain/invoicing';
import { formatMoney, formatQty } from '../domain/money';
import { SHIPPED_STATUSES } from '../documents/statements/figures';
import { type ColumnKind, dayRange, fen, intEqualsText, join, milli, raw, rowsOf, type Sql, sql, whole } from '../platform/database';

export type Mismatch = { rule: string; collection: string; id: number; number?: string; expected: string; actual: string; message: string };
export type LedgerFilter = { period?: string; customer?: number };

export const LEDGER_RULES = [
	'delivery_stock_move',
	'stock_move_without_delivery',
	'invoiced_within_delivered',
	'invoiced_qty_matches_invoices',
	'red_within_blue',
	'red_line_within_blue_line',
	'allocations_within_receipt',
	'receipt_allocated_amount',
	'allocation_on_unconfirmed_receipt',
	'allocations_within_invoice',
	'invoice_paid_amount',
	'invoice_open_amount',
	'allocation_target',
	'stock_level_matches_moves',
] as const;

const qty = (v: unknown) => formatQty(whole(v));
const money = (v: unknown) => formatMoney(whole(v));
const shippedIn = (column: string): Sql => sql(`${column} IN (${SHIPPED_STATUSES.map(() => '?').join(', ')})`, [...SHIPPED_STATUSES]);

/** Conditions on a document alias by customer and by its date column within the period. */
function docFilter(db: Knex, alias: string, dateColumn: string, kind: ColumnKind, f: LedgerFilter): Sql[] {
	const out: Sql[] = [];
	if (f.customer !== undefined) out.push(sql(`${alias}.customer = ?`, [f.customer]));
	if (f.period) {
		const { start, end } = periodRange(f.period);
		out.push(dayRange(db, `${alias}.${dateColumn}`, kind, start, end));
	}
	return out;
}

const where = (parts: Sql[]) => (parts.length ? join(parts, ' AND ') : sql('1 = 1'));
const run = async (db: Knex, text: string, w: Sql, before: unknown[] = []) =>
	rowsOf(await raw(db, sql(text.replace('{where}', w.sql), [...before, ...w.bindings])));

/** Every mismatch between the ledgers within the filter; empty when they agree. */
export async function ledgerCheck(db: Knex, f: LedgerFilter): Promise<Mismatch[]> {
	const out: Mismatch[] = [];
	const shipments = docFilter(db, 's', 'issued_at', 'timestamp', f);
	const lineId = 'CAST(l.id AS TEXT)';
	// SQLite would compare CAST(l.id) for every delivery line per move (quadratic at volume): it
	// probes the primary key with the move's line id instead. PostgreSQL hash-joins the text form.
	const moveLineJoin = intEqualsText(db, 'l.id', 'm.source_line');

	// Each issued delivery line left stock through a sales_out move of its quantity and product.
	for (const r of await run(
		db,
		`SELECT l.id AS id, s.number AS number, p.sku AS sku, ${milli(db, 'l.quantity')} AS expected, COALESCE(m.moved, 0) AS actual
		 FROM shipment_lines l JOIN shipments s ON s.id = l.shipment LEFT JOIN products p ON p.id = l.product
		 LEFT JOIN (SELECT source_line, product, SUM(-${milli(db, 'quantity')}) AS moved FROM stock_moves WHERE source_collection = 'shipments' AND type = 'sales_out' GROUP BY source_line, product) m
		   ON m.source_line = ${lineId} AND m.product = l.product
		 WHERE {where} AND ${milli(db, 'l.quantity')} <> COALESCE(m.moved, 0)`,
		where([shippedIn('s.status'), ...shipments]),
	)) {
		out.push({
			rule: 'delivery_stock_move',
			collection: 'shipment_lines',
			id: Number(r.id),
			number: r.number,
			expected: qty(r.expected),
			actual: qty(r.actual),
			message: `${r.number} ${r.sku ?? ''}: delivered ${qty(r.expected)}, sales_out moves ${qty(r.actual)}`,
		});
	}

	// sales_out moves of delivery lines that are not (or no longer) issued.
	for (const r of await run(
		db,
		`SELECT m.id AS id, m.source_number AS number, ${milli(db, '-m.quantity')} AS actual, s.status AS status
		 FROM stock_moves m LEFT JOIN shipment_lines l ON ${moveLineJoin} LEFT JOIN shipments s ON s.id = l.shipment
		 WHERE m.source_collection = 'shipments' AND (s.id IS NULL OR s.status NOT IN (${SHIPPED_STATUSES.map(() => '?').join(', ')})) AND {where}`,
		where(shipments),
		[...SHIPPED_STATUSES],
	)) {
		out.push({
			rule: 'stock_move_without_delivery',
			collection: 'stock_moves',
			id: Number(r.id),
			number: r.number ?? undefined,
			expected: qty(0),
			actual: qty(r.actual),
			message: `stock move ${r.id} (${r.number ?? 'no number'}) takes ${qty(r.actual)} out for a delivery line that is ${r.status ?? 'missing'}`,
		});
	}

	// Invoiced never more than delivered − returned, per delivery line.
	for (const r of await run(
		db,
		`SELECT l.id AS id, s.number AS number, p.sku AS sku, ${milli(db, 'l.quantity')} - ${milli(db, 'COALESCE(l.returned_qty, 0)')} AS expected, ${milli(db, 'COALESCE(l.invoiced_qty, 0)')} AS actual
		 FROM shipment_lines l JOIN shipments s ON s.id = l.shipment LEFT JOIN products p ON p.id = l.product
		 WHERE {where} AND ${milli(db, 'COALESCE(l.invoiced_qty, 0)')} > ${milli(db, 'l.quantity')} - ${milli(db, 'COALESCE(l.returned_qty, 0)')}`,
		where(shipments),
	)) {
		out.push({
			rule: 'invoiced_within_delivered',
			collection: 'shipment_lines',
			id: Number(r.id),
			number: r.number,
			expected: qty(r.expected),
			actual: qty(r.actual),
			message: `${r.number} ${r.sku ?? ''}: delivered − returned ${qty(r.expected)}, invoiced ${qty(r.actual)}`,
		});
	}

	// invoiced_qty on the delivery line = issued blue invoice lines − issued red ones.
	for (const r of await run(
		db,
		`SELECT l.id AS id, s.number AS number, p.sku AS sku, COALESCE(x.q, 0) AS expected, ${milli(db, 'COALESCE(l.invoiced_qty, 0)')} AS actual
		 FROM shipment_lines l JOIN shipments s ON s.id = l.shipment LEFT JOIN products p ON p.id = l.product
		 LEFT JOIN (SELECT il.shipment_line AS shipment_line, SUM(${milli(db, 'il.quantity')}) AS q FROM invoice_lines il JOIN invoices i ON i.id = il.invoice WHERE i.status = 'issued' GROUP BY il.shipment_line) x
		   ON x.shipment_line = l.id
		 WHERE {where} AND ${milli(db, 'COALESCE(l.invoiced_qty, 0)')} <> COALESCE(x.q, 0)`,
		where(shipments),
	)) {
		out.push({
			rule: 'invoiced_qty_matches_invoices',
			collection: 'shipment_lines',
			id: Number(r.id),
			number: r.number,
			expected: qty(r.expected),
			actual: qty(r.actual),
			message: `${r.number} ${r.sku ?? ''}: issued invoice lines total ${qty(r.expected)}, delivery line says invoiced ${qty(r.actual)}`,
		});
	}

	const invoices = docFilter(db, 'b', 'issue_date', 'date', f);
	// Red invoices never credit more than their original, overall and per line.
	for (const r of await run(
		db,
		`SELECT b.id AS id, b.number AS number, ${fen(db, 'b.total')} AS expected, SUM(-${fen(db, 'r.total')}) AS actual
		 FROM invoices b JOIN invoices r ON r.original_invoice = b.id AND r.direction = 'red' AND r.status = 'issued'
		 WHERE {where} GROUP BY b.id, b.number, b.total HAVING SUM(-${fen(db, 'r.total')}) > ${fen(db, 'b.total')}`,
		where(invoices),
	)) {
		out.push({
			rule: 'red_within_blue',
			collection: 'invoices',
			id: Number(r.id),
			number: r.number,
			expected: money(r.expected),
			actual: money(r.actual),
			message: `${r.number}: total ${money(r.expected)}, issued red invoices credit ${money(r.actual)}`,
		});
	}
	for (const r of await run(
		db,
		`SELECT bl.id AS id, b.number AS number, ${milli(db, 'bl.quantity')} AS expected, SUM(-${milli(db, 'rl.quantity')}) AS actual
		 FROM invoice_lines bl JOIN invoices b ON b.id = bl.invoice
		 JOIN invoice_lines rl ON rl.original_line = bl.id JOIN invoices r ON r.id = rl.invoice AND r.status = 'issued' AND r.direction = 'red'
		 WHERE {where} GROUP BY bl.id, b.number, bl.quantity HAVING SUM(-${milli(db, 'rl.quantity')}) > ${milli(db, 'bl.quantity')}`,
		where(invoices),
	)) {
		out.push({
			rule: 'red_line_within_blue_line',
			collection: 'invoice_lines',
			id: Number(r.id),
			number: r.number,
			expected: qty(r.expected),
			actual: qty(r.actual),
			message: `${r.number} line ${r.id}: invoiced ${qty(r.expected)}, issued red lines credit ${qty(r.actual)}`,
		});
	}

	// Receipts: allocations within the amount, allocated_amount = Σ allocations, only confirmed receipts allocated.
	const allocSums = `SELECT a.receipt AS receipt, SUM(${fen(db, 'a.amount')}) AS s FROM receipt_allocations a GROUP BY a.receipt`;
	for (const r of await run(
		db,
		`SELECT r.id AS id, r.number AS number, r.status AS status, ${fen(db, 'r.amount')} AS amount, ${fen(db, 'COALESCE(r.allocated_amount, 0)')} AS stored, COALESCE(x.s, 0) AS allocated
		 FROM receipts r LEFT JOIN (${allocSums}) x ON x.receipt = r.id
		 WHERE {where} AND (COALESCE(x.s, 0) > ${fen(db, 'r.amount')} OR COALESCE(x.s, 0) <> ${fen(db, 'COALESCE(r.allocated_amount, 0)')} OR (COALESCE(x.s, 0) <> 0 AND r.status <> 'confirmed'))`,
		where(docFilter(db, 'r', 'received_on', 'date', f)),
	)) {
		const allocated = whole(r.allocated);
		if (allocated > whole(r.amount))
			out.push({
				rule: 'allocations_within_receipt',
				collection: 'receipts',
				id: Number(r.id),
				number: r.number,
				expected: money(r.amount),
				actual: money(allocated),
				message: `${r.number}: amount ${money(r.amount)}, allocated ${money(allocated)}`,
			});
		if (allocated !== whole(r.stored))
			out.push({
				rule: 'receipt_allocated_amount',
				collection: 'receipts',
				id: Number(r.id),
				number: r.number,
				expected: money(allocated),
				actual: money(r.stored),
				message: `${r.number}: allocations sum to ${money(allocated)}, allocated_amount says ${money(r.stored)}`,
			});
		if (allocated !== 0n && r.status !== 'confirmed')
			out.push({
				rule: 'allocation_on_unconfirmed_receipt',
				collection: 'receipts',
				id: Number(r.id),
				number: r.number,
				expected: money(0),
				actual: money(allocated),
				message: `${r.number} is ${r.status} but has allocations of ${money(allocated)}`,
			});
	}

	// Invoices: allocations within the total, paid_amount = Σ allocations, open = total + red − allocations; allocations only on issued blue invoices.
	const invAlloc = `SELECT a.invoice AS invoice, SUM(${fen(db, 'a.amount')}) AS s FROM receipt_allocations a GROUP BY a.invoice`;
	const redSums = `SELECT r.original_invoice AS original_invoice, SUM(${fen(db, 'r.total')}) AS s FROM invoices r WHERE r.direction = 'red' AND r.status = 'issued' GROUP BY r.original_invoice`;
	const issuedBlue = `b.status = 'issued' AND b.direction = 'blue'`;
	for (const r of await run(
		db,
		`SELECT b.id AS id, b.number AS number, b.status AS status, b.direction AS direction, ${fen(db, 'b.total')} AS total, ${fen(db, 'COALESCE(b.paid_amount, 0)')} AS paid,
		        ${fen(db, 'COALESCE(b.open_amount, 0)')} AS open, COALESCE(x.s, 0) AS allocated, COALESCE(rd.s, 0) AS red
		 FROM invoices b LEFT JOIN (${invAlloc}) x ON x.invoice = b.id LEFT JOIN (${redSums}) rd ON rd.original_invoice = b.id
		 WHERE {where} AND (
		   (${issuedBlue} AND (COALESCE(x.s, 0) > ${fen(db, 'b.total')} OR COALESCE(x.s, 0) <> ${fen(db, 'COALESCE(b.paid_amount, 0)')}
		     OR ${fen(db, 'COALESCE(b.open_amount, 0)')} <> ${fen(db, 'b.total')} + COALESCE(rd.s, 0) - COALESCE(x.s, 0)))
		   OR (NOT (${issuedBlue}) AND COALESCE(x.s, 0) <> 0))`,
		where(invoices),
	)) {
		const [total, paid, open, allocated, red] = [r.total, r.paid, r.open, r.allocated, r.red].map(whole) as [
			bigint,
			bigint,
			bigint,
			bigint,
			bigint,
		];
		const base = { collection: 'invoices', id: Number(r.id), number: r.number };
		if (r.status !== 'issued' || r.direction !== 'blue') {
			out.push({
				...base,
				rule: 'allocation_target',
				expected: money(0),
				actual: money(allocated),
				message: `${r.number} is a ${r.direction} invoice in status ${r.status} but has allocations of ${money(allocated)}`,
			});
			continue;
		}
		if (allocated > total)
			out.push({
				...base,
				rule: 'allocations_within_invoice',
				expected: money(total),
				actual: money(allocated),
				message: `${r.number}: total ${money(total)}, allocated ${money(allocated)}`,
			});
		if (allocated !== paid)
			out.push({
				...base,
				rule: 'invoice_paid_amount',
				expected: money(allocated),
				actual: money(paid),
				message: `${r.number}: allocations sum to ${money(allocated)}, paid_amount says ${money(paid)}`,
			});
		const expectedOpen = total + red - allocated;
		if (open !== expectedOpen) {
			out.push({
				...base,
				rule: 'invoice_open_amount',
				expected: money(expectedOpen),
				actual: money(open),
				message: `${r.number}: total ${money(total)} + red ${money(red)} − allocated ${money(allocated)} = ${money(expectedOpen)}, open_amount says ${money(open)}`,
			});
		}
	}

	// On hand = Σ moves per product × warehouse (stock is not per customer: checked when no customer is given).
	if (f.customer === undefined) {
		const moves = `SELECT product, warehouse, SUM(${milli(db, 'quantity')}) AS s FROM stock_moves GROUP BY product, warehouse`;
		const rows = [
			...(await run(
				db,
				`SELECT sl.id AS id, p.sku AS sku, w.code AS code, COALESCE(m.s, 0) AS expected, ${milli(db, 'sl.on_hand')} AS actual
				 FROM stock_levels sl LEFT JOIN (${moves}) m ON m.product = sl.product AND m.warehouse = sl.warehouse
				 LEFT JOIN products p ON p.id = sl.product LEFT JOIN warehouses w ON w.id = sl.warehouse
				 WHERE {where} AND ${milli(db, 'sl.on_hand')} <> COALESCE(m.s, 0)`,
				sql('1 = 1'),
			)),
			...(await run(
				db,
				`SELECT NULL AS id, p.sku AS sku, w.code AS code, m.s AS expected, 0 AS actual
				 FROM (${moves}) m LEFT JOIN stock_levels sl ON sl.product = m.product AND sl.warehouse = m.warehouse
				 LEFT JOIN products p ON p.id = m.product LEFT JOIN warehouses w ON w.id = m.warehouse
				 WHERE {where} AND sl.id IS NULL AND m.s <> 0`,
				sql('1 = 1'),
			)),
		];
		for (const r of rows) {
			out.push({
				rule: 'stock_level_matches_moves',
				collection: 'stock_levels',
				id: r.id === null ? 0 : Number(r.id),
				expected: qty(r.expected),
				actual: qty(r.actual),
				message: `${r.sku} at ${r.code}: stock moves sum to ${qty(r.expected)}, on hand ${qty(r.actual)}`,
			});
		}
	}
	return out;
}
