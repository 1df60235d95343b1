// Seeded volume data for the benchmark, written with bulk SQL (the hooks are not what is measured
// here): customers, products, and 12 months of orders, deliveries, invoices and receipts whose
// figures agree with each other, so statements, aging and the ledger check have real work to do.
import type { Knex } from 'knex';
import { formatMoney, formatQty, lineTotal, parseMoney, splitTax } from '../extensions/salesflow/src/domain/money';
import { userId } from '../seed/users';

export type Sizes = { customers: number; products: number; lines: number; seed: number };

/** Small deterministic PRNG (mulberry32), so every run generates the same data for a seed. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const LINES_PER_DOC = 4;
const day = (d: Date) => d.toISOString().slice(0, 10);

async function insertAll(db: Knex, table: string, rows: Record<string, unknown>[]): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 0; i < rows.length; i += 500) {
		const res = await db(table)
			.insert(rows.slice(i, i + 500))
			.returning('id');
		ids.push(...res.map((r: any) => (typeof r === 'object' ? r.id : r)));
	}
	if (ids.length !== rows.length) {
		// SQLite before RETURNING support: read the ids back in insertion order.
		const last = await db(table).max({ id: 'id' }).first();
		return Array.from({ length: rows.length }, (_, i) => Number(last!.id) - rows.length + 1 + i);
	}
	return ids;
}

const milli = (q: string) => BigInt(Math.round(Number(q) * 1000));

/**
 * The stock side of the deliveries, as the rules would have written it: one posted purchase entry
 * a year back with 100 units more than will ship, a sales_out move per delivery line, and stock
 * levels equal to the moves — so the ledger check finds nothing to report on bench data.
 */
async function stockFor(
	db: Knex,
	seed: number,
	wh: number,
	shipments: Record<string, unknown>[],
	shipmentIds: number[],
	lines: Array<Record<string, any>>,
	lineIds: number[],
	start: Date,
) {
	const out = new Map<number, bigint>();
	for (const l of lines) out.set(l.product, (out.get(l.product) ?? 0n) + milli(l.quantity));
	const number = `SE-B${seed}-0000001`;
	const [entry] = await insertAll(db, 'stock_entries', [
		{ number, type: 'purchase_in', warehouse: wh, status: 'posted', owner: userId('warehouse_manager'), date_created: start },
	]);
	const received = [...out].map(([product, q]) => ({ product, quantity: formatQty(q + 100_000n) }));
	await insertAll(
		db,
		'stock_entry_lines',
		received.map((r) => ({ entry, ...r })),
	);
	await insertAll(db, 'stock_moves', [
		...received.map((r) => ({
			type: 'purchase_in',
			product: r.product,
			warehouse: wh,
			quantity: r.quantity,
			source_collection: 'stock_entries',
			source_id: String(entry),
			source_number: number,
			date_created: start,
		})),
		...lines.map((l, j) => {
			const k = Math.floor(j / LINES_PER_DOC);
			return {
				type: 'sales_out',
				product: l.product,
				warehouse: wh,
				quantity: formatQty(-milli(l.quantity)),
				source_collection: 'shipments',
				source_id: String(shipmentIds[k]),
				source_line: String(lineIds[j]),
				source_number: shipments[k]!.number,
				date_created: shipments[k]!.issued_at,
			};
		}),
	]);
	await insertAll(
		db,
		'stock_levels',
		received.map((r) => ({ product: r.product, warehouse: wh, on_hand: formatQty(100_000n) })),
	);
}

/**
 * Writes the volume: `lines` document lines split about 40 % order lines, 40 % delivery lines and
 * 20 % invoice lines, with receipts paying part of the invoices. Returns what was created.
 */
export async function generate(
	db: Knex,
	sizes: Sizes,
): Promise<{
	customers: number;
	orders: number;
	orderLines: number;
	shipmentLines: number;
	invoiceLines: number;
	receipts: number;
	period: string;
}> {
	const rnd = prng(sizes.seed);
	const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
	const owners = [userId('sales_rep'), userId('sales_rep_2')];
	const wh = (await db('warehouses').first('id'))?.id ?? (await insertAll(db, 'warehouses', [{ code: 'WH-BENCH', name: '压测仓' }]))[0];

	const products = Array.from({ length: sizes.products }, (_, i) => {
		const list = 100 + Math.floor(rnd() * 9900);
		return {
			sku: `BN-${sizes.seed}-${String(i).padStart(5, '0')}`,
			name: `压测产品 ${i}`,
			unit: '个',
			list_price: `${list}.00`,
			floor_price: `${Math.floor(list * 0.9)}.00`,
			cost_price: `${Math.floor(list * 0.6)}.00`,
			tax_rate: pick(['0.1300', '0.1300', '0.0900', '0.0600']),
			active: true,
		};
	});
	const productIds = await insertAll(db, 'products', products);
	const customerRows = Array.from({ length: sizes.customers }, (_, i) => ({
		code: `CUS-B${sizes.seed}-${String(i).padStart(6, '0')}`,
		name: `压测客户${sizes.seed}-${i} 有限公司`,
		name_key: `bench${sizes.seed}-${i}`,
		tax_id: `91BENCH${sizes.seed}${String(i).padStart(8, '0')}`,
		grade: pick(['A', 'B', 'C', 'D']),
		intent: pick(['high', 'medium', 'low']),
		status: 'signed',
		owner: owners[i % 2],
		credit_limit: '1000000.00',
		payment_terms_days: pick([0, 30, 45, 60]),
		date_created: new Date(),
	}));
	const customerIds = await insertAll(db, 'customers', customerRows);

	const docs = Math.max(1, Math.round((sizes.lines * 0.4) / LINES_PER_DOC));
	const now = new Date();
	const orders: Record<string, unknown>[] = [];
	const orderLineBatches: Array<Array<{ product: number; quantity: bigint; unit: bigint; rate: string }>> = [];
	for (let i = 0; i < docs; i++) {
		const when = new Date(now.getTime() - Math.floor(rnd() * 365) * 86_400_000);
		const lines = Array.from({ length: LINES_PER_DOC }, () => {
			const pIndex = Math.floor(rnd() * productIds.length);
			return {
				product: productIds[pIndex]!,
				quantity: BigInt(1 + Math.floor(rnd() * 20)) * 1000n,
				unit: parseMoney(products[pIndex]!.list_price),
				rate: products[pIndex]!.tax_rate,
			};
		});
		orderLineBatches.push(lines);
		const total = lines.reduce((s, l) => s + lineTotal(l.quantity, l.unit), 0n);
		const customer = i % customerIds.length;
		orders.push({
			number: `SO-B${sizes.seed}-${String(i).padStart(7, '0')}`,
			customer: customerIds[customer],
			owner: customerRows[customer]!.owner,
			status: 'shipped',
			order_date: day(when),
			confirmed_at: when,
			total: formatMoney(total),
			date_created: when,
			percent_shipped: '100.0',
		});
	}
	const orderIds = await insertAll(db, 'sales_orders', orders);

	const orderLines = orderLineBatches.flatMap((lines, i) =>
		lines.map((l) => {
			const total = lineTotal(l.quantity, l.unit);
			const { excl, tax } = splitTax(total, BigInt(Math.round(Number(l.rate) * 10000)));
			return {
				order: orderIds[i],
				product: l.product,
				quantity: formatQty(l.quantity),
				unit_price: formatMoney(l.unit),
				tax_rate: l.rate,
				total: formatMoney(total),
				amount_excl: formatMoney(excl),
				tax: formatMoney(tax),
				shipped_qty: formatQty(l.quantity),
				invoiced_qty: '0',
				returned_qty: '0',
			};
		}),
	);
	const orderLineIds = await insertAll(db, 'sales_order_lines', orderLines);

	const shipments = orders.map((o, i) => ({
		number: `DN-B${sizes.seed}-${String(i).padStart(7, '0')}`,
		order: orderIds[i],
		customer: o.customer,
		owner: o.owner,
		warehouse: wh,
		status: 'accepted',
		// The order's lines delivered in full: the note's amount is the order's total.
		amount: o.total,
		issued_at: o.confirmed_at,
		date_created: o.confirmed_at,
	}));
	const shipmentIds = await insertAll(db, 'shipments', shipments);
	const shipmentLines = orderLines.map((l, j) => ({
		shipment: shipmentIds[Math.floor(j / LINES_PER_DOC)],
		order_line: orderLineIds[j],
		product: l.product,
		quantity: l.quantity,
		unit_price: l.unit_price,
		tax_rate: l.tax_rate,
		invoiced_qty: '0',
		returned_qty: '0',
	}));
	const shipmentLineIds = await insertAll(db, 'shipment_lines', shipmentLines);
	await stockFor(db, sizes.seed, wh, shipments, shipmentIds, shipmentLines, shipmentLineIds, new Date(now.getTime() - 366 * 86_400_000));

	// Half of the deliveries are invoiced (20 % of the lines); a third of those invoices is paid.
	const invoices: Record<string, unknown>[] = [];
	const invoiceLines: Record<string, unknown>[][] = [];
	const receipts: Record<string, unknown>[] = [];
	for (let i = 0; i < shipments.length; i += 2) {
		const issued = new Date((shipments[i]!.issued_at as Date).getTime() + 2 * 86_400_000);
		const lines = shipmentLines.slice(i * LINES_PER_DOC, (i + 1) * LINES_PER_DOC).map((l, k) => {
			const total = lineTotal(BigInt(Math.round(Number(l.quantity) * 1000)), parseMoney(l.unit_price));
			const { excl, tax } = splitTax(total, BigInt(Math.round(Number(l.tax_rate) * 10000)));
			return {
				shipment_line: shipmentLineIds[i * LINES_PER_DOC + k],
				product: l.product,
				quantity: l.quantity,
				unit_price: l.unit_price,
				tax_rate: l.tax_rate,
				total: formatMoney(total),
				amount_excl: formatMoney(excl),
				tax: formatMoney(tax),
				_total: total,
			};
		});
		const total = lines.reduce((s, l) => s + l._total, 0n);
		const paid = i % 6 === 0 ? total : 0n;
		const terms = Number(customerRows[customerIds.indexOf(shipments[i]!.customer as number)]?.payment_terms_days ?? 30);
		invoices.push({
			number: `INV-B${sizes.seed}-${String(i).padStart(7, '0')}`,
			customer: shipments[i]!.customer,
			owner: shipments[i]!.owner,
			type: 'vat_ordinary',
			direction: 'blue',
			status: 'issued',
			payment_status: paid ? 'paid' : 'unpaid',
			total: formatMoney(total),
			amount_excl: formatMoney(lines.reduce((s, l) => s + parseMoney(l.amount_excl), 0n)),
			tax: formatMoney(lines.reduce((s, l) => s + parseMoney(l.tax), 0n)),
			paid_amount: formatMoney(paid),
			open_amount: formatMoney(total - paid),
			issue_date: day(issued),
			due_date: day(new Date(issued.getTime() + terms * 86_400_000)),
			date_created: issued,
		});
		invoiceLines.push(lines.map(({ _total, ...l }) => l));
		if (paid)
			receipts.push({
				number: `RC-B${sizes.seed}-${String(i).padStart(7, '0')}`,
				customer: shipments[i]!.customer,
				owner: shipments[i]!.owner,
				amount: formatMoney(paid),
				allocated_amount: formatMoney(paid),
				received_on: day(new Date(issued.getTime() + 10 * 86_400_000)),
				status: 'confirmed',
				date_created: issued,
				_invoice: invoices.length - 1,
			});
	}
	const invoiceIds = await insertAll(db, 'invoices', invoices);
	await insertAll(
		db,
		'invoice_lines',
		invoiceLines.flatMap((lines, i) => lines.map((l) => ({ ...l, invoice: invoiceIds[i] }))),
	);
	for (let i = 0; i < invoiceLines.length; i++) {
		const ids = invoiceLines[i]!.map((l) => l.shipment_line as number);
		await db('shipment_lines')
			.whereIn('id', ids)
			.update({ invoiced_qty: db.ref('quantity') });
	}
	const receiptIds = await insertAll(
		db,
		'receipts',
		receipts.map(({ _invoice, ...r }) => r),
	);
	await insertAll(
		db,
		'receipt_allocations',
		receipts.map((r, i) => ({
			receipt: receiptIds[i],
			invoice: invoiceIds[r._invoice as number],
			amount: r.amount,
			date_created: r.date_created,
		})),
	);
	return {
		customers: customerIds.length,
		orders: orderIds.length,
		orderLines: orderLineIds.length,
		shipmentLines: shipmentLineIds.length,
		invoiceLines: invoiceLines.length * LINES_PER_DOC,
		receipts: receiptIds.length,
		period: day(new Date(now.getTime() - 40 * 86_400_000)).slice(0, 7),
	};
}
