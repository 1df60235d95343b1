// Invoices from delivery notes (blue) and red-letter credits, written in one transaction with the
// delivery lines locked, so parallel identical requests create one invoice. Draft and submitted
// invoices hold their quantities; issuing moves the delivery and order rollups.
import type { Knex } from 'knex';
import { DomainError } from '../domain/errors';
import {
	assertInvoiceable,
	assertRedWithinOriginal,
	dueDate,
	invoiceStatusFromPaid,
	remainingToInvoice,
	type OriginalInvoiceLine,
} from '../domain/invoicing';
import { formatMoney, formatQty, lineTotal, parseMoney, parseQty, parseRate, splitTax } from '../domain/money';
import { chunks } from './batches';
import { isPostgres, lockedForUpdate, lockRow } from './context';
import { nextDocumentNumber } from './numbering';
import { refreshOrder } from './order-rollups';

export const INVOICEABLE_SHIPMENT = ['issued', 'delivered', 'accepted'];
const OPEN_INVOICE = ['draft', 'submitted'];
const today = () => new Date().toISOString().slice(0, 10);

const insertId = (r: any) => (typeof r === 'object' ? r.id : r);

/** Quantity of each delivery line held by open (draft/submitted) blue invoices, except one invoice: one query per 500 lines, not one per line. */
async function heldByOpenInvoices(db: Knex, shipmentLines: number[], exceptInvoice?: number): Promise<Map<number, bigint>> {
	const held = new Map<number, bigint>();
	for (const part of chunks(shipmentLines)) {
		const rows = await db('invoice_lines as l')
			.join('invoices as i', 'i.id', 'l.invoice')
			.whereIn('l.shipment_line', part)
			.where('i.direction', 'blue')
			.whereIn('i.status', OPEN_INVOICE)
			.modify((q) => exceptInvoice && q.whereNot('i.id', exceptInvoice))
			.select('l.shipment_line', 'l.quantity');
		for (const r of rows) held.set(Number(r.shipment_line), (held.get(Number(r.shipment_line)) ?? 0n) + parseQty(r.quantity));
	}
	return held;
}

/** Delivery lines with what is left to invoice (shipped − returned − invoiced − held by open invoices). */
export async function invoiceableLines(db: Knex, shipmentIds: number[], opts: { lock?: boolean; exceptInvoice?: number } = {}) {
	const q = db('shipment_lines as l')
		.join('shipments as s', 's.id', 'l.shipment')
		.join('products as p', 'p.id', 'l.product')
		.whereIn('l.shipment', shipmentIds)
		.orderBy('l.id')
		.select('l.*', 'p.sku', 'p.name as product_name', 's.number as shipment_number', 's.customer');
	const rows = await (opts.lock && isPostgres(db) ? q.forUpdate('l') : q);
	const held = await heldByOpenInvoices(
		db,
		rows.map((r: any) => Number(r.id)),
		opts.exceptInvoice,
	);
	return rows.map((r: any) => ({
		...r,
		remaining: remainingToInvoice(
			parseQty(r.quantity),
			parseQty(r.returned_qty),
			parseQty(r.invoiced_qty) + (held.get(Number(r.id)) ?? 0n),
		),
	}));
}

export type BlueRequest = {
	type: 'vat_special' | 'vat_ordinary';
	shipments: number[];
	lines?: Array<{ shipment_line: number; quantity: bigint }>;
	owner: string | null;
};

const BUYER_FIELDS = [
	['invoice_title', 'invoice title (开票名称)'],
	['tax_id', 'taxpayer ID (纳税人识别号)'],
	['address_phone', 'address & phone (地址电话)'],
	['bank_account', 'bank & account (开户行及账号)'],
] as const;

function buyerSnapshot(customer: any, type: string) {
	if (type === 'vat_special') {
		const missing = BUYER_FIELDS.filter(([f]) => !String(customer[f] ?? '').trim()).map(([, label]) => label);
		if (missing.length)
			throw new DomainError(
				'INVALID_PAYLOAD',
				`A VAT special invoice needs the buyer's ${missing.join(', ')}; complete customer ${customer.name}`,
				400,
				{ field: 'type', missing },
			);
	}
	return {
		buyer_name: customer.invoice_title || customer.name,
		buyer_tax_id: customer.tax_id ?? null,
		buyer_address_phone: customer.address_phone ?? null,
		buyer_bank_account: customer.bank_account ?? null,
	};
}

type InvoiceLineRow = {
	shipment_line: number | null;
	original_line: number | null;
	product: number;
	quantity: bigint;
	unit_price: string;
	tax_rate: string;
	totalFen?: bigint;
};

async function insertInvoice(trx: Knex, head: Record<string, unknown>, lines: InvoiceLineRow[]): Promise<number> {
	const amounts = lines.map((l) => {
		const total = l.totalFen ?? lineTotal(l.quantity, parseMoney(l.unit_price));
		const { excl, tax } = splitTax(total, parseRate(l.tax_rate));
		return { total: formatMoney(total), amount_excl: formatMoney(excl), tax: formatMoney(tax) };
	});
	const sum = (k: 'total' | 'amount_excl' | 'tax') => formatMoney(amounts.reduce((s, a) => s + parseMoney(a[k]), 0n));
	const [row] = await trx('invoices')
		.insert({
			...head,
			number: await nextDocumentNumber(trx, 'invoices'),
			status: 'draft',
			payment_status: 'unpaid',
			paid_amount: 0,
			total: sum('total'),
			amount_excl: sum('amount_excl'),
			tax: sum('tax'),
			date_created: new Date(),
		})
		.returning('id');
	const id = insertId(row);
	await trx('invoice_lines').insert(
		lines.map((l, i) => ({
			invoice: id,
			shipment_line: l.shipment_line,
			original_line: l.original_line,
			product: l.product,
			quantity: formatQty(l.quantity),
			unit_price: l.unit_price,
			tax_rate: l.tax_rate,
			...amounts[i],
		})),
	);
	return id;
}

/** A draft blue invoice from one customer's issued delivery notes. */
export async function createBlueInvoice(trx: Knex, req: BlueRequest): Promise<number> {
	const shipments = await trx('shipments').whereIn('id', req.shipments);
	for (const id of req.shipments) {
		const s = shipments.find((x: any) => x.id === id);
		if (!s) throw new DomainError('NOT_FOUND', `delivery note ${id} does not exist`, 404, { field: 'shipments' });
		if (!INVOICEABLE_SHIPMENT.includes(s.status))
			throw new DomainError('INVALID_TRANSITION', `${s.number} is ${s.status}; only issued delivery notes can be invoiced`, 409, {
				field: 'shipments',
			});
	}
	const customers = new Set(shipments.map((s: any) => s.customer));
	if (customers.size > 1)
		throw new DomainError(
			'INVALID_PAYLOAD',
			`the delivery notes belong to ${customers.size} different customers; one invoice is for one customer`,
			400,
			{ field: 'shipments' },
		);
	const lines = await invoiceableLines(trx, req.shipments, { lock: true });
	const requests = req.lines ?? lines.filter((l) => l.remaining > 0n).map((l) => ({ shipment_line: l.id, quantity: l.remaining }));
	if (!requests.length)
		throw new DomainError('OVER_INVOICE', `nothing is left to invoice on ${shipments.map((s: any) => s.number).join(', ')}`, 409, {
			field: 'shipments',
		});
	assertInvoiceable(requests, new Map(lines.map((l) => [l.id, { sku: l.sku, remaining: l.remaining }])));
	const customer = await trx('customers').where({ id: shipments[0].customer }).first();
	const byId = new Map(lines.map((l) => [l.id, l]));
	return insertInvoice(
		trx,
		{
			customer: customer.id,
			type: req.type,
			direction: 'blue',
			owner: req.owner,
			user_created: req.owner,
			...buyerSnapshot(customer, req.type),
		},
		requests.map((r) => {
			const l = byId.get(r.shipment_line)!;
			return {
				shipment_line: l.id,
				original_line: null,
				product: l.product,
				quantity: r.quantity,
				unit_price: l.unit_price,
				tax_rate: l.tax_rate,
			};
		}),
	);
}

export type RedRequest = {
	original_invoice: number;
	lines: Array<{ invoice_line: number; quantity: bigint; amount?: bigint }>;
	reason: string;
	owner: string | null;
};

/** Figures of an original invoice's lines with what earlier (non-void) red invoices credited. */
async function originalLines(trx: Knex, original: number): Promise<Map<number, OriginalInvoiceLine & { row: any }>> {
	const lines = await trx('invoice_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.invoice', original)
		.select('l.*', 'p.sku');
	const reds = await trx('invoice_lines as l')
		.join('invoices as i', 'i.id', 'l.invoice')
		.where('i.original_invoice', original)
		.whereNot('i.status', 'void')
		.select('l.original_line', 'l.quantity', 'l.total');
	return new Map(
		lines.map((l: any) => {
			const mine = reds.filter((r: any) => r.original_line === l.id);
			return [
				l.id,
				{
					row: l,
					sku: l.sku,
					quantity: parseQty(l.quantity),
					totalFen: parseMoney(l.total),
					redQuantity: mine.reduce((s: bigint, r: any) => s + parseQty(r.quantity), 0n),
					redTotalFen: mine.reduce((s: bigint, r: any) => s + parseMoney(r.total), 0n),
				},
			];
		}),
	);
}

/** A draft red invoice against one issued blue invoice: quantities back at the original price, or a price-only amount. */
export async function createRedInvoice(trx: Knex, req: RedRequest): Promise<number> {
	const original = await lockRow(trx, 'invoices', req.original_invoice);
	if (!original) throw new DomainError('NOT_FOUND', `invoice ${req.original_invoice} does not exist`, 404, { field: 'original_invoice' });
	if (original.direction !== 'blue' || original.status !== 'issued')
		throw new DomainError(
			'INVALID_TRANSITION',
			`${original.number} is a ${original.direction} invoice in status ${original.status}; red invoices credit issued blue invoices`,
			409,
			{ field: 'original_invoice' },
		);
	const lines = await originalLines(trx, original.id);
	const priced = req.lines.map((r) => {
		const l = lines.get(r.invoice_line);
		const totalFen = r.amount ?? (l ? lineTotal(r.quantity, parseMoney(l.row.unit_price)) : 0n);
		return { invoice_line: r.invoice_line, quantity: r.quantity, totalFen };
	});
	const earlier = [...lines.values()].reduce((s, l) => s + l.redTotalFen, 0n);
	assertRedWithinOriginal({ number: original.number, totalFen: parseMoney(original.total), redTotalFen: earlier }, priced, lines);
	return insertInvoice(
		trx,
		{
			customer: original.customer,
			type: original.type,
			direction: 'red',
			original_invoice: original.id,
			reason: req.reason,
			owner: req.owner,
			user_created: req.owner,
			buyer_name: original.buyer_name,
			buyer_tax_id: original.buyer_tax_id,
			buyer_address_phone: original.buyer_address_phone,
			buyer_bank_account: original.buyer_bank_account,
		},
		priced.map((p) => {
			const l = lines.get(p.invoice_line)!.row;
			return {
				shipment_line: l.shipment_line,
				original_line: l.id,
				product: l.product,
				quantity: -p.quantity,
				unit_price: l.unit_price,
				tax_rate: l.tax_rate,
				totalFen: -p.totalFen,
			};
		}),
	);
}

/**
 * Rows of a table by id, 500 ids per query, locked in id order (PostgreSQL) because the caller adds
 * to what it read: two invoices of the same order line issued at once would otherwise both add to
 * the same old figure, losing one quantity.
 */
async function rowsByIds(trx: Knex, table: string, ids: number[], columns: string[]): Promise<any[]> {
	const out: any[] = [];
	for (const part of chunks(ids)) out.push(...(await lockedForUpdate(trx, trx(table).whereIn('id', part).orderBy('id').select(columns))));
	return out;
}

/** Finance issues an invoice: checked against the deliveries once more, then the rollups move. */
export async function issueInvoice(trx: Knex, id: number): Promise<void> {
	const invoice = await lockRow(trx, 'invoices', id);
	if (!invoice) throw new DomainError('NOT_FOUND', `invoice ${id} does not exist`, 404);
	if (!OPEN_INVOICE.includes(invoice.status))
		throw new DomainError(
			'INVALID_TRANSITION',
			`${invoice.number} is ${invoice.status}; only a draft or submitted invoice can be issued`,
			409,
			{ from: invoice.status, to: 'issued' },
		);
	const lines = await trx('invoice_lines').where({ invoice: id }).orderBy('id');
	const orders = new Set<number>();
	if (invoice.direction === 'blue') {
		const shipmentIds = [
			...new Set(
				(
					await trx('shipment_lines')
						.whereIn(
							'id',
							lines.map((l: any) => l.shipment_line),
						)
						.select('shipment')
				).map((r: any) => r.shipment),
			),
		] as number[];
		const available = await invoiceableLines(trx, shipmentIds, { lock: true, exceptInvoice: id });
		assertInvoiceable(
			lines.map((l: any) => ({ shipment_line: l.shipment_line, quantity: parseQty(l.quantity) })),
			new Map(available.map((l) => [l.id, { sku: l.sku, remaining: l.remaining }])),
		);
	} else {
		const original = await lockRow(trx, 'invoices', invoice.original_invoice);
		if (original.status !== 'issued') throw new DomainError('INVALID_TRANSITION', `${original.number} is ${original.status}`, 409);
		const open = parseMoney(original.open_amount) + parseMoney(invoice.total);
		const paid = parseMoney(original.paid_amount);
		// What is still to pay decides the payment status once the credit lowers the amount due.
		await trx('invoices')
			.where({ id: original.id })
			.update({ open_amount: formatMoney(open), payment_status: invoiceStatusFromPaid(paid + open, paid) });
	}
	// Rollups move by the summed quantity per delivery line, then per order line (the same line may
	// appear twice); rows are read in batches, not three lookups per invoice line.
	const byShipmentLine = new Map<number, bigint>();
	for (const l of lines) {
		const quantity = parseQty(l.quantity); // negative on red lines: credited goods leave "invoiced"
		if (quantity === 0n || !l.shipment_line) continue;
		byShipmentLine.set(Number(l.shipment_line), (byShipmentLine.get(Number(l.shipment_line)) ?? 0n) + quantity);
	}
	const byOrderLine = new Map<number, bigint>();
	for (const sl of await rowsByIds(trx, 'shipment_lines', [...byShipmentLine.keys()], ['id', 'invoiced_qty', 'order_line'])) {
		const delta = byShipmentLine.get(Number(sl.id))!;
		await trx('shipment_lines')
			.where({ id: sl.id })
			.update({ invoiced_qty: formatQty(parseQty(sl.invoiced_qty) + delta) });
		byOrderLine.set(Number(sl.order_line), (byOrderLine.get(Number(sl.order_line)) ?? 0n) + delta);
	}
	for (const ol of await rowsByIds(trx, 'sales_order_lines', [...byOrderLine.keys()], ['id', 'invoiced_qty', 'order'])) {
		await trx('sales_order_lines')
			.where({ id: ol.id })
			.update({ invoiced_qty: formatQty(parseQty(ol.invoiced_qty) + byOrderLine.get(Number(ol.id))!) });
		orders.add(Number(ol.order));
	}
	for (const order of orders) await refreshOrder(trx, order);
	const customer = await trx('customers').where({ id: invoice.customer }).first('payment_terms_days');
	const issued = today();
	await trx('invoices')
		.where({ id })
		.update({
			status: 'issued',
			issue_date: issued,
			due_date: dueDate(issued, Number(customer?.payment_terms_days ?? 0)),
			open_amount: invoice.direction === 'blue' ? invoice.total : 0,
			paid_amount: 0,
		});
}
