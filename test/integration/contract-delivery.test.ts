// Contract before delivery and contract performance (合同在先、合同履行, issue #14): a delivery note is
// always drafted, but submitted and issued only for an order under a signed contract (unless below
// `contract_required_from`); a contract signed after the order is attached once, within its terms;
// loan conversions need one too; the contract keeps what was ordered, shipped, invoiced and received
// against it in the same transactions, and is completed only when fully performed.
import { afterEach, describe, expect, it } from 'vitest';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok } from './helpers';
import {
	approveAll,
	approversMap,
	confirmedOrder,
	customerOf,
	registeredCustomer,
	signedContract,
	stockedProduct,
	submit,
} from './fixtures';

const APPROVERS = approversMap();

const figures = async (contract: number) => {
	const c = await ok<any>('sales_rep', 'GET', `/items/contracts/${contract}`);
	return {
		status: c.status,
		ordered: Number(c.ordered_amount),
		shipped: Number(c.shipped_amount),
		invoiced: Number(c.invoiced_amount),
		received: Number(c.received_amount),
	};
};

const setRequiredFrom = (amount: string) => ok('admin', 'PATCH', '/items/salesflow_settings', { contract_required_from: amount });

const draftNote = (order: number, warehouse: number, lines?: Array<{ order_line: number; quantity: string }>) =>
	ok<any>('sales_rep', 'POST', '/items/shipments?fields=*,lines.*', { order, warehouse, ...(lines ? { lines } : {}) });

const noteStatus = async (id: number) => (await ok<any>('admin', 'GET', `/items/shipments/${id}?fields=status`)).status;

async function invoiceAndIssue(shipment: number) {
	const invoice = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [shipment] });
	return ok<any>('finance', 'POST', `/invoicing/invoices/${invoice.id}/issue`, {});
}

async function receive(customer: number, invoice: number, amount: string) {
	const r = await ok<any>('finance', 'POST', '/items/receipts', {
		customer,
		amount,
		received_on: todayPlus(0),
		method: '银行转账',
		reference: `BK-${Date.now()}-${Math.random()}`,
	});
	await ok('finance', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' });
	return ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ invoice, amount }] });
}

describe('contract before delivery (合同在先)', () => {
	afterEach(() => setRequiredFrom('0.00'));

	it('a note for an order without a signed contract is drafted, refused at submit, and goes through once a signed contract is attached', async () => {
		const { product, warehouse } = await stockedProduct(20);
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '4', unit_price: '100.00' }], { contract: null });
		const note = await draftNote(order.id, warehouse.id);
		expect(note.status).toBe('draft');

		const moves = await count('stock_moves');
		const refused = await call('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'submitted' });
		expect([refused.status, errorCode(refused)]).toEqual([409, 'CONTRACT_REQUIRED']);
		expect(refused.errors![0]!.message).toContain(order.number);
		expect(refused.errors![0]!.message).toContain('400.00');
		expect(refused.errors![0]!.extensions).toMatchObject({ order: order.number, total: '400.00', contract: null });
		expect(await noteStatus(note.id)).toBe('draft');
		expect(await count('stock_moves')).toBe(moves);

		// A contract not yet signed cannot be attached; a signed one can, once.
		const draft = await ok<any>('sales_rep', 'POST', '/items/contracts', {
			customer: order.customer,
			amount: '1000.00',
			subject: '补签合同',
		});
		const early = await call('sales_rep', 'PATCH', `/items/sales_orders/${order.id}`, { contract: draft.id });
		expect([early.status, errorCode(early)]).toEqual([409, 'CONTRACT_MISMATCH']);
		expect((await ok<any>('sales_rep', 'GET', `/items/sales_orders/${order.id}`)).contract).toBeNull();
		const contract = await signedContract('sales_rep', order.customer, { amount: '1000.00' });
		await ok('sales_rep', 'PATCH', `/items/sales_orders/${order.id}`, { contract: contract.id });
		expect(await figures(contract.id)).toMatchObject({ ordered: 400, shipped: 0 });
		const again = await call('sales_rep', 'PATCH', `/items/sales_orders/${order.id}`, { contract: null });
		expect([again.status, errorCode(again)]).toEqual([409, 'DOCUMENT_LOCKED']);

		await submit('sales_rep', 'shipments', note.id);
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued' });
		expect(await noteStatus(note.id)).toBe('issued');
		expect(await figures(contract.id)).toMatchObject({ ordered: 400, shipped: 400 });
	});

	it("an attached contract must be of the order's customer and fit the order's amount", async () => {
		const { product } = await stockedProduct(0);
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '5', unit_price: '100.00' }], { contract: null });
		const small = await signedContract('sales_rep', order.customer, { amount: '499.99' });
		const tooSmall = await call('sales_rep', 'PATCH', `/items/sales_orders/${order.id}`, { contract: small.id });
		expect([tooSmall.status, errorCode(tooSmall)]).toEqual([409, 'CONTRACT_MISMATCH']);
		expect(tooSmall.errors![0]!.message).toContain('500.00');
		const other = await registeredCustomer('sales_rep', {
			name: `另一客户 ${Date.now()}`,
			grade: 'C',
			contacts: [{ name: '李经理', title: '采购', phone: '13900000000' }],
		});
		const foreign = await signedContract('sales_rep', other.id, { amount: '9999.00' });
		const wrongCustomer = await call('sales_rep', 'PATCH', `/items/sales_orders/${order.id}`, { contract: foreign.id });
		// A reference to another customer's document is bad input, as everywhere (engine/references.ts).
		expect([wrongCustomer.status, errorCode(wrongCustomer)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await ok<any>('sales_rep', 'GET', `/items/sales_orders/${order.id}`)).contract).toBeNull();
		expect(await figures(small.id)).toMatchObject({ ordered: 0 });
	});

	it('orders below contract_required_from ship without one; the threshold is checked again at issue', async () => {
		const { product, warehouse } = await stockedProduct(10);
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '3', unit_price: '100.00' }], { contract: null });
		// At the threshold a contract is needed; only below it not.
		await setRequiredFrom('300.00');
		const atThreshold = await draftNote(order.id, warehouse.id, [{ order_line: order.lines[0].id, quantity: '1' }]);
		const refused = await call('sales_rep', 'PATCH', `/items/shipments/${atThreshold.id}`, { status: 'submitted' });
		expect([refused.status, errorCode(refused)]).toEqual([409, 'CONTRACT_REQUIRED']);
		expect(refused.errors![0]!.extensions).toMatchObject({ contract_required_from: '300.00' });

		await setRequiredFrom('300.01');
		await submit('sales_rep', 'shipments', atThreshold.id);
		// The company tightens the rule before the warehouse issues: the issue is refused, nothing moves.
		await setRequiredFrom('0.00');
		const moves = await count('stock_moves');
		const issue = await call('warehouse', 'PATCH', `/items/shipments/${atThreshold.id}`, { status: 'issued' });
		expect([issue.status, errorCode(issue)]).toEqual([409, 'CONTRACT_REQUIRED']);
		expect(await noteStatus(atThreshold.id)).toBe('submitted');
		expect(await count('stock_moves')).toBe(moves);
		await setRequiredFrom('1000.00');
		await ok('warehouse', 'PATCH', `/items/shipments/${atThreshold.id}`, { status: 'issued' });
		expect(await noteStatus(atThreshold.id)).toBe('issued');
	});

	it('a settings value out of range is refused and changes nothing', async () => {
		const before = await ok<any>('admin', 'GET', '/items/salesflow_settings');
		for (const bad of ['-1.00', 'abc', '1.001']) {
			const r = await call('admin', 'PATCH', '/items/salesflow_settings', { contract_required_from: bad });
			expect(r.status, bad).toBe(400);
		}
		expect((await ok<any>('admin', 'GET', '/items/salesflow_settings')).contract_required_from).toEqual(before.contract_required_from);
		const byRep = await call('sales_rep', 'PATCH', '/items/salesflow_settings', { contract_required_from: '100000.00' });
		expect(byRep.status).toBe(403);
	});
});

describe('loan conversions need a signed contract (试用完成，签订合同后)', () => {
	async function issuedLoanOf(customer: number, product: number, warehouse: number) {
		const loan = await ok<any>('sales_rep', 'POST', '/items/loans?fields=*,lines.*', {
			customer,
			warehouse,
			expected_return_date: todayPlus(14),
			purpose: '样机试用',
			lines: [{ product, quantity: '2' }],
		});
		await submit('sales_rep', 'loans', loan.id);
		await approveAll('loans', loan.id, APPROVERS);
		await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });
		return loan;
	}

	it('is refused at submit without one, and with one the sale counts against it', async () => {
		const { product, warehouse } = await stockedProduct(5);
		const customer = (await customerOf('sales_rep')).id;
		const loan = await issuedLoanOf(customer, product.id, warehouse.id);
		const body = { loan: loan.id, lines: [{ loan_line: loan.lines[0].id, quantity: '2', unit_price: '100.00' }] };
		const bare = await ok<any>('sales_rep', 'POST', '/items/loan_conversions', body);
		const refused = await call('sales_rep', 'PATCH', `/items/loan_conversions/${bare.id}`, { status: 'submitted' });
		expect([refused.status, errorCode(refused)]).toEqual([409, 'CONTRACT_REQUIRED']);
		expect(refused.errors![0]!.message).toContain(bare.number);

		const contract = await signedContract('sales_rep', customer, {
			lines: [{ product: product.id, quantity: '2', unit_price: '100.00' }],
		});
		// The refused conversion is still a draft: it gets the contract and goes through.
		const conversion = await ok<any>('sales_rep', 'PATCH', `/items/loan_conversions/${bare.id}`, { contract: contract.id });
		await submit('sales_rep', 'loan_conversions', conversion.id);
		await approveAll('loan_conversions', conversion.id, APPROVERS);
		const done = await ok<any>('admin', 'GET', `/items/loan_conversions/${conversion.id}?fields=status,order.contract,shipment.status`);
		expect(done).toMatchObject({ order: { contract: contract.id }, shipment: { status: 'issued' } });
		expect(await figures(contract.id)).toMatchObject({ ordered: 200, shipped: 200 });
		// Its quantity is now taken: the contract has nothing left for another order of the product.
		const more = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer,
			contract: contract.id,
			lines: [{ product: product.id, quantity: '1', unit_price: '100.00' }],
		});
		expect([more.status, errorCode(more)]).toEqual([409, 'CONTRACT_MISMATCH']);
	});
});

describe('contract performance (合同履行)', () => {
	it('ordered, shipped, invoiced and received follow the documents; completed only when fully performed', async () => {
		const { product, warehouse } = await stockedProduct(20);
		const customer = (await customerOf('sales_rep')).id;
		const contract = await signedContract('sales_rep', customer, {
			lines: [{ product: product.id, quantity: '10', unit_price: '50.00' }],
		});
		expect(await figures(contract.id)).toEqual({ status: 'signed', ordered: 0, shipped: 0, invoiced: 0, received: 0 });
		// Nobody writes the figures by hand.
		const forged = await call('sales_rep', 'PATCH', `/items/contracts/${contract.id}`, { shipped_amount: '500.00' });
		expect([400, 403]).toContain(forged.status);

		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '10', unit_price: '50.00' }], {
			customer,
			contract: contract.id,
		});
		expect(await figures(contract.id)).toMatchObject({ ordered: 500, shipped: 0 });

		const early = await call('sales_rep', 'PATCH', `/items/contracts/${contract.id}`, { status: 'completed' });
		expect([early.status, errorCode(early)]).toEqual([409, 'INVALID_TRANSITION']);
		expect(early.errors![0]!.message).toContain('shipped 0.00 of 500.00');
		expect((await figures(contract.id)).status).toBe('signed');

		const first = await draftNote(order.id, warehouse.id, [{ order_line: order.lines[0].id, quantity: '4' }]);
		await submit('sales_rep', 'shipments', first.id);
		await ok('warehouse', 'PATCH', `/items/shipments/${first.id}`, { status: 'issued' });
		expect(await figures(contract.id)).toMatchObject({ ordered: 500, shipped: 200, invoiced: 0 });
		const invoice = await invoiceAndIssue(first.id);
		expect(await figures(contract.id)).toMatchObject({ shipped: 200, invoiced: 200, received: 0 });
		await receive(customer, invoice.id, '150.00');
		expect(await figures(contract.id)).toMatchObject({ invoiced: 200, received: 150 });

		const rest = await draftNote(order.id, warehouse.id);
		await submit('sales_rep', 'shipments', rest.id);
		await ok('warehouse', 'PATCH', `/items/shipments/${rest.id}`, { status: 'issued' });
		const second = await invoiceAndIssue(rest.id);
		const notPaid = await call('sales_rep', 'PATCH', `/items/contracts/${contract.id}`, { status: 'completed' });
		expect([notPaid.status, errorCode(notPaid)]).toEqual([409, 'INVALID_TRANSITION']);
		expect(notPaid.errors![0]!.message).toContain('received 150.00 of invoiced 500.00');
		await receive(customer, invoice.id, '50.00');
		await receive(customer, second.id, '300.00');
		expect(await figures(contract.id)).toEqual({ status: 'signed', ordered: 500, shipped: 500, invoiced: 500, received: 500 });
		await ok('sales_rep', 'PATCH', `/items/contracts/${contract.id}`, { status: 'completed' });
		expect((await figures(contract.id)).status).toBe('completed');
	});

	it('a cancelled order leaves the ordered amount', async () => {
		const { product } = await stockedProduct(0);
		const customer = (await customerOf('sales_rep')).id;
		const contract = await signedContract('sales_rep', customer, { amount: '5000.00' });
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '7', unit_price: '100.00' }], {
			customer,
			contract: contract.id,
		});
		expect(await figures(contract.id)).toMatchObject({ ordered: 700 });
		const cancel = await ok<any>('sales_rep', 'POST', '/items/order_changes', { order: order.id, kind: 'cancel', reason: '客户取消' });
		await submit('sales_rep', 'order_changes', cancel.id);
		await approveAll('order_changes', cancel.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${order.id}`)).status).toBe('cancelled');
		expect(await figures(contract.id)).toMatchObject({ ordered: 0 });
	});

	it('parallel issues of notes of two orders under one contract add up exactly', async () => {
		const { product, warehouse } = await stockedProduct(40);
		const customer = (await customerOf('sales_rep')).id;
		const contract = await signedContract('sales_rep', customer, { amount: '100000.00' });
		const notes: any[] = [];
		for (const quantity of ['3', '5', '7', '11']) {
			const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity, unit_price: '12.34' }], {
				customer,
				contract: contract.id,
			});
			const note = await draftNote(order.id, warehouse.id);
			await submit('sales_rep', 'shipments', note.id);
			notes.push(note);
		}
		const results = await Promise.all(notes.map((n) => call('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' })));
		expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		// 26 × 12.34
		expect(await figures(contract.id)).toMatchObject({ ordered: 320.84, shipped: 320.84 });
	});
});
