// Write-off by sales (seed 000 「财务人员发票开具完成后,销售人员在系统做手工核销」): the owning rep and the
// rep's manager allocate confirmed receipts of their own customers, by hand or oldest due first;
// finance allocates any receipt; another rep, or another role, is refused and nothing is written.
import { describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import { issuedInvoice, receipt, registeredCustomer } from './fixtures';

let seq = 0;
async function customerOf(rep: string) {
	const tag = `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;
	return registeredCustomer(rep, {
		name: `核销测试客户${tag}有限公司`,
		grade: 'B',
		enterprise_status: 'normal',
		credit_rating: 'A',
		contacts: [{ name: '孙会计', title: '财务', phone: '13800000002' }],
	});
}

const allocate = (who: string, receiptId: number, body: unknown) =>
	call(who, 'POST', `/reconciliation/receipts/${receiptId}/allocate`, body);
const money = (v: unknown) => Number(v).toFixed(2);
const invoiceOf = (id: number) => ok<any>('admin', 'GET', `/items/invoices/${id}`);
const receiptOf = (id: number) => ok<any>('admin', 'GET', `/items/receipts/${id}`);

describe('write-off by sales', () => {
	it('the owning rep allocates by hand and reads the receipt, the invoice and the allocation', async () => {
		const customer = await customerOf('sales_rep');
		const { invoice } = await issuedInvoice(customer, '1', '100.00');
		const r = await receipt(customer, '30.00');
		const made = await ok<any[]>('sales_rep', 'POST', `/reconciliation/receipts/${r.id}/allocate`, {
			allocations: [{ invoice: invoice.id, amount: '30.00' }],
		});
		expect(made.map((a) => [a.invoice, money(a.amount), money(a.invoice_open_amount)])).toEqual([[invoice.id, '30.00', '70.00']]);
		expect(money((await invoiceOf(invoice.id)).open_amount)).toBe('70.00');
		expect(money((await receiptOf(r.id)).allocated_amount)).toBe('30.00');

		// What the rep wrote off, the rep reads (their customers' receipts, invoices and allocations).
		expect(money((await ok<any>('sales_rep', 'GET', `/items/receipts/${r.id}`)).allocated_amount)).toBe('30.00');
		expect(money((await ok<any>('sales_rep', 'GET', `/items/invoices/${invoice.id}`)).open_amount)).toBe('70.00');
		const rows = await ok<any[]>('sales_rep', 'GET', `/items/receipt_allocations?filter[receipt][_eq]=${r.id}`);
		expect(rows.map((a) => [a.invoice, money(a.amount), a.user_created])).toEqual([[invoice.id, '30.00', userId('sales_rep')]]);
	});

	it("the rep's manager allocates oldest due first for the rep's customer", async () => {
		const customer = await customerOf('sales_rep');
		const { invoice: older } = await issuedInvoice(customer, '1', '50.00');
		const { invoice: newer } = await issuedInvoice(customer, '1', '80.00');
		const r = await receipt(customer, '70.00');
		const made = await ok<any[]>('sales_manager', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { mode: 'fifo' });
		expect(made.map((a) => [a.invoice, money(a.amount)])).toEqual([
			[older.id, '50.00'],
			[newer.id, '20.00'],
		]);
		expect(money((await invoiceOf(older.id)).open_amount)).toBe('0.00');
		expect(money((await invoiceOf(newer.id)).open_amount)).toBe('60.00');
		expect(money((await ok<any>('sales_manager', 'GET', `/items/receipts/${r.id}`)).allocated_amount)).toBe('70.00');
	});

	it('another rep, and roles that do not write off, get 403 and nothing is written', async () => {
		const customer = await customerOf('sales_rep');
		const { invoice } = await issuedInvoice(customer, '1', '100.00');
		const r = await receipt(customer, '40.00');
		const before = await count('receipt_allocations');
		for (const [who, body] of [
			['sales_rep_2', { mode: 'fifo' }],
			['sales_rep_2', { allocations: [{ invoice: invoice.id, amount: '10.00' }] }],
			['sales_assistant', { mode: 'fifo' }],
			['division_head', { allocations: [{ invoice: invoice.id, amount: '10.00' }] }],
			['warehouse', { mode: 'fifo' }],
		] as const) {
			const res = await allocate(who, r.id, body);
			expect([res.status, errorCode(res)], `${who} ${JSON.stringify(body)}`).toEqual([403, 'FORBIDDEN']);
		}
		// The other rep is not told whose receipt it is.
		const refused = await allocate('sales_rep_2', r.id, { mode: 'fifo' });
		expect(refused.errors![0]!.message).not.toContain(r.number);
		expect(refused.errors![0]!.message).not.toContain(customer.name);
		expect(await count('receipt_allocations')).toBe(before);
		expect(money((await receiptOf(r.id)).allocated_amount)).toBe('0.00');
		expect(money((await invoiceOf(invoice.id)).open_amount)).toBe('100.00');
		// A receipt that does not exist is 404 for sales as for finance.
		expect((await allocate('sales_rep', 99999999, { mode: 'fifo' })).status).toBe(404);
	});

	it("finance allocates for any customer; a rep may not touch another rep's, their common manager may", async () => {
		const customer = await customerOf('sales_rep_2');
		const { invoice } = await issuedInvoice(customer, '2', '100.00', 'sales_rep_2');
		const r1 = await receipt(customer, '120.00');
		const r2 = await receipt(customer, '30.00');

		const before = await count('receipt_allocations');
		const mine = await allocate('sales_rep', r1.id, { allocations: [{ invoice: invoice.id, amount: '10.00' }] });
		expect([mine.status, errorCode(mine)]).toEqual([403, 'FORBIDDEN']);
		expect(await count('receipt_allocations')).toBe(before);

		const byFinance = await ok<any[]>('finance', 'POST', `/reconciliation/receipts/${r1.id}/allocate`, { mode: 'fifo' });
		expect(byFinance.map((a) => [a.invoice, money(a.amount), money(a.invoice_open_amount)])).toEqual([[invoice.id, '120.00', '80.00']]);
		const byManager = await ok<any[]>('sales_manager', 'POST', `/reconciliation/receipts/${r2.id}/allocate`, {
			allocations: [{ invoice: invoice.id, amount: '30.00' }],
		});
		expect(byManager.map((a) => money(a.invoice_open_amount))).toEqual(['50.00']);
		expect(money((await invoiceOf(invoice.id)).open_amount)).toBe('50.00');
		expect(await count('receipt_allocations')).toBe(before + 2);
	});

	it('sales keep the same limits as finance: no more than the receipt has left, writing nothing', async () => {
		const customer = await customerOf('sales_rep');
		const { invoice } = await issuedInvoice(customer, '1', '100.00');
		const r = await receipt(customer, '20.00');
		const draft = await receipt(customer, '20.00', { confirm: false });
		const before = await count('receipt_allocations');
		const over = await allocate('sales_rep', r.id, { allocations: [{ invoice: invoice.id, amount: '25.00' }] });
		expect([over.status, errorCode(over)]).toEqual([409, 'OVER_ALLOCATION']);
		const unconfirmed = await allocate('sales_rep', draft.id, { mode: 'fifo' });
		expect([unconfirmed.status, errorCode(unconfirmed)]).toEqual([409, 'INVALID_TRANSITION']);
		expect(await count('receipt_allocations')).toBe(before);
		expect(money((await invoiceOf(invoice.id)).open_amount)).toBe('100.00');
	});
});
