// One company clock: every date Salesflow stamps is the company's date (Asia/Shanghai), whatever the
// server's zone. The clock is pinned at 07:30 in Shanghai on 2 December — 23:30 UTC on 1 December —
// where a UTC date would be a day early. The instant travels with each request of this file (the test
// clock header), so the files running beside it keep the real time.
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_HEADER } from '../../extensions/salesflow/src/platform/clock';
import { approveAll, approversMap, confirmedOrder, customerOf, issuedNote, standingContract, stockedProduct, submit } from './fixtures';
import { call, ok, sendWithEveryRequest, tokenFor, url } from './helpers';

const AT = '2026-12-01T23:30:00.000Z';
beforeAll(() => sendWithEveryRequest(CLOCK_HEADER, AT));

describe('the company clock (07:30 Asia/Shanghai = 23:30 UTC the day before)', () => {
	it('an order, its ship-by date and its confirmation carry the Shanghai date', async () => {
		const { product } = await stockedProduct(10);
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }]);
		expect(o.order_date).toBe('2026-12-02');
		// Wednesday + 3 working days on the company calendar.
		expect(o.ship_by).toBe('2026-12-07');
		expect(new Date(o.confirmed_at).toISOString()).toBe(AT);
		expect(o.number).toMatch(/^SO-2026-\d{6}$/);
	});

	it("the administrator's calendar changes move the working-day promise; bad ones are refused", async () => {
		const { product } = await stockedProduct(10);
		try {
			// A company holiday on Friday 4 December: Wednesday + 3 working days is then Tuesday the 8th.
			await ok('admin', 'PATCH', '/items/salesflow_settings', {
				calendar_overrides: [{ date: '2026-12-04', kind: 'holiday', note: '公司活动' }],
			});
			const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }]);
			expect(o.ship_by).toBe('2026-12-08');
			for (const [bad, field] of [
				[[{ date: '2026-13-01', kind: 'holiday' }], 'date'],
				[[{ date: '2026-12-05', kind: 'weekend' }], 'kind'],
				[
					[
						{ date: '2026-12-05', kind: 'holiday' },
						{ date: '2026-12-05', kind: 'workday' },
					],
					'date',
				],
				['not a list', 'calendar_overrides'],
			] as const) {
				const r = await call('admin', 'PATCH', '/items/salesflow_settings', { calendar_overrides: bad });
				expect([r.status, r.errors?.[0]?.extensions?.field], JSON.stringify(bad)).toEqual([400, field]);
			}
			expect((await ok<any>('admin', 'GET', '/items/salesflow_settings')).calendar_overrides).toEqual([
				{ date: '2026-12-04', kind: 'holiday', note: '公司活动' },
			]);
		} finally {
			await ok('admin', 'PATCH', '/items/salesflow_settings', { calendar_overrides: [] });
		}
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }]);
		expect(o.ship_by).toBe('2026-12-07');
	});

	it('delivery, acceptance and the after-sales visit, the invoice and its due date', async () => {
		const { product, warehouse } = await stockedProduct(10);
		const customer = await customerOf('sales_rep');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], { customer: customer.id });
		const note = await issuedNote('sales_rep', o.id, warehouse.id);
		expect(new Date((await ok<any>('admin', 'GET', `/items/shipments/${note.id}`)).issued_at).toISOString()).toBe(AT);
		await ok('sales_assistant', 'PATCH', `/items/shipments/${note.id}`, { status: 'delivered' });
		await ok('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'accepted' });
		const [visit] = await ok<any[]>('admin', 'GET', `/items/visits?filter[shipment][_eq]=${note.id}`);
		expect([visit.visited_on, visit.next_date]).toEqual(['2026-12-05', '2026-12-09']);

		const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		const issued = await ok<any>('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		const days = Number(customer.payment_terms_days ?? 0);
		const due = new Date(Date.UTC(2026, 11, 2 + days)).toISOString().slice(0, 10);
		expect([issued.issue_date, issued.due_date]).toEqual(['2026-12-02', due]);
	});

	it('a contract signed now is signed on the Shanghai date', async () => {
		const customer = await customerOf('sales_rep');
		const c = await ok<any>('sales_rep', 'POST', '/items/contracts', { customer: customer.id, amount: '1000.00', subject: '时钟测试' });
		await submit('sales_rep', 'contracts', c.id);
		await approveAll('contracts', c.id, approversMap());
		await ok('sales_rep', 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
		expect((await ok<any>('admin', 'GET', `/items/contracts/${c.id}`)).sign_date).toBe('2026-12-02');
	});

	it('a loan converted to a sale makes an order of the Shanghai date', async () => {
		const { product, warehouse } = await stockedProduct(5);
		const customer = await customerOf('sales_rep');
		const loan = await ok<any>('sales_rep', 'POST', '/items/loans?fields=*,lines.*', {
			customer: customer.id,
			warehouse: warehouse.id,
			expected_return_date: '2026-12-31',
			lines: [{ product: product.id, quantity: '2' }],
		});
		await submit('sales_rep', 'loans', loan.id);
		await approveAll('loans', loan.id, approversMap());
		await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });
		const conversion = await ok<any>('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			contract: (await standingContract('sales_rep', loan.customer)).id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '1', unit_price: '100.00' }],
		});
		await submit('sales_rep', 'loan_conversions', conversion.id);
		await approveAll('loan_conversions', conversion.id, approversMap());
		const done = await ok<any>('admin', 'GET', `/items/loan_conversions/${conversion.id}?fields=order.order_date,order.ship_by`);
		expect([done.order.order_date, done.order.ship_by]).toEqual(['2026-12-02', '2026-12-02']);
	});

	it('the printed statement shows the company time', async () => {
		const customer = await customerOf('sales_rep');
		const [st] = await ok<any[]>('finance', 'POST', '/reconciliation/statements', { period: '2026-12', customers: [customer.id] });
		const res = await fetch(`${url()}/reconciliation/statements/${st.id}/print`, {
			headers: { authorization: `Bearer ${await tokenFor('finance')}`, [CLOCK_HEADER]: AT },
		});
		expect(await res.text()).toContain('打印时间：2026-12-02 07:30');
	});

	it('document numbers take the Shanghai year: 00:30 on 1 January there is still 31 December in UTC', async () => {
		sendWithEveryRequest(CLOCK_HEADER, '2026-12-31T16:30:00.000Z');
		try {
			const customer = await customerOf('sales_rep');
			const q = await ok<any>('sales_rep', 'POST', '/items/quotes', { customer: customer.id });
			expect(q.number).toMatch(/^QT-2027-\d{6}$/);
		} finally {
			sendWithEveryRequest(CLOCK_HEADER, AT);
		}
	});
});
