// What the demo (seed/documents.ts) must show of contracts and money before goods (the "Done when" of the
// contracts and payments issues): a signed contract with lines and an order against it, a lapsed quote
// that can no longer become an order, a delivery waiting for its prepayment, an advance still held and
// one applied to its invoice. Checked without changing the demo: the attempts below are refused.
import { describe, expect, it } from 'vitest';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok, userId } from './helpers';

const qs = (filter: Record<string, unknown>) => encodeURIComponent(JSON.stringify(filter));
const REP = userId('sales_rep');

describe('the demo (seed/documents.ts)', () => {
	it('has a signed contract with lines, and an order called off against it', async () => {
		const lined = await ok<any[]>(
			'admin',
			'GET',
			`/items/contracts?filter=${qs({ owner: { _eq: REP }, status: { _eq: 'signed' } })}&fields=id,amount,lines.product,lines.quantity&limit=-1`,
		);
		const withLines = lined.filter((c) => c.lines.length > 0);
		expect(withLines.length).toBeGreaterThan(0);
		const orders = await ok<any[]>(
			'admin',
			'GET',
			`/items/sales_orders?filter=${qs({ contract: { _in: withLines.map((c) => c.id) } })}&fields=id`,
		);
		expect(orders.length).toBeGreaterThan(0);
	});

	it('has a quote past its validity date that can no longer become an order', async () => {
		const lapsed = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/quotes?filter=${qs({ valid_until: { _lt: today() }, status: { _in: ['approved', 'sent', 'expired'] } })}&fields=id,number,customer,status`,
		);
		expect(lapsed.length).toBeGreaterThan(0);
		const before = await count('sales_orders');
		const r = await call('sales_rep', 'POST', '/items/sales_orders', { customer: lapsed[0].customer, quote: lapsed[0].id });
		expect([r.status, errorCode(r)]).toEqual([409, 'QUOTE_EXPIRED']);
		expect(await count('sales_orders')).toBe(before);
	});

	it('has a prepayment term with an advance held, one applied to its invoice, and a delivery waiting for the rest', async () => {
		const advances = await ok<any[]>(
			'admin',
			'GET',
			`/items/receipt_allocations?filter=${qs({ order: { _nnull: true } })}&fields=order.payment_term.code,invoice,amount&limit=-1`,
		);
		const prepaid = advances.filter((a) => a.order.payment_term?.code === 'PT-PRE30');
		expect(prepaid.some((a) => a.invoice === null)).toBe(true);
		expect(prepaid.some((a) => a.invoice !== null)).toBe(true);

		const waiting = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/shipments?filter=${qs({ status: { _eq: 'draft' }, order: { payment_term: { code: { _eq: 'PT-PRE30' } } } })}&fields=id`,
		);
		expect(waiting.length).toBeGreaterThan(0);
		const r = await call('sales_rep', 'PATCH', `/items/shipments/${waiting[0].id}`, { status: 'submitted' });
		expect([r.status, errorCode(r)]).toEqual([409, 'PAYMENT_REQUIRED']);
		expect((await ok<any>('admin', 'GET', `/items/shipments/${waiting[0].id}`)).status).toBe('draft');
	});
});
