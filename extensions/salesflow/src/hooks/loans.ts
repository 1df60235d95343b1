// Loans (借出): a customer tries products. The loan is approved by the owner's manager and the
// division head and issued by the warehouse (loan_out). What is still out comes back through a
// loan return (借出归还, confirmed by the warehouse manager: loan_return_in) or is bought through a
// loan conversion (借出转销售): on its last approval, in that one transaction, the goods come back
// as other-inbound (loan_convert_in) and leave again on a confirmed sales order's issued delivery
// note (sales_out). A loan closes itself once nothing is out on any line.
import type { Knex } from 'knex';
import { computeLine } from '../domain/document-totals';
import { DomainError } from '../domain/errors';
import { formatQty, parseMoney, parseQty } from '../domain/money';
import { assertLoanReturnable } from '../domain/stock';
import { readVisible } from '../lib/access';
import { onApproved } from '../lib/approval-engine';
import { lockRow, type RuleContext } from '../lib/context';
import { nextDocumentNumber } from '../lib/numbering';
import { addToRollup } from '../lib/order-rollups';
import { issueShipment } from '../lib/shipping';
import { postMove } from '../lib/stock-ledger';
import { onCreate, onLineWrite } from './documents';
import { recomputeTotals } from './totals';
import { onTransition } from './transitions';

/** Returns and conversions still waiting for their approval hold the quantity they ask for. */
const OPEN = ['draft', 'submitted', 'pending_approval'];

/** The two documents that settle a loan line, and where their lines point to them. */
const SETTLING = {
	loan_returns: { lines: 'loan_return_lines', fk: 'loan_return', what: 'returned' },
	loan_conversions: { lines: 'loan_conversion_lines', fk: 'conversion', what: 'converted to a sale' },
} as const;
type Settling = keyof typeof SETTLING;

const keyOf = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as any).id : v);
const isKey = (v: unknown) =>
	(typeof v === 'number' && Number.isSafeInteger(v) && v > 0) || (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v));
const today = () => new Date().toISOString().slice(0, 10);
const invalid = (field: string, message: string) => new DomainError('INVALID_PAYLOAD', message, 400, { field });

/** Knex insert … returning id: `[{ id }]` on PostgreSQL, `[id]` on SQLite. */
async function insertId(q: Knex.QueryBuilder): Promise<number> {
	const [row] = await q.returning('id');
	return Number(typeof row === 'object' ? row.id : row);
}

async function loanLineWithSku(db: Knex, id: unknown, lock = false): Promise<any | undefined> {
	if (!isKey(id)) return undefined;
	if (lock) await lockRow(db, 'loan_lines', id as number); // PostgreSQL row lock; the join below cannot lock
	return db('loan_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.id', id as number)
		.first('l.*', 'p.sku');
}

/** Quantity of a loan line on returns and conversions not yet approved, except one line. */
async function heldByOpenDocuments(db: Knex, loanLine: number, except?: { table: string; id: unknown }): Promise<bigint> {
	let held = 0n;
	for (const [doc, { lines, fk }] of Object.entries(SETTLING)) {
		const rows = await db(`${lines} as l`)
			.join(`${doc} as d`, 'd.id', `l.${fk}`)
			.where('l.loan_line', loanLine)
			.whereIn('d.status', OPEN)
			.modify((q) => except?.table === lines && except.id != null && q.whereNot('l.id', except.id as number))
			.select('l.quantity');
		held += rows.reduce((s: bigint, r: any) => s + parseQty(r.quantity), 0n);
	}
	return held;
}

const outstandingOf = (l: any) => parseQty(l.quantity) - parseQty(l.returned_qty) - parseQty(l.converted_qty);

/** The loan a return or conversion refers to: visible to the caller and issued. */
async function issuedLoan(ctx: RuleContext, loanId: unknown, doing: string): Promise<any> {
	const loan = await readVisible(ctx, 'loans', loanId, 'loan');
	if (loan.status !== 'issued') {
		throw new DomainError('INVALID_TRANSITION', `${loan.number} is ${loan.status}; only an issued loan can be ${doing}`, 409, {
			field: 'loan',
			status: loan.status,
		});
	}
	return loan;
}

/** Shared line rule of returns and conversions: a line of the document's loan, within what is still out. */
function settlingLineRule(doc: Settling) {
	const { lines, fk } = SETTLING[doc];
	return async (
		ctx: RuleContext,
		payload: Record<string, any>,
		current: Record<string, any> | undefined,
		parent: Record<string, any> | undefined,
	) => {
		if (!parent)
			throw invalid(fk, `${lines}.${fk} is required: a line belongs to a ${doc === 'loan_returns' ? 'loan return' : 'loan conversion'}`);
		const loanLineId = keyOf(payload.loan_line ?? current?.loan_line);
		const line = await loanLineWithSku(ctx.db, loanLineId);
		if (!line || line.loan !== parent.loan) {
			throw invalid(
				'loan_line',
				`loan line ${loanLineId ?? '(missing)'} is not a line of the loan of ${parent.number ?? `${doc} ${parent.id}`}`,
			);
		}
		const quantity = parseQty(payload.quantity ?? current?.quantity);
		const pending = await heldByOpenDocuments(ctx.db, line.id, { table: lines, id: current?.id });
		assertLoanReturnable(
			{
				sku: line.sku,
				lent: parseQty(line.quantity),
				returned: parseQty(line.returned_qty),
				converted: parseQty(line.converted_qty),
				pending,
			},
			quantity,
		);
	};
}

/** Closes the loan (row locked by the caller) once nothing is out on any of its lines. */
async function closeIfSettled(trx: Knex, loanId: number): Promise<void> {
	const lines = await trx('loan_lines').where({ loan: loanId }).select('quantity', 'returned_qty', 'converted_qty');
	if (lines.every((l: any) => outstandingOf(l) <= 0n))
		await trx('loans').where({ id: loanId, status: 'issued' }).update({ status: 'closed' });
}

/** Locks the loan of an approved return/conversion and its line, and re-checks the quantity against what is really out. */
async function lockAndCheck(trx: Knex, loanLineId: number, quantity: bigint): Promise<any> {
	const line = await loanLineWithSku(trx, loanLineId, true);
	if (!line) throw invalid('loan_line', `loan line ${loanLineId} does not exist`);
	assertLoanReturnable(
		{
			sku: line.sku,
			lent: parseQty(line.quantity),
			returned: parseQty(line.returned_qty),
			converted: parseQty(line.converted_qty),
			pending: 0n,
		},
		quantity,
	);
	return line;
}

async function lockIssuedLoan(trx: Knex, loanId: number, doc: { number: string }): Promise<any> {
	const loan = await lockRow(trx, 'loans', loanId);
	if (!loan) throw invalid('loan', `${doc.number}: loan ${loanId} does not exist`);
	if (loan.status !== 'issued')
		throw new DomainError(
			'INVALID_TRANSITION',
			`${doc.number}: ${loan.number} is ${loan.status}; only an issued loan can be settled`,
			409,
			{ status: loan.status },
		);
	return loan;
}

// ——— Loans ———

onCreate('loans', async (ctx, payload) => {
	await readVisible(ctx, 'customers', payload.customer, 'customer');
	const warehouse = keyOf(payload.warehouse);
	if (
		!isKey(warehouse) ||
		!(await ctx
			.db('warehouses')
			.where({ id: warehouse as number })
			.first('id'))
	) {
		throw invalid('warehouse', `warehouse ${warehouse ?? '(missing)'} does not exist`);
	}
	const date = payload.expected_return_date;
	if (date === undefined || date === null || date === '')
		throw invalid('expected_return_date', 'expected_return_date is required (the date the goods are due back)');
	if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(date) || Number.isNaN(Date.parse(date))) {
		throw invalid('expected_return_date', `expected_return_date must be a date like 2026-05-31, got ${JSON.stringify(date)}`);
	}
});

onLineWrite('loan_lines', async (ctx, payload, current) => {
	const product = keyOf(payload.product ?? current?.product);
	if (
		!isKey(product) ||
		!(await ctx
			.db('products')
			.where({ id: product as number })
			.first('id'))
	) {
		throw invalid('product', `product ${product ?? '(missing)'} does not exist`);
	}
});

// The warehouse issues the goods: one loan_out per line; a shortfall on any line refuses the whole issue.
onTransition('loans', 'approved->issued', async ({ trx, id, row, actor }) => {
	const lines = await trx('loan_lines').where({ loan: id }).orderBy('id');
	if (!lines.length) throw invalid('lines', `${row.number} has no lines to issue`);
	for (const line of lines) {
		await postMove(trx, {
			type: 'loan_out',
			product: line.product,
			warehouse: row.warehouse,
			quantity: parseQty(line.quantity),
			source_collection: 'loans',
			source_id: id,
			source_line: line.id,
			source_number: row.number,
			user: actor.user,
		});
	}
});

// ——— Loan returns (借出归还) ———

onCreate('loan_returns', async (ctx, payload) => {
	await issuedLoan(ctx, payload.loan, 'returned');
});

onLineWrite('loan_return_lines', settlingLineRule('loan_returns'));

// The warehouse manager's approval confirms the goods are back.
onApproved('loan_returns', async ({ trx, id, row, actor }) => {
	const loan = await lockIssuedLoan(trx, row.loan, row);
	const lines = await trx('loan_return_lines').where({ loan_return: id }).orderBy('id');
	for (const l of lines) {
		const quantity = parseQty(l.quantity);
		const line = await lockAndCheck(trx, l.loan_line, quantity);
		await postMove(trx, {
			type: 'loan_return_in',
			product: line.product,
			warehouse: loan.warehouse,
			quantity,
			source_collection: 'loan_returns',
			source_id: id,
			source_line: l.id,
			source_number: row.number,
			user: actor.user,
		});
		await addToRollup(trx, 'loan_lines', line.id, 'returned_qty', quantity);
	}
	await closeIfSettled(trx, loan.id);
});

// ——— Loan conversions (借出转销售) ———

onCreate('loan_conversions', async (ctx, payload) => {
	await issuedLoan(ctx, payload.loan, 'converted to a sale');
});

const returnLimit = settlingLineRule('loan_conversions');
onLineWrite('loan_conversion_lines', async (ctx, payload, current, parent) => {
	if ('unit_price' in payload || !current) {
		const price = payload.unit_price;
		if (price === undefined || price === null || price === '' || parseMoney(price, 'unit_price') <= 0n) {
			throw invalid('unit_price', `unit_price is required and must be greater than 0, got ${JSON.stringify(price ?? null)}`);
		}
	}
	await returnLimit(ctx, payload, current, parent);
});

/**
 * The last approval executes the conversion in its transaction: per line (re-checked with the loan
 * line locked before anything of that line is written) the goods come back (loan_convert_in); then
 * one confirmed sales order, one issued delivery note and its sales_out. Any refusal rolls it all back.
 */
onApproved('loan_conversions', async ({ trx, id, row, actor }) => {
	const loan = await lockIssuedLoan(trx, row.loan, row);
	const lines = await trx('loan_conversion_lines').where({ conversion: id }).orderBy('id');
	if (!lines.length) throw invalid('lines', `${row.number} has no lines`);
	const now = new Date();
	const converted: Array<{ line: any; quantity: bigint; unit_price: string | number }> = [];
	for (const l of lines) {
		const quantity = parseQty(l.quantity);
		const line = await lockAndCheck(trx, l.loan_line, quantity);
		await postMove(trx, {
			type: 'loan_convert_in',
			product: line.product,
			warehouse: loan.warehouse,
			quantity,
			source_collection: 'loan_conversions',
			source_id: id,
			source_line: l.id,
			source_number: row.number,
			user: actor.user,
		});
		await addToRollup(trx, 'loan_lines', line.id, 'converted_qty', quantity);
		converted.push({ line, quantity, unit_price: l.unit_price });
	}

	const customer = await trx('customers').where({ id: loan.customer }).first('address_phone');
	const owner = loan.owner ?? row.owner ?? null;
	const orderNumber = await nextDocumentNumber(trx, 'sales_orders');
	const orderId = await insertId(
		trx('sales_orders').insert({
			number: orderNumber,
			customer: loan.customer,
			owner,
			status: 'confirmed',
			order_date: today(),
			ship_by: today(),
			ship_to: customer?.address_phone ?? null,
			confirmed_at: now,
			memo: `借出转销售 ${row.number}（借出单 ${loan.number}） / Converted from loan ${loan.number}`,
			date_created: now,
			user_created: owner,
		}),
	);
	const orderLines: Array<{ id: number; product: number; quantity: string; unit_price: string | number; tax_rate: string | number }> = [];
	for (const c of converted) {
		const product = await trx('products').where({ id: c.line.product }).first('tax_rate', 'floor_price');
		const quantity = formatQty(c.quantity);
		const fields = { product: c.line.product, quantity, unit_price: c.unit_price, tax_rate: product.tax_rate };
		const lineId = await insertId(
			trx('sales_order_lines').insert({
				order: orderId,
				...fields,
				floor_price: product.floor_price,
				...computeLine(fields),
				shipped_qty: 0,
				returned_qty: 0,
				invoiced_qty: 0,
			}),
		);
		orderLines.push({ id: lineId, ...fields });
	}
	await recomputeTotals(trx, 'sales_orders', orderId);

	const shipmentNumber = await nextDocumentNumber(trx, 'shipments');
	const shipmentId = await insertId(
		trx('shipments').insert({
			number: shipmentNumber,
			order: orderId,
			customer: loan.customer,
			warehouse: loan.warehouse,
			owner,
			status: 'issued',
			ship_to: customer?.address_phone ?? null,
			date_created: now,
			user_created: owner,
		}),
	);
	for (const ol of orderLines) {
		await trx('shipment_lines').insert({
			shipment: shipmentId,
			order_line: ol.id,
			product: ol.product,
			quantity: ol.quantity,
			unit_price: ol.unit_price,
			tax_rate: ol.tax_rate,
			invoiced_qty: 0,
			returned_qty: 0,
		});
	}
	await issueShipment(trx, { id: shipmentId, number: shipmentNumber, order: orderId, warehouse: loan.warehouse }, actor.user);

	await trx('loan_conversions').where({ id }).update({ order: orderId, shipment: shipmentId });
	await closeIfSettled(trx, loan.id);
});
