// Exact money at volume (issue #8, item 4): 10,000 invoice lines with awkward prices and
// quantities across every VAT rate go through the full flow (order → approval → delivery note →
// stock out → invoice → issue → red invoice → receipt → statement). Every figure the server shows
// is checked against an independent BigInt recomputation in this file, to the fen.
import { describe, expect, it } from 'vitest';
import { call, env, ok } from './helpers';
import { approveAll, approversMap, issueRedInvoice, registeredCustomer, standingContract, submit, warehouse } from './fixtures';

// ---- Independent decimal arithmetic (deliberately not the extension's money module) ----

/** A decimal as an integer scaled by 10^scale; digits beyond `scale` (SQLite REAL noise) round half away from zero. */
function dec(v: unknown, scale: number): bigint {
	const s = typeof v === 'number' ? v.toFixed(scale + 2) : String(v);
	const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s.trim());
	if (!m) throw new Error(`not a decimal: ${JSON.stringify(v)}`);
	const frac = m[3] ?? '';
	let n = BigInt(m[2]! + frac.slice(0, scale).padEnd(scale, '0'));
	if ((frac[scale] ?? '0') >= '5') n += 1n;
	return m[1] ? -n : n;
}
const fmt = (n: bigint, scale = 2) => {
	const a = n < 0n ? -n : n;
	const base = 10n ** BigInt(scale);
	return `${n < 0n ? '-' : ''}${a / base}.${(a % base).toString().padStart(scale, '0')}`;
};
/** num / den rounded half away from zero: PROCESS.md §8 "round(…, 2)", i.e. 四舍五入 (negatives mirror positives). */
function roundDiv(num: bigint, den: bigint): bigint {
	const neg = num < 0n !== den < 0n;
	const [a, b] = [num < 0n ? -num : num, den < 0n ? -den : den];
	const q = (2n * a + b) / (2n * b);
	return neg ? -q : q;
}
type Split = { total: bigint; excl: bigint; tax: bigint };
/** PROCESS.md §8: line total = qty × tax-inclusive price; excl = round(total / (1 + rate), 2); tax = total − excl. */
function expectedLine(qtyMilli: bigint, priceFen: bigint, rate10k: bigint, totalFen?: bigint): Split {
	const total = totalFen ?? roundDiv(qtyMilli * priceFen, 1000n);
	const excl = roundDiv(total * 10000n, 10000n + rate10k);
	return { total, excl, tax: total - excl };
}
const sumOf = (xs: Split[]): Split =>
	xs.reduce((a, b) => ({ total: a.total + b.total, excl: a.excl + b.excl, tax: a.tax + b.tax }), { total: 0n, excl: 0n, tax: 0n });
const stored = (r: any): Split => ({ total: dec(r.total, 2), excl: dec(r.amount_excl, 2), tax: dec(r.tax, 2) });
const show = (s: Split) => `${fmt(s.total)} / ${fmt(s.excl)} / ${fmt(s.tax)}`;

// ---- Volume and awkward inputs ----

// Volume: the full 10,000 lines (2 customers × 10 orders × 500 lines) on SQLite, whose numeric
// storage is where inexact money would show; PostgreSQL stores exact numerics and pays a round
// trip per query, so CI runs 2,000 there (EXACT_MONEY_LINES=10000 passes on it too, in 4–6 min).
const isPostgres = () => env().DB_CLIENT === 'pg';
const TOTAL_LINES = () => Number(process.env.EXACT_MONEY_LINES ?? (isPostgres() ? DEFAULT_LINES.pg : DEFAULT_LINES.sqlite));
const DEFAULT_LINES = { sqlite: 10000, pg: 2000 };
const CUSTOMERS = 2;
const LINES_PER_ORDER = () => Math.min(500, TOTAL_LINES() / CUSTOMERS);
const ORDERS_PER_CUSTOMER = () => TOTAL_LINES() / CUSTOMERS / LINES_PER_ORDER();
const PARALLEL = 4;

// Every VAT rate PROCESS.md §8 names, one product each.
const RATES = ['0.1300', '0.0900', '0.0600', '0.0000'];
// Money has 2 decimals, quantities 3 (CONTRACT.md). Prices a cent apart, thirds, the largest
// 5-digit price; quantities whose product with a price lands exactly on half a fen (0.5 × 0.01,
// 1.5 × 0.03, 0.125 × 0.04, 2.5 × 0.33 …), where half-up and half-even disagree.
const PRICES = [
	'0.01',
	'0.03',
	'0.04',
	'0.05',
	'0.07',
	'0.33',
	'0.99',
	'1.01',
	'19.99',
	'33.33',
	'33.34',
	'66.67',
	'99.99',
	'333.33',
	'12345.67',
	'99999.99',
];
const QTYS = ['1', '3', '0.5', '1.5', '2.5', '0.001', '0.125', '0.375', '2.333', '7.125', '12', '999.999'];
const SMALL_QTYS = ['1', '0.5', '1.5', '2.5', '0.001', '0.125', '3']; // for prices ≥ 1000, keeping invoice totals well inside decimal(14,2)

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Spec = { product: number; rate: string; quantity: string; unit_price: string };

function linesFor(rand: () => number, products: Array<{ id: number; rate: string }>): Spec[] {
	const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
	return Array.from({ length: LINES_PER_ORDER() }, (_, i) => {
		const p = products[i % products.length]!; // every rate in every order
		// Two in three from the awkward list, the rest any price from 0.01 to 99,999.99.
		const price = rand() < 0.67 ? pick(PRICES) : fmt(BigInt(1 + Math.floor(rand() * 9_999_999)));
		const quantity = dec(price, 2) >= 100000n ? pick(SMALL_QTYS) : pick(QTYS);
		return { product: p.id, rate: p.rate, quantity, unit_price: price };
	});
}

async function inPool<T, R>(items: T[], size: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(size, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i]!, i);
			}
		}),
	);
	return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const PERIOD = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`; // the server's local month (same machine)

/** Admin reads of many rows, in chunks of ids so the URL stays short. */
async function readMany(collection: string, field: string, ids: number[], fields: string): Promise<any[]> {
	const out: any[] = [];
	for (let i = 0; i < ids.length; i += 50) {
		const filter = encodeURIComponent(JSON.stringify({ [field]: { _in: ids.slice(i, i + 50) } }));
		out.push(...(await ok<any[]>('admin', 'GET', `/items/${collection}?filter=${filter}&fields=${fields}&limit=-1&sort=id`)));
	}
	return out;
}

describe('exact money at volume', () => {
	it(
		'every invoice line across every VAT rate adds up to the fen',
		async () => {
			expect(
				Number.isInteger(ORDERS_PER_CUSTOMER()) && ORDERS_PER_CUSTOMER() >= 1,
				'EXACT_MONEY_LINES: a multiple of 2 × 500 (or an even number up to 1000)',
			).toBe(true);
			const t0 = Date.now();
			const phase = (name: string) =>
				console.log(`exact-money (${TOTAL_LINES()} lines, ${env().DB_CLIENT}): ${name} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			const wh = await warehouse('WH-SH');
			const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

			// Products (floor 0.01 so no price is a special discount) and plenty of stock for them.
			const products: Array<{ id: number; rate: string; sku: string }> = [];
			for (const rate of RATES) {
				const sku = `EM-${tag}-${rate.slice(2)}`;
				const p = await ok<any>('admin', 'POST', '/items/products', {
					sku,
					name: `精确金额测试 ${sku}`,
					unit: '个',
					list_price: '99999.99',
					floor_price: '0.01',
					cost_price: '0.01',
					tax_rate: rate,
					active: true,
				});
				products.push({ id: p.id as number, rate, sku });
			}
			const entry = await ok<any>('warehouse_manager', 'POST', '/items/stock_entries', {
				type: 'purchase_in',
				warehouse: wh.id,
				lines: products.map((p) => ({ product: p.id, quantity: '10000000' })),
			});
			await ok('warehouse_manager', 'PATCH', `/items/stock_entries/${entry.id}`, { status: 'posted' });

			// Fresh customers so their statements hold exactly what this test made; the second gets VAT special invoices.
			const customers: any[] = [];
			for (let c = 0; c < CUSTOMERS; c++) {
				customers.push(
					await registeredCustomer('sales_rep', {
						name: `精确金额客户${tag}${c}有限公司`,
						grade: 'A',
						payment_terms_days: 30,
						tax_id: `91310000EM${tag.toUpperCase().replace(/[^0-9A-Z]/g, '')}${c}`.slice(0, 30),
						invoice_title: `精确金额客户${tag}${c}有限公司`,
						address_phone: '上海市嘉定区 021-69990000',
						bank_account: '工商银行嘉定支行 1001 2345 6789 0000',
						contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
					}),
				);
			}

			// Orders with nested lines, each confirmed, delivered in one note and issued by the warehouse.
			const rand = rng(20260408);
			const jobs = customers.flatMap((c, ci) =>
				Array.from({ length: ORDERS_PER_CUSTOMER() }, () => ({
					customer: c,
					type: ci % 2 ? 'vat_special' : 'vat_ordinary',
					lines: linesFor(rand, products),
				})),
			);
			const orderIds = await inPool(
				jobs,
				PARALLEL,
				async (job) =>
					(
						await ok<any>('sales_rep', 'POST', '/items/sales_orders?fields=id', {
							customer: job.customer.id,
							contract: (await standingContract('sales_rep', job.customer.id)).id,
							lines: job.lines.map((l) => ({ product: l.product, quantity: l.quantity, unit_price: l.unit_price })),
						})
					).id as number,
			);
			phase('orders created');
			await inPool(orderIds, PARALLEL, async (id) => {
				await submit('sales_rep', 'sales_orders', id);
				await approveAll('sales_orders', id, approversMap());
			});
			phase('orders confirmed');
			const noteIds = await inPool(
				orderIds,
				PARALLEL,
				async (id) => (await ok<any>('sales_rep', 'POST', '/items/shipments?fields=id', { order: id, warehouse: wh.id })).id as number,
			);
			phase('delivery notes created');
			await inPool(noteIds, PARALLEL, (id) => ok('sales_rep', 'PATCH', `/items/shipments/${id}?fields=id`, { status: 'submitted' }));
			phase('delivery notes submitted');
			await inPool(noteIds, PARALLEL, (id) => ok('warehouse', 'PATCH', `/items/shipments/${id}?fields=id`, { status: 'issued' }));
			const flows = jobs.map((job, i) => ({ ...job, order: orderIds[i]!, note: noteIds[i]! }));
			phase('delivery notes issued');

			// Order lines are created in the order given: map each back to the spec it came from.
			const orderLines = await readMany(
				'sales_order_lines',
				'order',
				flows.map((f) => f.order),
				'id,order,quantity,unit_price,tax_rate,amount_excl,tax,total',
			);
			const specOfOrderLine = new Map<number, Spec>();
			for (const f of flows) {
				const mine = orderLines.filter((l) => l.order === f.order).sort((a, b) => a.id - b.id);
				expect(mine).toHaveLength(LINES_PER_ORDER());
				mine.forEach((l, i) => {
					const spec = f.lines[i]!;
					expect([dec(l.quantity, 3), dec(l.unit_price, 2), dec(l.tax_rate, 4)], `order line ${l.id}`).toEqual([
						dec(spec.quantity, 3),
						dec(spec.unit_price, 2),
						dec(spec.rate, 4),
					]);
					const want = expectedLine(dec(spec.quantity, 3), dec(spec.unit_price, 2), dec(spec.rate, 4));
					expect(show(stored(l)), `order line ${l.id} ${spec.quantity} × ${spec.unit_price} @ ${spec.rate}`).toBe(show(want));
					specOfOrderLine.set(l.id, spec);
				});
			}
			const orders = await readMany(
				'sales_orders',
				'id',
				flows.map((f) => f.order),
				'id,amount_excl,tax,total',
			);
			for (const o of orders) {
				const want = sumOf(
					orderLines.filter((l) => l.order === o.id).map((l) => expectedLine(dec(l.quantity, 3), dec(l.unit_price, 2), dec(l.tax_rate, 4))),
				);
				expect(show(stored(o)), `order ${o.id}`).toBe(show(want));
			}
			const shipmentLines = await readMany(
				'shipment_lines',
				'shipment',
				flows.map((f) => f.note),
				'id,shipment,order_line,quantity,unit_price',
			);
			expect(shipmentLines).toHaveLength(jobs.length * LINES_PER_ORDER());
			const specOfShipmentLine = new Map<number, Spec>(shipmentLines.map((l) => [l.id as number, specOfOrderLine.get(l.order_line)!]));

			// One invoice per delivery note (everything left to invoice), then finance issues them.
			const drafts = await inPool(flows, PARALLEL, async (f) => {
				const draft = await call('sales_rep', 'POST', '/invoicing/invoices', { type: f.type, shipments: [f.note] });
				expect(draft.status, JSON.stringify(draft.errors)).toBe(201);
				return draft.data.id as number;
			});
			phase('invoices drafted');
			const invoices = await inPool(flows, PARALLEL, async (f, i) => ({
				...f,
				invoice: await ok<any>('finance', 'POST', `/invoicing/invoices/${drafts[i]}/issue`),
			}));
			phase('invoices issued');

			const invoiceLines = await readMany(
				'invoice_lines',
				'invoice',
				invoices.map((i) => i.invoice.id),
				'id,invoice,shipment_line,quantity,unit_price,tax_rate,amount_excl,tax,total',
			);
			expect(invoiceLines).toHaveLength(TOTAL_LINES());
			const rateSeen = new Set<string>();
			const blueByCustomer = new Map<number, Split>();
			for (const { invoice, customer } of invoices) {
				const lines = invoiceLines.filter((l) => l.invoice === invoice.id);
				expect(lines).toHaveLength(LINES_PER_ORDER());
				const want: Split[] = [];
				for (const l of lines) {
					const spec = specOfShipmentLine.get(l.shipment_line)!;
					const e = expectedLine(dec(spec.quantity, 3), dec(spec.unit_price, 2), dec(spec.rate, 4));
					expect([dec(l.quantity, 3), dec(l.unit_price, 2), dec(l.tax_rate, 4)], `invoice line ${l.id}`).toEqual([
						dec(spec.quantity, 3),
						dec(spec.unit_price, 2),
						dec(spec.rate, 4),
					]);
					expect(show(stored(l)), `invoice line ${l.id}: ${spec.quantity} × ${spec.unit_price} @ ${spec.rate}`).toBe(show(e));
					rateSeen.add(fmt(dec(l.tax_rate, 4), 4));
					want.push(e);
				}
				// The invoice is the exact sum of its lines, both of what the lines say and of the recomputation.
				expect(show(stored(invoice)), invoice.number).toBe(show(sumOf(lines.map(stored))));
				expect(show(stored(invoice)), invoice.number).toBe(show(sumOf(want)));
				expect(dec(invoice.open_amount, 2)).toBe(sumOf(want).total);
				blueByCustomer.set(customer.id, sumOf([blueByCustomer.get(customer.id) ?? sumOf([]), sumOf(want)]));
			}
			expect([...rateSeen].sort()).toEqual([...RATES].sort());

			// A red invoice on the first customer's first invoice: half of three lines back and a 0.01 price correction,
			// negative amounts rounded as mirror images of positive ones.
			const first = invoices[0]!;
			const firstLines = invoiceLines.filter((l) => l.invoice === first.invoice.id && dec(l.quantity, 3) >= 2n).slice(0, 3);
			const redReq = firstLines.map((l) => ({ invoice_line: l.id, quantity: fmt(dec(l.quantity, 3) / 2n, 3) }));
			const priceOnly = invoiceLines.find((l) => l.invoice === first.invoice.id && !firstLines.includes(l) && dec(l.total, 2) >= 1n)!;
			const red = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
				original_invoice: first.invoice.id,
				lines: [...redReq, { invoice_line: priceOnly.id, amount: '0.01' }],
				reason: '部分退货及价格折让',
			});
			const redWant = [
				...firstLines.map((l, i) => expectedLine(-dec(redReq[i]!.quantity, 3), dec(l.unit_price, 2), dec(l.tax_rate, 4))),
				expectedLine(0n, 0n, dec(priceOnly.tax_rate, 4), -1n),
			];
			expect(red.lines).toHaveLength(redWant.length);
			const redLines = [...red.lines].sort((a: any, b: any) => a.id - b.id);
			for (const [i, l] of redLines.entries()) expect(show(stored(l)), `red line ${l.id}`).toBe(show(redWant[i]!));
			expect(show(stored(red))).toBe(show(sumOf(redWant)));
			await issueRedInvoice('sales_rep', red.id);

			// A receipt of a third of each customer's invoices (an awkward amount), written off oldest first.
			const receivedBy = new Map<number, bigint>();
			for (const c of customers) {
				const amount = blueByCustomer.get(c.id)!.total / 3n;
				const r = await ok<any>('finance', 'POST', '/items/receipts', {
					customer: c.id,
					amount: fmt(amount),
					received_on: `${PERIOD}-${pad(now.getDate())}`,
					method: '银行转账',
				});
				await ok('finance', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' });
				const allocations = await ok<any[]>('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { mode: 'fifo' });
				expect(allocations.reduce((s, a) => s + dec(a.amount, 2), 0n)).toBe(amount);
				receivedBy.set(c.id, amount);
			}
			phase('red invoice and receipts');

			// Open amounts: total + red − allocated, per customer, to the fen.
			const after = await readMany(
				'invoices',
				'customer',
				customers.map((c) => c.id),
				'id,customer,direction,status,total,open_amount,paid_amount',
			);
			const redTotal = sumOf(redWant).total;
			for (const c of customers) {
				const blue = after.filter((i) => i.customer === c.id && i.direction === 'blue');
				expect(blue).toHaveLength(ORDERS_PER_CUSTOMER());
				const open = blue.reduce((s, i) => s + dec(i.open_amount, 2), 0n);
				const paid = blue.reduce((s, i) => s + dec(i.paid_amount, 2), 0n);
				const credited = c.id === first.customer.id ? redTotal : 0n;
				expect(fmt(paid)).toBe(fmt(receivedBy.get(c.id)!));
				expect(fmt(open)).toBe(fmt(blueByCustomer.get(c.id)!.total + credited - receivedBy.get(c.id)!));
			}

			// Statements (computed and persisted) match the recomputation: shipped is Σ qty × price per delivery line.
			const persisted = await ok<any[]>('finance', 'POST', '/reconciliation/statements', {
				period: PERIOD,
				customers: customers.map((c) => c.id),
			});
			for (const c of customers) {
				const shipped = invoices
					.filter((i) => i.customer.id === c.id)
					.flatMap((i) => i.lines)
					.reduce((s, l) => s + roundDiv(dec(l.quantity, 3) * dec(l.unit_price, 2), 1000n), 0n);
				const invoiced = blueByCustomer.get(c.id)!.total;
				const redSum = c.id === first.customer.id ? redTotal : 0n;
				const received = receivedBy.get(c.id)!;
				const want = {
					opening: '0.00',
					shipped: fmt(shipped),
					invoiced: fmt(invoiced),
					red: fmt(redSum),
					received: fmt(received),
					closing: fmt(invoiced + redSum - received),
				};
				const st = await ok<any>('finance', 'GET', `/reconciliation/statement?customer=${c.id}&period=${PERIOD}`);
				expect(st, `statement of ${c.name}`).toMatchObject(want);
				const row = persisted.find((s) => s.customer === c.id);
				expect(Object.fromEntries(Object.keys(want).map((k) => [k, fmt(dec(row[k], 2))])), `persisted statement of ${c.name}`).toEqual(
					want,
				);
			}

			phase('statements');
			// The business and finance ledgers agree for these customers, and stock of these products matches its moves.
			for (const c of customers)
				expect(await ok<any[]>('finance', 'GET', `/reconciliation/ledger-check?customer=${c.id}`), c.name).toEqual([]);
			const all = await ok<any[]>('finance', 'GET', '/reconciliation/ledger-check');
			expect(all.filter((m) => products.some((p) => String(m.message).includes(p.sku)))).toEqual([]);
			phase('checked');
		},
		Math.max(600_000, Number(process.env.EXACT_MONEY_LINES ?? 0) * 150), // ~150 ms a line is the worst measured (PostgreSQL under load)
	);
});
