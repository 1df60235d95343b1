import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { knexConfig } from '../../scripts/lib/env';
import { call, count, env, errorCode, ok, tokenFor, url, userId } from './helpers';
import {
	approveAll,
	approversMap,
	confirmedOrder,
	customerOf,
	issuedInvoice,
	issuedNote,
	issueRedInvoice,
	receipt,
	registeredCustomer,
	stockedProduct,
	submit,
} from './fixtures';

// Dates as Salesflow stamps them: the company's date (Asia/Shanghai), not the machine's.
const pad = (n: number) => String(n).padStart(2, '0');
const addMonths = (period: string, n: number) => {
	const [y, m] = period.split('-').map(Number) as [number, number];
	const d = new Date(y, m - 1 + n, 1);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
};
const TODAY = today();
const PERIOD = TODAY.slice(0, 7);

let seq = 0;
/** A customer of its own for a test, so its figures are exactly what the test made. */
async function freshCustomer(rep = 'sales_rep', paymentTermsDays = 30) {
	const tag = `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;
	return registeredCustomer(rep, {
		name: `对账测试客户${tag}有限公司`,
		grade: 'B',
		payment_terms_days: paymentTermsDays,
		contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
	});
}

const allocate = (who: string, receiptId: number, body: unknown) =>
	call(who, 'POST', `/reconciliation/receipts/${receiptId}/allocate`, body);
const invoiceOf = (id: number) => ok<any>('admin', 'GET', `/items/invoices/${id}`);
const receiptOf = (id: number) => ok<any>('admin', 'GET', `/items/receipts/${id}`);
const money = (v: unknown) => Number(v).toFixed(2);
const allocationsOf = (receiptId: number) => count('receipt_allocations', { receipt: { _eq: receiptId } });

/** A raw GET for non-JSON answers. */
async function fetchText(key: string, path: string) {
	const res = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${await tokenFor(key)}` } });
	return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

/**
 * Ledger mismatches no one can explain. A received return whose red invoice finance has not issued
 * yet is a real difference the check must show (invoicing.test.ts leaves one behind), so it is
 * only tolerated while that red invoice is pending.
 */
async function unexplained(mismatches: any[]) {
	const out = [];
	for (const m of mismatches) {
		if (m.rule === 'invoiced_within_delivered') {
			const pending = await count('invoice_lines', {
				shipment_line: { _eq: m.id },
				invoice: { direction: { _eq: 'red' }, status: { _in: ['draft', 'submitted', 'pending_approval', 'rejected'] } },
			});
			if (pending > 0) continue;
		}
		out.push(m);
	}
	return out;
}

describe('receipts and write-off', () => {
	it('a receipt needs a customer the caller can see and a positive amount', async () => {
		const customer = await freshCustomer();
		const before = await count('receipts');
		for (const [who, body, status] of [
			['finance', { customer: customer.id, amount: '0', received_on: TODAY }, 400],
			['finance', { customer: customer.id, amount: '-5.00', received_on: TODAY }, 400],
			['finance', { customer: customer.id, amount: 'lots', received_on: TODAY }, 400],
			['finance', { customer: 99999999, amount: '10.00', received_on: TODAY }, 400],
			['sales_rep', { customer: customer.id, amount: '10.00', received_on: TODAY }, 403],
		] as const) {
			expect((await call(who, 'POST', '/items/receipts', body)).status, JSON.stringify(body)).toBe(status);
		}
		expect(await count('receipts')).toBe(before);
		const r = await receipt(customer, '10.00', { confirm: false });
		expect(r).toMatchObject({ status: 'draft', customer: customer.id });
		expect(r.number).toMatch(/^RC-\d{4}-\d{6}$/);
		expect(errorCode(await call('sales_rep', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' }))).toBe('FORBIDDEN');
		expect((await call('finance', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' })).status).toBe(200);
	});

	it('allocates by hand (the same invoice twice sums) and oldest due first', async () => {
		const customer = await freshCustomer('sales_rep', 30);
		const b = (await issuedInvoice(customer, '2', '100.00')).invoice; // 200.00, due in 30 days
		await ok('finance', 'PATCH', `/items/customers/${customer.id}`, { payment_terms_days: 10 });
		const a = (await issuedInvoice(customer, '3', '100.00')).invoice; // 300.00, due in 10 days: older due, higher id
		expect(a.due_date < b.due_date).toBe(true);

		const r1 = await receipt(customer, '150.00');
		const hand = await allocate('finance', r1.id, {
			allocations: [
				{ invoice: b.id, amount: '50.00' },
				{ invoice: b.id, amount: 25.5 },
			],
		});
		expect(hand.status).toBe(200);
		expect(hand.data).toHaveLength(1);
		expect(hand.data[0]).toMatchObject({ receipt: r1.id, invoice: b.id, amount: '75.50', invoice_number: b.number });
		expect(await invoiceOf(b.id)).toMatchObject({ payment_status: 'partially_paid' });
		expect([(await invoiceOf(b.id)).paid_amount, (await invoiceOf(b.id)).open_amount].map(money)).toEqual(['75.50', '124.50']);
		expect(money((await receiptOf(r1.id)).allocated_amount)).toBe('75.50');

		const fifo = await allocate('finance', r1.id, { mode: 'fifo' });
		expect(fifo.status).toBe(200);
		expect(fifo.data.map((x: any) => [x.invoice, x.amount])).toEqual([[a.id, '74.50']]);
		expect(money((await invoiceOf(a.id)).open_amount)).toBe('225.50');
		expect(money((await receiptOf(r1.id)).allocated_amount)).toBe('150.00');

		const r2 = await receipt(customer, '400.00');
		const rest = await ok<any[]>('finance_manager', 'POST', `/reconciliation/receipts/${r2.id}/allocate`, { mode: 'fifo' });
		expect(rest.map((x) => [x.invoice, x.amount])).toEqual([
			[a.id, '225.50'],
			[b.id, '124.50'],
		]);
		for (const inv of [a, b]) expect(await invoiceOf(inv.id)).toMatchObject({ payment_status: 'paid' });
		expect(money((await invoiceOf(a.id)).open_amount)).toBe('0.00');
		expect(money((await receiptOf(r2.id)).allocated_amount)).toBe('350.00');
		// The rep sees the write-off of their own customer.
		const mine = await ok<any[]>('sales_rep', 'GET', `/items/receipt_allocations?filter[receipt][_eq]=${r2.id}`);
		expect(mine).toHaveLength(2);
		// Nothing is left to allocate to: refused, nothing written.
		const before = await allocationsOf(r2.id);
		const none = await allocate('finance', r2.id, { mode: 'fifo' });
		expect([none.status, errorCode(none)]).toEqual([409, 'NOTHING_TO_ALLOCATE']);
		expect(await allocationsOf(r2.id)).toBe(before);
	});

	it('never allocates more than the receipt has left or the invoice has open, writing nothing when refused', async () => {
		const customer = await freshCustomer();
		const inv = (await issuedInvoice(customer, '1', '100.00')).invoice;
		const small = await receipt(customer, '50.00');
		const big = await receipt(customer, '500.00');
		const before = await count('receipt_allocations');

		const overReceipt = await allocate('finance', small.id, { allocations: [{ invoice: inv.id, amount: '60.00' }] });
		expect([overReceipt.status, errorCode(overReceipt)]).toEqual([409, 'OVER_ALLOCATION']);
		expect(overReceipt.errors![0]!.message).toContain('unallocated 50.00, requested 60.00');

		const overInvoice = await allocate('finance', big.id, { allocations: [{ invoice: inv.id, amount: '150.00' }] });
		expect([overInvoice.status, errorCode(overInvoice)]).toEqual([409, 'OVER_ALLOCATION']);
		expect(overInvoice.errors![0]!.message).toBe(`${inv.number}: open 100.00, requested 150.00`);

		const twice = await allocate('finance', big.id, {
			allocations: [
				{ invoice: inv.id, amount: '60.00' },
				{ invoice: inv.id, amount: '60.00' },
			],
		});
		expect([twice.status, errorCode(twice)]).toEqual([409, 'OVER_ALLOCATION']);
		expect(twice.errors![0]!.message).toContain('requested 120.00');

		expect(await count('receipt_allocations')).toBe(before);
		expect(money((await receiptOf(big.id)).allocated_amount)).toBe('0.00');
		expect(await invoiceOf(inv.id)).toMatchObject({ payment_status: 'unpaid' });
		expect(money((await invoiceOf(inv.id)).open_amount)).toBe('100.00');
	});

	it('two identical allocations at once take effect once', async () => {
		const customer = await freshCustomer();
		const inv = (await issuedInvoice(customer, '3', '100.00')).invoice; // open 300
		const r = await receipt(customer, '100.00');
		const results = await Promise.all([1, 2].map(() => allocate('finance', r.id, { mode: 'fifo' })));
		expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
		expect(errorCode(results.find((x) => x.status === 409)!)).toBe('OVER_ALLOCATION');
		expect(await allocationsOf(r.id)).toBe(1);
		expect(money((await receiptOf(r.id)).allocated_amount)).toBe('100.00');
		expect(money((await invoiceOf(inv.id)).open_amount)).toBe('200.00');

		const r2 = await receipt(customer, '100.00');
		const hands = await Promise.all(
			[1, 2, 3].map(() => allocate('finance', r2.id, { allocations: [{ invoice: inv.id, amount: '100.00' }] })),
		);
		expect(hands.filter((x) => x.status === 200)).toHaveLength(1);
		expect(hands.filter((x) => x.status === 409).every((x) => errorCode(x) === 'OVER_ALLOCATION')).toBe(true);
		expect(await allocationsOf(r2.id)).toBe(1);
		expect(money((await invoiceOf(inv.id)).open_amount)).toBe('100.00');
	});

	it('refuses draft receipts, other roles, bad bodies and unfit invoices, writing nothing', async () => {
		const customer = await freshCustomer();
		const other = await freshCustomer();
		const inv = (await issuedInvoice(customer, '1', '100.00')).invoice;
		const foreign = (await issuedInvoice(other, '1', '100.00')).invoice;
		const draftInvoice = await (async () => {
			const { product, warehouse } = await stockedProduct(5);
			const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], { customer: customer.id });
			const n = await issuedNote('sales_rep', o.id, warehouse.id);
			return ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [n.id] });
		})();
		const draft = await receipt(customer, '100.00', { confirm: false });
		const r = await receipt(customer, '100.00');
		const before = await count('receipt_allocations');
		const good = { allocations: [{ invoice: inv.id, amount: '10.00' }] };

		const notConfirmed = await allocate('finance', draft.id, { mode: 'fifo' });
		expect([notConfirmed.status, errorCode(notConfirmed)]).toEqual([409, 'INVALID_TRANSITION']);
		expect((await allocate('finance', draft.id, good)).status).toBe(409);
		const cases: Array<[string, number, unknown, number, string?]> = [
			// Sales allocate receipts of their own customers only (write-off.test.ts); another rep and other roles may not.
			['sales_rep_2', r.id, { mode: 'fifo' }, 403, 'FORBIDDEN'],
			['division_head', r.id, good, 403],
			['warehouse', r.id, good, 403],
			['finance', r.id, { mode: 'lifo' }, 400, 'INVALID_PAYLOAD'],
			['finance', r.id, {}, 400, 'INVALID_PAYLOAD'],
			['finance', r.id, { mode: 'fifo', allocations: good.allocations }, 400],
			['finance', r.id, { mode: 'fifo', extra: 1 }, 400, 'INVALID_PAYLOAD'],
			['finance', r.id, { allocations: [] }, 400],
			['finance', r.id, { allocations: [{ invoice: inv.id, amount: '-1' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: inv.id, amount: '0' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: inv.id, amount: 'ten' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: inv.id, amount: '1', note: 'x' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: 'abc', amount: '1' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: 99999999, amount: '1' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: foreign.id, amount: '1' }] }, 400],
			['finance', r.id, { allocations: [{ invoice: draftInvoice.id, amount: '1' }] }, 409, 'INVALID_TRANSITION'],
			[
				'finance',
				r.id,
				{
					allocations: [
						{ invoice: inv.id, amount: '5' },
						{ invoice: foreign.id, amount: '1' },
					],
				},
				400,
			],
			['finance', 99999999, { mode: 'fifo' }, 404],
		];
		for (const [who, id, body, status, code] of cases) {
			const res = await allocate(who, id, body);
			expect(res.status, `${who} ${JSON.stringify(body)}`).toBe(status);
			if (code) expect(errorCode(res)).toBe(code);
		}
		expect((await call('finance', 'POST', '/reconciliation/receipts/abc/allocate', { mode: 'fifo' })).status).toBe(400);
		expect(await count('receipt_allocations')).toBe(before);
		expect(money((await invoiceOf(inv.id)).open_amount)).toBe('100.00');
	});
});

describe('statements', () => {
	it('computes a month with a partial payment and a red invoice, and the next month opens with its closing', async () => {
		const customer = await freshCustomer();
		const { invoice, note } = await issuedInvoice(customer, '4', '100.00'); // shipped and invoiced 400.00
		const red = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: invoice.id,
			lines: [{ invoice_line: invoice.lines[0].id, amount: '100.00' }],
			reason: '价格折让',
		});
		await issueRedInvoice('sales_rep', red.id);
		const r = await receipt(customer, '150.00');
		await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { mode: 'fifo' });
		await receipt(customer, '999.00', { confirm: false }); // a draft receipt is not money received

		const st = await ok<any>('sales_rep', 'GET', `/reconciliation/statement?customer=${customer.id}&period=${PERIOD}`);
		expect(st).toMatchObject({
			customer: { id: customer.id, name: customer.name },
			period: PERIOD,
			start: `${PERIOD}-01`,
			opening: '0.00',
			shipped: '400.00',
			invoiced: '400.00',
			red: '-100.00',
			received: '150.00',
			closing: '150.00',
		});
		expect(st.lines.map((l: any) => [l.kind, l.number, l.amount, l.balance])).toEqual([
			['shipment', note.number, '400.00', '0.00'],
			['invoice', invoice.number, '400.00', '400.00'],
			['red_invoice', red.number, '-100.00', '300.00'],
			['receipt', r.number, '150.00', '150.00'],
		]);
		expect(st.lines.every((l: any) => l.date === TODAY)).toBe(true);
		expect(money((await invoiceOf(invoice.id)).open_amount)).toBe('150.00');

		const next = await ok<any>('finance', 'GET', `/reconciliation/statement?customer=${customer.id}&period=${addMonths(PERIOD, 1)}`);
		expect(next).toMatchObject({
			opening: '150.00',
			shipped: '0.00',
			invoiced: '0.00',
			red: '0.00',
			received: '0.00',
			closing: '150.00',
			lines: [],
		});
		const previous = await ok<any>(
			'sales_manager',
			'GET',
			`/reconciliation/statement?customer=${customer.id}&period=${addMonths(PERIOD, -1)}`,
		);
		expect(previous).toMatchObject({ opening: '0.00', shipped: '0.00', invoiced: '0.00', closing: '0.00' });
	});

	it("validates the period and the caller's access to the customer", async () => {
		const mine = await customerOf('sales_rep');
		const theirs = await customerOf('sales_rep_2');
		const get = (who: string, q: string) => call(who, 'GET', `/reconciliation/statement?${q}`);
		const bad = await get('sales_rep', `customer=${mine.id}&period=2026-13`);
		expect([bad.status, errorCode(bad)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(bad.errors![0]!.message).toContain('period');
		for (const q of [
			`customer=${mine.id}`,
			`period=${PERIOD}`,
			`customer=${mine.id}&period=2026-1`,
			`customer=abc&period=${PERIOD}`,
			`customer=${mine.id}&period=${PERIOD}&extra=1`,
			`customer=99999999&period=${PERIOD}`,
		]) {
			expect((await get('sales_rep', q)).status, q).toBe(400);
		}
		// Another rep's customer answers like a missing one (400 above): no existence oracle, no name.
		const foreign = await get('sales_rep', `customer=${theirs.id}&period=${PERIOD}`);
		expect(foreign.status).toBe(400);
		expect(JSON.stringify(foreign.errors)).not.toContain(theirs.name);
		expect((await get('warehouse', `customer=${mine.id}&period=${PERIOD}`)).status).toBe(403);
		expect((await get('sales_rep_2', `customer=${theirs.id}&period=${PERIOD}`)).status).toBe(200);
		expect((await get('sales_manager', `customer=${theirs.id}&period=${PERIOD}`)).status).toBe(200);
	});

	it("persists a period's statements once per customer, however often it runs, within the caller's customers", async () => {
		const customer = await freshCustomer();
		await issuedInvoice(customer, '2', '50.00');
		const theirs = await freshCustomer('sales_rep_2');
		await issuedInvoice(theirs, '1', '10.00', 'sales_rep_2');
		const mineOnly = { customer: { _eq: customer.id }, period: { _eq: PERIOD } };

		const first = await call('finance', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [customer.id] });
		expect(first.status).toBe(200);
		expect(first.data).toHaveLength(1);
		expect(first.data[0]).toMatchObject({ customer: customer.id, period: PERIOD, status: 'draft' });
		expect(first.data[0].number).toMatch(/^ST-\d{4}-\d{6}$/);
		expect([first.data[0].opening, first.data[0].shipped, first.data[0].invoiced, first.data[0].closing].map(money)).toEqual([
			'0.00',
			'100.00',
			'100.00',
			'100.00',
		]);
		const again = await ok<any[]>('finance', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [customer.id] });
		expect(again[0].id).toBe(first.data[0].id);
		expect(await count('statements', mineOnly)).toBe(1);

		// All customers at once (finance), and the rep's own run: still one row each.
		const all = await ok<any[]>('finance', 'POST', '/reconciliation/statements', { period: PERIOD });
		expect(all.map((s) => s.customer)).toEqual(expect.arrayContaining([customer.id, theirs.id]));
		const repRun = await ok<any[]>('sales_rep', 'POST', '/reconciliation/statements', { period: PERIOD });
		expect(repRun.map((s) => s.customer)).toContain(customer.id);
		expect(repRun.map((s) => s.customer)).not.toContain(theirs.id);
		const parallel = await Promise.all(
			[1, 2].map(() => call('sales_rep', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [customer.id] })),
		);
		expect(parallel.map((p) => p.status)).toEqual([200, 200]);
		expect(await count('statements', mineOnly)).toBe(1);
		expect(await count('statements', { customer: { _eq: theirs.id }, period: { _eq: PERIOD } })).toBe(1);

		const before = await count('statements');
		expect((await call('sales_rep', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [theirs.id] })).status).toBe(400);
		expect((await call('division_head', 'POST', '/reconciliation/statements', { period: PERIOD })).status).toBe(403);
		expect((await call('warehouse', 'POST', '/reconciliation/statements', { period: PERIOD })).status).toBe(403);
		expect((await call('finance', 'POST', '/reconciliation/statements', { period: '2026-13' })).status).toBe(400);
		expect((await call('finance', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [99999999] })).status).toBe(400);
		expect((await call('finance', 'POST', '/reconciliation/statements', { period: PERIOD, extra: true })).status).toBe(400);
		expect(await count('statements')).toBe(before);
		// A statement by hand through the items API gets the same figures; a second one for the period is refused.
		const dup = await call('finance', 'POST', '/items/statements', { customer: customer.id, period: PERIOD });
		expect([dup.status, errorCode(dup)]).toEqual([409, 'DUPLICATE_STATEMENT']);
		expect(errorCode(await call('finance', 'PATCH', `/items/statements/${first.data[0].id}`, { closing: '1.00' }))).toBe('FORBIDDEN');
		expect(await count('statements')).toBe(before);
	});

	it('goes out, and comes back confirmed with a payment date or disputed with a note', async () => {
		const customer = await freshCustomer();
		await issuedInvoice(customer, '1', '80.00');
		const [st] = await ok<any[]>('sales_rep', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [customer.id] });
		await ok('sales_rep', 'PATCH', `/items/statements/${st.id}`, { status: 'sent' });
		// Sent figures stay as sent: a later run leaves them alone.
		await receipt(customer, '30.00');
		const rerun = await ok<any[]>('finance', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [customer.id] });
		expect(money(rerun[0].received)).toBe('0.00');
		expect(rerun[0].status).toBe('sent');

		const noDate = await call('sales_rep', 'PATCH', `/items/statements/${st.id}`, { status: 'confirmed' });
		expect([noDate.status, errorCode(noDate)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(noDate.errors![0]!.message).toContain('confirmed_payment_date');
		const badDate = await call('sales_rep', 'PATCH', `/items/statements/${st.id}`, {
			status: 'confirmed',
			confirmed_payment_date: '2026-02-30',
		});
		expect(badDate.status).toBe(400);
		expect((await ok<any>('admin', 'GET', `/items/statements/${st.id}`)).status).toBe('sent');
		const theirs = await call('sales_rep_2', 'PATCH', `/items/statements/${st.id}`, {
			status: 'confirmed',
			confirmed_payment_date: addDays(TODAY, 20),
		});
		expect(theirs.status).toBe(403);
		const confirmed = await ok<any>('sales_rep', 'PATCH', `/items/statements/${st.id}`, {
			status: 'confirmed',
			confirmed_payment_date: addDays(TODAY, 20),
		});
		expect(confirmed).toMatchObject({ status: 'confirmed', confirmed_payment_date: addDays(TODAY, 20) });

		const other = await freshCustomer();
		await issuedInvoice(other, '1', '80.00');
		const [st2] = await ok<any[]>('finance', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [other.id] });
		expect(
			errorCode(await call('sales_rep', 'PATCH', `/items/statements/${st2.id}`, { status: 'confirmed', confirmed_payment_date: TODAY })),
		).toBe('INVALID_TRANSITION');
		await ok('finance', 'PATCH', `/items/statements/${st2.id}`, { status: 'sent' });
		expect((await call('sales_rep', 'PATCH', `/items/statements/${st2.id}`, { status: 'disputed' })).status).toBe(400);
		expect((await call('sales_rep', 'PATCH', `/items/statements/${st2.id}`, { status: 'disputed', dispute_note: '  ' })).status).toBe(400);
		const disputed = await ok<any>('sales_rep', 'PATCH', `/items/statements/${st2.id}`, {
			status: 'disputed',
			dispute_note: '少记一笔收款 30.00',
		});
		expect(disputed).toMatchObject({ status: 'disputed', dispute_note: '少记一笔收款 30.00' });
	});

	it('prints as an HTML page with the customer, the figures, the lines and a signature block', async () => {
		const customer = await freshCustomer();
		const { invoice } = await issuedInvoice(customer, '3', '1234.50');
		const [st] = await ok<any[]>('sales_rep', 'POST', '/reconciliation/statements', { period: PERIOD, customers: [customer.id] });
		const page = await fetchText('sales_rep', `/reconciliation/statements/${st.id}/print`);
		expect(page.status).toBe(200);
		expect(page.type).toBe('text/html; charset=utf-8');
		expect(page.body).toMatch(/^<!DOCTYPE html>/);
		for (const text of [
			customer.name,
			'上海示例自动化科技有限公司',
			'客户对账单',
			st.number,
			invoice.number,
			'¥3,703.50',
			'期初余额',
			'期末余额',
			'客户确认',
			'盖章',
			'日期',
			'确认回款时间',
		]) {
			expect(page.body).toContain(text);
		}
		expect((await fetchText('sales_rep_2', `/reconciliation/statements/${st.id}/print`)).status).toBe(404);
		expect((await fetchText('finance', `/reconciliation/statements/${st.id}/print`)).status).toBe(200);
		expect((await fetchText('finance', '/reconciliation/statements/99999999/print')).status).toBe(404);
	});
});

describe('aging', () => {
	it('puts an open invoice into the bucket its days overdue say', async () => {
		const customer = await freshCustomer('sales_rep', 15);
		const { invoice } = await issuedInvoice(customer, '2', '100.00');
		const r = await receipt(customer, '40.00');
		await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { mode: 'fifo' });
		const due = invoice.due_date as string;
		expect(due).toBe(addDays(TODAY, 15));
		const buckets = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'];
		for (const [offset, bucket] of [
			[0, 'not_due'],
			[1, 'd1_30'],
			[30, 'd1_30'],
			[31, 'd31_60'],
			[60, 'd31_60'],
			[61, 'd61_90'],
			[90, 'd61_90'],
			[91, 'd90_plus'],
			[400, 'd90_plus'],
		] as const) {
			const report = await ok<any>('finance', 'GET', `/reconciliation/aging?as_of=${addDays(due, offset)}`);
			const row = report.customers.find((c: any) => c.customer === customer.id);
			expect(row, `due+${offset}`).toBeDefined();
			expect(Object.fromEntries(buckets.map((b) => [b, row[b]])), `due+${offset}`).toEqual(
				Object.fromEntries(buckets.map((b) => [b, b === bucket ? '160.00' : '0.00'])),
			);
			expect(row).toMatchObject({ total: '160.00', owner: userId('sales_rep'), name: customer.name });
			const owner = report.owners.find((o: any) => o.owner === userId('sales_rep'));
			expect(Number(owner[bucket])).toBeGreaterThanOrEqual(160);
			expect(Number(report.totals.total)).toBeGreaterThanOrEqual(160);
		}
		// Before the invoice was issued there was nothing to age.
		const earlier = await ok<any>('finance', 'GET', `/reconciliation/aging?as_of=${addDays(TODAY, -1)}`);
		expect(earlier.customers.find((c: any) => c.customer === customer.id)).toBeUndefined();
		// Totals are the sum of the customers.
		const now = await ok<any>('finance', 'GET', '/reconciliation/aging');
		expect(now.as_of).toBe(TODAY);
		const sumFen = now.customers.reduce((s: bigint, c: any) => s + BigInt(c.total.replace('.', '')), 0n);
		expect(sumFen).toBe(BigInt(now.totals.total.replace('.', '')));
	});

	it('shows each caller only the receivables they may see', async () => {
		const mine = await freshCustomer('sales_rep');
		await issuedInvoice(mine, '1', '70.00');
		const theirs = await freshCustomer('sales_rep_2');
		await issuedInvoice(theirs, '1', '70.00', 'sales_rep_2');
		const customersOf = async (who: string, q = '') => (await ok<any>(who, 'GET', `/reconciliation/aging${q}`)).customers;

		const rep = await customersOf('sales_rep');
		expect(rep.map((c: any) => c.customer)).toContain(mine.id);
		expect(rep.map((c: any) => c.customer)).not.toContain(theirs.id);
		expect(rep.every((c: any) => c.owner === userId('sales_rep'))).toBe(true);
		const rep2 = await customersOf('sales_rep_2');
		expect(rep2.map((c: any) => c.customer)).toContain(theirs.id);
		expect(rep2.map((c: any) => c.customer)).not.toContain(mine.id);
		const manager = await customersOf('sales_manager');
		expect(manager.map((c: any) => c.customer)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
		const filtered = await customersOf('finance', `?owner=${userId('sales_rep_2')}`);
		expect(filtered.map((c: any) => c.customer)).toContain(theirs.id);
		expect(filtered.every((c: any) => c.owner === userId('sales_rep_2'))).toBe(true);
		expect((await ok<any>('division_head', 'GET', '/reconciliation/aging')).owners.length).toBeGreaterThanOrEqual(2);

		expect((await call('sales_rep', 'GET', `/reconciliation/aging?owner=${userId('sales_rep_2')}`)).status).toBe(403);
		expect((await call('warehouse', 'GET', '/reconciliation/aging')).status).toBe(403);
		for (const q of ['?as_of=2026-02-30', '?as_of=tomorrow', '?owner=someone', '?extra=1'])
			expect((await call('finance', 'GET', `/reconciliation/aging${q}`)).status, q).toBe(400);
	});
});

describe('ledger check', () => {
	it('finds nothing unexplained in the demo data and after the flows above', async () => {
		const r = await call('finance', 'GET', '/reconciliation/ledger-check');
		expect(r.status).toBe(200);
		expect(await unexplained(r.data)).toEqual([]);
		const period = await ok<any[]>('finance_manager', 'GET', `/reconciliation/ledger-check?period=${PERIOD}`);
		expect(await unexplained(period)).toEqual([]);
		const demo = await customerOf('sales_rep_2');
		expect(
			await unexplained(await ok<any[]>('division_head', 'GET', `/reconciliation/ledger-check?customer=${demo.id}&period=${PERIOD}`)),
		).toEqual([]);
	});

	it('lists a return whose red invoice is not issued yet, until finance issues it', async () => {
		const customer = await freshCustomer();
		const { invoice, note } = await issuedInvoice(customer, '3', '40.00');
		const r = await receipt(customer, '120.00');
		await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ invoice: invoice.id, amount: '40.00' }] });
		const check = () => ok<any[]>('finance', 'GET', `/reconciliation/ledger-check?customer=${customer.id}`);
		expect(await check()).toEqual([]);

		const rr = await ok<any>('sales_rep', 'POST', '/items/return_requests', {
			shipment: note.id,
			reason: '包装破损',
			lines: [{ shipment_line: note.lines[0].id, quantity: '2' }],
		});
		await submit('sales_rep', 'return_requests', rr.id);
		await approveAll('return_requests', rr.id, approversMap());
		const ret = (await ok<any[]>('warehouse', 'GET', `/items/returns?filter[return_request][_eq]=${rr.id}`))[0];
		await ok('warehouse', 'PATCH', `/items/returns/${ret.id}`, { status: 'received' });
		const pending = await check();
		expect(pending).toEqual([
			expect.objectContaining({
				rule: 'invoiced_within_delivered',
				collection: 'shipment_lines',
				id: note.lines[0].id,
				number: note.number,
				expected: '1.000',
				actual: '3.000',
			}),
		]);
		expect(pending[0].message).toContain(note.number);

		const received = await ok<any>('admin', 'GET', `/items/returns/${ret.id}?fields=red_invoice`);
		await issueRedInvoice('sales_rep', received.red_invoice);
		expect(await check()).toEqual([]);
		// Open = 120 total − 40 received − 80 credited.
		expect(money((await invoiceOf(invoice.id)).open_amount)).toBe('0.00');
	});

	it("reports each kind of mismatch with its figures (records tampered with behind Salesflow's back)", async () => {
		const customer = await freshCustomer();
		const { invoice, note, product, warehouse } = await issuedInvoice(customer, '3', '40.00'); // 120.00
		const red = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: invoice.id,
			lines: [{ invoice_line: invoice.lines[0].id, amount: '40.00' }],
			reason: '价格折让',
		});
		await issueRedInvoice('sales_rep', red.id);
		const r = await receipt(customer, '100.00');
		await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ invoice: invoice.id, amount: '50.00' }] });
		const check = async () =>
			(await ok<any[]>('finance', 'GET', `/reconciliation/ledger-check?customer=${customer.id}`)).map((m) => [
				m.rule,
				m.collection,
				m.id,
				m.expected,
				m.actual,
			]);
		expect(await check()).toEqual([]);

		const db = knex(knexConfig(env()) as any);
		const line = note.lines[0].id;
		const cases: Array<[string, number, Record<string, unknown>, Array<[string, string, number, string, string]>]> = [
			['shipment_lines', line, { quantity: '4' }, [['delivery_stock_move', 'shipment_lines', line, '4.000', '3.000']]],
			['shipment_lines', line, { invoiced_qty: '2' }, [['invoiced_qty_matches_invoices', 'shipment_lines', line, '3.000', '2.000']]],
			['shipment_lines', line, { returned_qty: '1' }, [['invoiced_within_delivered', 'shipment_lines', line, '2.000', '3.000']]],
			['receipts', r.id, { allocated_amount: '60.00' }, [['receipt_allocated_amount', 'receipts', r.id, '50.00', '60.00']]],
			['receipts', r.id, { amount: '40.00' }, [['allocations_within_receipt', 'receipts', r.id, '40.00', '50.00']]],
			['receipts', r.id, { status: 'draft' }, [['allocation_on_unconfirmed_receipt', 'receipts', r.id, '0.00', '50.00']]],
			['invoices', invoice.id, { paid_amount: '0' }, [['invoice_paid_amount', 'invoices', invoice.id, '50.00', '0.00']]],
			['invoices', invoice.id, { open_amount: '1.00' }, [['invoice_open_amount', 'invoices', invoice.id, '30.00', '1.00']]],
			[
				'invoices',
				red.id,
				{ total: '-130.00' },
				[
					['red_within_blue', 'invoices', invoice.id, '120.00', '130.00'],
					['invoice_open_amount', 'invoices', invoice.id, '-60.00', '30.00'],
				],
			],
			[
				'invoices',
				invoice.id,
				{ total: '40.00' },
				[
					['allocations_within_invoice', 'invoices', invoice.id, '40.00', '50.00'],
					['invoice_open_amount', 'invoices', invoice.id, '-50.00', '30.00'],
				],
			],
		];
		try {
			for (const [table, id, change, expected] of cases) {
				const original = await db(table).where({ id }).first(Object.keys(change));
				await db(table).where({ id }).update(change);
				try {
					expect(await check(), `${table} ${id} ${JSON.stringify(change)}`).toEqual(expected);
				} finally {
					await db(table).where({ id }).update(original);
				}
			}
			expect(await check()).toEqual([]);
			// Stock is checked across all customers: on hand one more than its moves say.
			const level = await db('stock_levels').where({ product: product.id, warehouse: warehouse.id }).first();
			await db('stock_levels')
				.where({ id: level.id })
				.update({ on_hand: db.raw('on_hand + 1') });
			try {
				const all = await ok<any[]>('finance', 'GET', '/reconciliation/ledger-check');
				expect(all.filter((m) => m.collection === 'stock_levels' && m.id === level.id)).toEqual([
					expect.objectContaining({ rule: 'stock_level_matches_moves', expected: '97.000', actual: '98.000' }),
				]);
			} finally {
				await db('stock_levels').where({ id: level.id }).update({ on_hand: level.on_hand });
			}
		} finally {
			await db.destroy();
		}
		expect(await check()).toEqual([]);
	});

	it('is for finance and the heads only, with validated filters', async () => {
		for (const who of ['sales_rep', 'sales_manager', 'warehouse', 'sales_assistant'])
			expect((await call(who, 'GET', '/reconciliation/ledger-check')).status, who).toBe(403);
		for (const q of ['?period=2026-13', '?customer=abc', '?customer=99999999', '?foo=bar'])
			expect((await call('finance', 'GET', `/reconciliation/ledger-check${q}`)).status, q).toBe(400);
		expect((await call('vp', 'GET', '/reconciliation/ledger-check')).status).toBe(200);
	});
});
