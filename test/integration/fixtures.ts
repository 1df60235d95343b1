// Builders for documents the tests need, created through the API as the demo users.
import { today } from '../../extensions/salesflow/src/platform/clock';
import { ok, userId } from './helpers';

export async function customerOf(user: string) {
	return (await ok<any[]>(user, 'GET', '/items/customers?sort=id&limit=1'))[0];
}

/** Credit terms: finance sets them (信用评审), the rep who registers the customer cannot. */
const CREDIT_FIELDS = ['credit_limit', 'credit_rating', 'enterprise_status', 'payment_terms_days'];

/** A customer registered by `rep`, its credit terms (if any are given) then set by finance. */
export async function registeredCustomer(rep: string, fields: Record<string, unknown>) {
	const credit = Object.fromEntries(Object.entries(fields).filter(([k]) => CREDIT_FIELDS.includes(k)));
	const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !CREDIT_FIELDS.includes(k)));
	const created = await ok<any>(rep, 'POST', '/items/customers', rest);
	if (!Object.keys(credit).length) return created;
	return ok<any>('finance', 'PATCH', `/items/customers/${created.id}`, credit);
}

export async function product(sku: string) {
	return (await ok<any[]>('admin', 'GET', `/items/products?filter[sku][_eq]=${sku}`))[0];
}

export async function quote(user: string, lines: Array<{ sku: string; quantity: string; unit_price: string }>, customer?: number) {
	const c = customer ?? (await customerOf(user)).id;
	const resolved = await Promise.all(
		lines.map(async (l) => ({ product: (await product(l.sku)).id, quantity: l.quantity, unit_price: l.unit_price })),
	);
	return ok<any>(user, 'POST', '/items/quotes', { customer: c, lines: resolved });
}

export async function order(
	user: string,
	lines: Array<{ sku: string; quantity: string; unit_price: string }>,
	extra: Record<string, unknown> = {},
) {
	const c = (extra.customer as number) ?? (await customerOf(user)).id;
	const resolved = await Promise.all(
		lines.map(async (l) => ({ product: (await product(l.sku)).id, quantity: l.quantity, unit_price: l.unit_price })),
	);
	return ok<any>(user, 'POST', '/items/sales_orders', { customer: c, ...extra, lines: resolved });
}

export async function submit(user: string, collection: string, id: number) {
	return ok<any>(user, 'PATCH', `/items/${collection}/${id}`, { status: 'submitted' });
}

export async function requestOf(collection: string, id: number) {
	const doc = await ok<any>('admin', 'GET', `/items/${collection}/${id}?fields=status,approval_request.*,approval_request.steps.*`);
	return doc.approval_request;
}

/** Approves every pending step of a document's request with whoever is asked, until it is done. */
export async function approveAll(collection: string, id: number, approvers: Record<string, string>) {
	for (let i = 0; i < 10; i++) {
		const req = await requestOf(collection, id);
		if (req?.status !== 'pending') return;
		const step = req.steps.find((s: any) => s.status === 'pending');
		const who = step.approver_role ?? `user:${step.approver_user}`;
		const user = approvers[who];
		if (!user) throw new Error(`no approver given for ${who}`);
		await ok(user, 'POST', `/approvals/${req.id}/approve`, { comment: 'ok' });
	}
}

/**
 * A red invoice taken through its approval (PROCESS.md §12: product managers, finance manager) and issued by
 * finance with the red confirmation number (红字确认单编号) the e-invoice platform gave it.
 */
export async function issueRedInvoice(owner: string, id: number) {
	await submit(owner, 'invoices', id);
	await approveAll('invoices', id, approversMap());
	return ok<any>('finance', 'POST', `/invoicing/invoices/${id}/issue`, { red_confirmation_no: `HZ${String(id).padStart(18, '0')}` });
}

export async function warehouse(code: string) {
	return (await ok<any[]>('admin', 'GET', `/items/warehouses?filter[code][_eq]=${code}`))[0];
}

/** A contract of `user` for `customer` taken through its approval and signed (a framework contract unless `fields` has lines). */
export async function signedContract(user: string, customer: number, fields: Record<string, unknown> = { amount: '1000.00' }) {
	const c = await ok<any>(user, 'POST', '/items/contracts', { customer, subject: '测试合同 / test contract', ...fields });
	await submit(user, 'contracts', c.id);
	await approveAll('contracts', c.id, approversMap());
	return ok<any>(user, 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
}

/**
 * One signed framework contract per rep and customer in a test file, for the orders the tests deliver
 * (合同在先: a delivery needs its order under a signed contract). Large enough never to bound a test's orders.
 */
const standing = new Map<string, Promise<any>>();
export function standingContract(user: string, customer: number) {
	const key = `${user}:${customer}`;
	if (!standing.has(key)) standing.set(key, signedContract(user, customer, { amount: '900000000000.00' }));
	return standing.get(key)!;
}

/**
 * A confirmed order of the rep (approved by the manager, and the division head if below floor), under
 * the rep's standing contract with the customer unless `extra.contract` says otherwise (null: none).
 */
export async function confirmedOrder(
	user: string,
	lines: Array<{ sku: string; quantity: string; unit_price: string }>,
	extra: Record<string, unknown> = {},
) {
	const customer = (extra.customer as number) ?? (await customerOf(user)).id;
	const contract = 'contract' in extra ? extra.contract : (await standingContract(user, customer)).id;
	const o = await order(user, lines, { ...extra, customer, contract });
	await submit(user, 'sales_orders', o.id);
	await approveAll('sales_orders', o.id, approversMap());
	return ok<any>('admin', 'GET', `/items/sales_orders/${o.id}?fields=*,lines.*`);
}

export function approversMap(): Record<string, string> {
	return {
		[`user:${userId('sales_manager')}`]: 'sales_manager',
		[`user:${userId('division_head')}`]: 'division_head',
		// Returns and loans ask the products' own product managers.
		[`user:${userId('product_manager')}`]: 'product_manager',
		[`user:${userId('product_manager_2')}`]: 'product_manager_2',
		division_head: 'division_head',
		finance_manager: 'finance_manager',
		legal: 'legal',
		finance: 'finance',
		vp: 'vp',
		general_manager: 'general_manager',
		product_manager: 'product_manager',
		warehouse_manager: 'warehouse_manager',
	};
}

/** A fresh product with `onHand` units at a warehouse, received through a posted stock entry. */
export async function stockedProduct(onHand: number, code = 'WH-SH', price = '100.00') {
	const sku = `T-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
	const p = await ok<any>('admin', 'POST', '/items/products', {
		sku,
		name: `测试产品 ${sku}`,
		unit: '个',
		list_price: price,
		floor_price: price,
		cost_price: '10.00',
		tax_rate: '0.1300',
		active: true,
	});
	const wh = await warehouse(code);
	if (onHand > 0) {
		const entry = await ok<any>('warehouse_manager', 'POST', '/items/stock_entries', {
			type: 'purchase_in',
			warehouse: wh.id,
			lines: [{ product: p.id, quantity: String(onHand) }],
		});
		await ok('warehouse_manager', 'PATCH', `/items/stock_entries/${entry.id}`, { status: 'posted' });
	}
	return { product: p, warehouse: wh };
}

export async function onHand(product: number, warehouseId: number): Promise<number> {
	const rows = await ok<any[]>('admin', 'GET', `/items/stock_levels?filter[product][_eq]=${product}&filter[warehouse][_eq]=${warehouseId}`);
	return rows.length ? Number(rows[0].on_hand) : 0;
}

export async function ledgerSum(product: number, warehouseId: number): Promise<number> {
	const rows = await ok<any[]>(
		'admin',
		'GET',
		`/items/stock_moves?filter[product][_eq]=${product}&filter[warehouse][_eq]=${warehouseId}&aggregate[sum]=quantity`,
	);
	return Number(rows[0]?.sum?.quantity ?? 0);
}

/** An issued delivery note for a confirmed order (all remaining quantity by default). */
export async function issuedNote(
	user: string,
	orderId: number,
	warehouseId: number,
	lines?: Array<{ order_line: number; quantity: string }>,
) {
	const n = await ok<any>(user, 'POST', '/items/shipments?fields=*,lines.*', {
		order: orderId,
		warehouse: warehouseId,
		...(lines ? { lines } : {}),
	});
	await ok(user, 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
	await ok('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' });
	return n;
}

/** Goods delivered to a customer and invoiced (blue, issued by finance) for qty × price. */
export async function issuedInvoice(customer: any, qty: string, price: string, rep = 'sales_rep') {
	const { product, warehouse } = await stockedProduct(100, 'WH-SH', price);
	const o = await confirmedOrder(rep, [{ sku: product.sku, quantity: qty, unit_price: price }], { customer: customer.id });
	const note = await issuedNote(rep, o.id, warehouse.id);
	const draft = await ok<any>(rep, 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
	const invoice = await ok<any>('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
	return { invoice, note, order: o, product, warehouse };
}

/** A deposit (预收款): a confirmed receipt of `amount` held by finance as an advance to the order. */
export async function advance(customer: any, order: number, amount: string) {
	const r = await receipt(customer, amount);
	await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ order, amount }] });
	return r;
}

/** A receipt finance records for a customer (the company's today unless given), confirmed unless `confirm: false`. */
export async function receipt(customer: any, amount: string, opts: { confirm?: boolean; received_on?: string } = {}) {
	const r = await ok<any>('finance', 'POST', '/items/receipts', {
		customer: customer.id,
		amount,
		received_on: opts.received_on ?? today(),
		method: '银行转账',
	});
	if (opts.confirm !== false) await ok('finance', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' });
	return r;
}
