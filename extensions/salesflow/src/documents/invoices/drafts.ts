// Draft invoices from delivery notes (blue) and red-letter credits, written in one transaction with
// the delivery lines locked, so parallel identical requests create one invoice. Draft and submitted
// invoices hold their quantities until they are issued (issue.ts).
import type { Knex } from 'knex';
import { DomainError, invalid } from '../../domain/errors';
import { assertInvoiceable, assertRedWithinOriginal, type OriginalInvoiceLine, remainingToInvoice } from '../../domain/invoicing';
import { formatMoney, formatQty, lineTotal, parseMoney, parseQty, parseRate, splitTax, sumByKey } from '../../domain/money';
import { chunks, forUpdate, insertRow, lockRow, type Row } from '../../platform/database';
import { nextDocumentNumber } from '../../platform/numbering';
import { now } from '../../platform/clock';

/** Delivery notes whose goods have left: they can be invoiced, and count as shipped. */
export const INVOICEABLE_SHIPMENT = ['issued', 'delivered', 'accepted'];
/** Invoices that hold the quantities they list until issued or voided. */
export const OPEN_INVOICE = ['draft', 'submitted'];

/** Quantity of each delivery line held by open (draft/submitted) blue invoices, except one invoice: one query per 500 lines, not one per line. */
async function heldByOpenInvoices(db: Knex, shipmentLines: number[], exceptInvoice?: number): Promise<Map<number, bigint>> {
	const rows: Row[] = [];
	for (const part of chunks(shipmentLines)) {
		rows.push(
			...(await db('invoice_lines as l')
				.join('invoices as i', 'i.id', 'l.invoice')
				.whereIn('l.shipment_line', part)
				.where('i.direction', 'blue')
				.whereIn('i.status', OPEN_INVOICE)
				.modify((q) => exceptInvoice && q.whereNot('i.id', exceptInvoice))
				.select('l.shipment_line', 'l.quantity')),
		);
	}
	return sumByKey(
		rows,
		(r) => Number(r.shipment_line),
		(r) => parseQty(r.quantity),
	);
}

/** Delivery lines with what is left to invoice (shipped − returned − invoiced − held by open invoices). */
export async function invoiceableLines(
	db: Knex,
	shipmentIds: number[],
	opts: { lock?: boolean; exceptInvoice?: number } = {},
): Promise<Array<Row & { remaining: bigint }>> {
	const q = db('shipment_lines as l')
		.join('shipments as s', 's.id', 'l.shipment')
		.join('products as p', 'p.id', 'l.product')
		.whereIn('l.shipment', shipmentIds)
		.orderBy('l.id')
		.select('l.*', 'p.sku', 'p.name as product_name', 's.number as shipment_number', 's.customer');
	const rows: Row[] = await (opts.lock ? forUpdate(db, q, 'l') : q);
	const held = await heldByOpenInvoices(
		db,
		rows.map((r) => Number(r.id)),
		opts.exceptInvoice,
	);
	return rows.map((r) => ({
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

function buyerSnapshot(customer: Row, type: string) {
	if (type === 'vat_special') {
		const missing = BUYER_FIELDS.filter(([f]) => !String(customer[f] ?? '').trim()).map(([, label]) => label);
		if (missing.length) {
			throw new DomainError(
				'INVALID_PAYLOAD',
				`A VAT special invoice needs the buyer's ${missing.join(', ')}; complete customer ${customer.name}`,
				400,
				{
					field: 'type',
					missing,
				},
			);
		}
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
	const id = await insertRow(trx, 'invoices', {
		...head,
		number: await nextDocumentNumber(trx, 'invoices'),
		status: 'draft',
		payment_status: 'unpaid',
		paid_amount: 0,
		total: sum('total'),
		amount_excl: sum('amount_excl'),
		tax: sum('tax'),
		date_created: now(),
	});
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
	const shipments: Row[] = await trx('shipments').whereIn('id', req.shipments);
	for (const id of req.shipments) {
		const s = shipments.find((x) => x.id === id);
		if (!s) throw new DomainError('NOT_FOUND', `delivery note ${id} does not exist`, 404, { field: 'shipments' });
		if (!INVOICEABLE_SHIPMENT.includes(s.status))
			throw new DomainError('INVALID_TRANSITION', `${s.number} is ${s.status}; only issued delivery notes can be invoiced`, 409, {
				field: 'shipments',
			});
	}
	const customers = new Set(shipments.map((s) => s.customer));
	if (customers.size > 1)
		throw invalid('shipments', `the delivery notes belong to ${customers.size} different customers; one invoice is for one customer`);
	const lines = await invoiceableLines(trx, req.shipments, { lock: true });
	const requests = req.lines ?? lines.filter((l) => l.remaining > 0n).map((l) => ({ shipment_line: l.id, quantity: l.remaining }));
	if (!requests.length)
		throw new DomainError('OVER_INVOICE', `nothing is left to invoice on ${shipments.map((s) => s.number).join(', ')}`, 409, {
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
async function originalLines(trx: Knex, original: number): Promise<Map<number, OriginalInvoiceLine & { row: Row }>> {
	const lines: Row[] = await trx('invoice_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.invoice', original)
		.select('l.*', 'p.sku');
	const reds: Row[] = await trx('invoice_lines as l')
		.join('invoices as i', 'i.id', 'l.invoice')
		.where('i.original_invoice', original)
		.whereNot('i.status', 'void')
		.select('l.original_line', 'l.quantity', 'l.total');
	return new Map(
		lines.map((l) => {
			const mine = reds.filter((r) => r.original_line === l.id);
			return [
				l.id,
				{
					row: l,
					sku: l.sku,
					quantity: parseQty(l.quantity),
					totalFen: parseMoney(l.total),
					redQuantity: mine.reduce((sum, r) => sum + parseQty(r.quantity), 0n),
					redTotalFen: mine.reduce((sum, r) => sum + parseMoney(r.total), 0n),
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
