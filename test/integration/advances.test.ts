// Advances (预收款/订金, issue #15): a confirmed receipt is held against an order ({ order, amount } in
// the allocate route) — never more than the receipt has free or the order lacks, also when requests
// race — and applied to the order's invoice when it is issued, oldest first, in that transaction. Aging
// shows unapplied advances apart and nets them; statements count the receipt as received.
import { describe, expect, it } from 'vitest';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok } from './helpers';
import { confirmedOrder, customerOf, receipt as receiptOf, registeredCustomer, stockedProduct, submit } from './fixtures';

const receipt = (customer: number, amount: string, confirm = true) => receiptOf({ id: customer }, amount, { confirm });

const allocate = (receiptId: number, allocations: unknown[], who = 'finance') =>
	call(who, 'POST', `/reconciliation/receipts/${receiptId}/allocate`, { allocations });

const rowsOf = (filter: Record<string, unknown>) =>
	ok<any[]>('admin', 'GET', `/items/receipt_allocations?sort=id&filter=${encodeURIComponent(JSON.stringify(filter))}`);

/** A fresh customer of the rep (so aging and statements hold only what a test made). */
const freshCustomer = () =>
	registeredCustomer('sales_rep', {
		name: `预收款客户 ${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
		grade: 'B',
		contacts: [{ name: '赵经理', title: '采购', phone: '13700000000' }],
	});

describe('advances (预收款)', () => {
	it('a receipt held against an order, then applied to its invoice as it is issued', async () => {
		const { product, warehouse } = await stockedProduct(10);
		const customer = (await freshCustomer()).id;
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '10', unit_price: '100.00' }], { customer });
		const r = await receipt(customer, '1000.00');
		const res = await allocate(r.id, [{ order: order.id, amount: '300.00' }]);
		expect(res.status).toBe(200);
		expect(res.data).toEqual([expect.objectContaining({ order: order.id, order_number: order.number, amount: '300.00' })]);
		expect(Number((await ok<any>('finance', 'GET', `/items/receipts/${r.id}`)).allocated_amount)).toBe(300);
		const held = await rowsOf({ order: { _eq: order.id } });
		expect(held.map((a) => [a.invoice, Number(a.amount)])).toEqual([[null, 300]]);

		// Aging: nothing invoiced yet, the advance shown apart and netted.
		const aging = await ok<any>('finance', 'GET', '/reconciliation/aging');
		const row = aging.customers.find((c: any) => c.customer === customer);
		expect([row.total, row.advances, row.net].map(Number)).toEqual([0, 300, -300]);
		// Statements count the receipt as received.
		const st = await ok<any>('finance', 'GET', `/reconciliation/statement?customer=${customer}&period=${todayPlus(0).slice(0, 7)}`);
		expect(Number(st.received)).toBe(1000);

		// Deliver and invoice: the advance pays the invoice as it is issued.
		const note = await ok<any>('sales_rep', 'POST', '/items/shipments', { order: order.id, warehouse: warehouse.id });
		await submit('sales_rep', 'shipments', note.id);
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued' });
		const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		const issued = await ok<any>('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`, {});
		const invoice = await ok<any>('finance', 'GET', `/items/invoices/${issued.id}`);
		expect([Number(invoice.paid_amount), Number(invoice.open_amount), invoice.payment_status]).toEqual([300, 700, 'partially_paid']);
		const after = await rowsOf({ order: { _eq: order.id } });
		expect(after.map((a) => [a.invoice, Number(a.amount)])).toEqual([[invoice.id, 300]]);
		expect(Number((await ok<any>('finance', 'GET', `/items/receipts/${r.id}`)).allocated_amount)).toBe(300);
		const aged = (await ok<any>('finance', 'GET', '/reconciliation/aging')).customers.find((c: any) => c.customer === customer);
		expect([aged.total, aged.advances, aged.net].map(Number)).toEqual([700, 0, 700]);
		// The order's contract counts the advance as received, before and after it is applied.
		const contract = await ok<any>('sales_rep', 'GET', `/items/contracts/${order.contract}`);
		expect(Number(contract.received_amount)).toBe(300);
		// The ledger check agrees with all of it.
		const mismatches = await ok<any[]>('finance', 'GET', `/reconciliation/ledger-check?customer=${customer}`);
		expect(mismatches).toEqual([]);
	});

	it('two advances apply oldest first, up to the invoice amount; the rest stays an advance', async () => {
		const { product, warehouse } = await stockedProduct(10);
		const customer = (await freshCustomer()).id;
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '5', unit_price: '100.00' }], { customer });
		const [r1, r2] = [await receipt(customer, '200.00'), await receipt(customer, '400.00')];
		await ok('finance', 'POST', `/reconciliation/receipts/${r1.id}/allocate`, { allocations: [{ order: order.id, amount: '200.00' }] });
		await ok('finance', 'POST', `/reconciliation/receipts/${r2.id}/allocate`, { allocations: [{ order: order.id, amount: '300.00' }] });
		// Two notes of 2 and 3: the first invoice (200.00) takes the older advance only.
		const first = await ok<any>('sales_rep', 'POST', '/items/shipments', {
			order: order.id,
			warehouse: warehouse.id,
			lines: [{ order_line: order.lines[0].id, quantity: '2' }],
		});
		await submit('sales_rep', 'shipments', first.id);
		await ok('warehouse', 'PATCH', `/items/shipments/${first.id}`, { status: 'issued' });
		const inv1 = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [first.id] });
		await ok('finance', 'POST', `/invoicing/invoices/${inv1.id}/issue`, {});
		const rows = await rowsOf({ order: { _eq: order.id } });
		expect(rows.map((a) => [a.receipt, a.invoice, Number(a.amount)])).toEqual([
			[r2.id, null, 300],
			[r1.id, inv1.id, 200],
		]);
		expect((await ok<any>('finance', 'GET', `/items/invoices/${inv1.id}`)).payment_status).toBe('paid');
	});

	it('never more than the receipt has free or the order lacks; refusals write nothing', async () => {
		const { product } = await stockedProduct(0);
		const customer = (await freshCustomer()).id;
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }], { customer });
		const other = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }]);
		const r = await receipt(customer, '150.00');
		const draftReceipt = await receipt(customer, '50.00', false);
		const before = await count('receipt_allocations');
		const cases: Array<[unknown[], number, string, number?]> = [
			[[{ order: order.id, amount: '150.01' }], 409, 'OVER_ALLOCATION'],
			[
				[
					{ order: order.id, amount: '100.00' },
					{ order: order.id, amount: '100.00' },
				],
				409,
				'OVER_ALLOCATION',
			],
			[[{ order: other.id, amount: '10.00' }], 400, 'INVALID_PAYLOAD'],
			[[{ order: order.id, amount: '0' }], 400, 'INVALID_PAYLOAD'],
			[[{ order: order.id, amount: '-5.00' }], 400, 'INVALID_PAYLOAD'],
			[[{ order: order.id, invoice: 1, amount: '5.00' }], 400, 'INVALID_PAYLOAD'],
			[[{ order: 'x', amount: '5.00' }], 400, 'INVALID_PAYLOAD'],
			[[{ order: order.id, amount: '10.00' }], 409, 'INVALID_TRANSITION', draftReceipt.id],
		];
		for (const [allocations, status, code, receiptId] of cases) {
			const res = await allocate(receiptId ?? r.id, allocations);
			expect([res.status, errorCode(res)], JSON.stringify(allocations)).toEqual([status, code]);
		}
		const lacking = await allocate(r.id, [{ order: order.id, amount: '150.00' }]);
		expect(lacking.status).toBe(200);
		const r2 = await receipt(customer, '100.00');
		const tooMuch = await allocate(r2.id, [{ order: order.id, amount: '50.01' }]);
		expect([tooMuch.status, errorCode(tooMuch)]).toEqual([409, 'OVER_ALLOCATION']);
		expect(tooMuch.errors![0]!.message).toContain('already advanced 150.00');
		expect(await count('receipt_allocations')).toBe(before + 1);
		// Only those who may allocate: the warehouse may not.
		expect((await allocate(r2.id, [{ order: order.id, amount: '1.00' }], 'warehouse')).status).toBe(403);
	});

	it('parallel advances never exceed the receipt', async () => {
		const { product } = await stockedProduct(0);
		const customer = (await customerOf('sales_rep')).id;
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '100', unit_price: '100.00' }], { customer });
		const r = await receipt(customer, '1000.00');
		const results = await Promise.all(Array.from({ length: 10 }, () => allocate(r.id, [{ order: order.id, amount: '150.00' }])));
		expect(results.filter((x) => x.status === 200)).toHaveLength(6);
		expect(results.filter((x) => x.status !== 200).map(errorCode)).toEqual(Array(4).fill('OVER_ALLOCATION'));
		expect(Number((await ok<any>('finance', 'GET', `/items/receipts/${r.id}`)).allocated_amount)).toBe(900);
		const rows = await rowsOf({ receipt: { _eq: r.id } });
		expect(rows.reduce((s, a) => s + Number(a.amount), 0)).toBe(900);
	});
});

describe('money before goods (款到发货)', () => {
	it('a delivery is refused until advances cover the before-shipment share, then goes through', async () => {
		const term = await ok<any>('finance', 'POST', '/items/payment_terms', {
			code: `PT-GATE-${Date.now()}`,
			name: '30% 预付，验收后付 70%',
			lines: [
				{ sequence: 1, trigger: 'before_shipment', percent: '30', days: 0 },
				{ sequence: 2, trigger: 'after_acceptance', percent: '70', days: 30 },
			],
		});
		const { product, warehouse } = await stockedProduct(10);
		const customer = (await freshCustomer()).id;
		await ok('sales_rep', 'PATCH', `/items/customers/${customer}`, { payment_term: term.id });
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '10', unit_price: '100.00' }], { customer });
		const note = await ok<any>('sales_rep', 'POST', '/items/shipments', { order: order.id, warehouse: warehouse.id });
		const refuse = async (covered: string, missing: string) => {
			const res = await call('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'submitted' });
			expect([res.status, errorCode(res)]).toEqual([409, 'PAYMENT_REQUIRED']);
			expect(res.errors![0]!.extensions).toMatchObject({ required: '300.00', covered, missing });
			expect(res.errors![0]!.message).toContain(order.number);
			expect((await ok<any>('admin', 'GET', `/items/shipments/${note.id}`)).status).toBe('draft');
		};
		await refuse('0.00', '300.00');
		const r = await receipt(customer, '1000.00');
		await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ order: order.id, amount: '200.00' }] });
		await refuse('200.00', '100.00');
		// The rep records the rest of the deposit for their own customer (销售人员核销).
		await ok('sales_rep', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ order: order.id, amount: '100.00' }] });
		await submit('sales_rep', 'shipments', note.id);
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued' });
		expect((await ok<any>('admin', 'GET', `/items/shipments/${note.id}`)).status).toBe('issued');
		const schedule = await ok<any[]>('sales_rep', 'GET', `/items/payment_schedules?filter[order][_eq]=${order.id}&sort=sequence`);
		expect(schedule.map((s) => [s.trigger, Number(s.amount), Number(s.paid_amount)])).toEqual([
			['before_shipment', 300, 300],
			['after_acceptance', 700, 0],
		]);
	});
});
