import { describe, expect, it } from 'vitest';
import { call, count, errorCode, ok } from './helpers';
import { approveAll, approversMap, confirmedOrder, issuedNote, issueRedInvoice, stockedProduct, submit } from './fixtures';

async function deliveredGoods(qty: string, price: string, user = 'sales_rep') {
	const { product, warehouse } = await stockedProduct(100, 'WH-SH', price);
	const o = await confirmedOrder(user, [{ sku: product.sku, quantity: qty, unit_price: price }]);
	const n = await issuedNote(user, o.id, warehouse.id);
	return { product, warehouse, order: o, note: n };
}

const draft = (who: string, body: unknown) => call(who, 'POST', '/invoicing/invoices', body);

describe('invoices from delivery notes', () => {
	it('lists what is left to invoice, scoped to the caller', async () => {
		const { note } = await deliveredGoods('4', '50.00');
		const mine = await ok<any[]>('sales_rep', 'GET', `/invoicing/uninvoiced?customer=${note.customer}`);
		expect(mine.find((l) => l.shipment_line === note.lines[0].id)).toMatchObject({ shipment_number: note.number, remaining: '4' });
		const theirs = await ok<any[]>('sales_rep_2', 'GET', '/invoicing/uninvoiced');
		expect(theirs.some((l) => l.shipment === note.id)).toBe(false);
		expect((await call('sales_rep_2', 'GET', `/invoicing/uninvoiced?customer=${note.customer}`)).status).toBe(400);
	});

	it('drafts with exact tax maths: 3 × 33.33 at 13% → 99.99 / 88.49 / 11.50', async () => {
		const { note } = await deliveredGoods('3', '33.33');
		const r = await draft('sales_rep', { type: 'vat_ordinary', shipments: [note.id] });
		expect(r.status).toBe(201);
		expect(r.data).toMatchObject({ status: 'draft', direction: 'blue', customer: note.customer });
		expect(r.data.number).toMatch(/^INV-\d{4}-\d{6}$/);
		expect([r.data.total, r.data.amount_excl, r.data.tax].map(Number)).toEqual([99.99, 88.49, 11.5]);
		expect(r.data.lines).toHaveLength(1);
		expect([r.data.lines[0].total, r.data.lines[0].amount_excl, r.data.lines[0].tax].map(Number)).toEqual([99.99, 88.49, 11.5]);
	});

	it('VAT special needs the buyer data and keeps a snapshot of it', async () => {
		const { note } = await deliveredGoods('1', '100.00');
		const customer = await ok<any>('admin', 'GET', `/items/customers/${note.customer}`);
		await ok('sales_rep', 'PATCH', `/items/customers/${customer.id}`, { invoice_title: null, bank_account: null });
		const before = await count('invoices');
		const missing = await draft('sales_rep', { type: 'vat_special', shipments: [note.id] });
		expect(missing.status).toBe(400);
		expect(missing.errors![0]!.message).toContain('invoice title');
		expect(await count('invoices')).toBe(before);
		await ok('sales_rep', 'PATCH', `/items/customers/${customer.id}`, {
			invoice_title: customer.name,
			address_phone: '上海市嘉定区 021-69990000',
			bank_account: '工商银行嘉定支行 1001 2345 6789 0000',
		});
		const inv = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_special', shipments: [note.id] });
		expect(inv).toMatchObject({
			buyer_name: customer.name,
			buyer_tax_id: customer.tax_id,
			buyer_bank_account: '工商银行嘉定支行 1001 2345 6789 0000',
		});
	});

	it('never invoices more than shipped − returned − invoiced, counting a line twice when given twice', async () => {
		const { note } = await deliveredGoods('5', '20.00');
		const line = note.lines[0].id;
		const before = [await count('invoices'), await count('invoice_lines')];
		const over = await draft('sales_rep', { type: 'vat_ordinary', shipments: [note.id], lines: [{ shipment_line: line, quantity: '6' }] });
		expect([over.status, errorCode(over)]).toEqual([409, 'OVER_INVOICE']);
		const twice = await draft('sales_rep', {
			type: 'vat_ordinary',
			shipments: [note.id],
			lines: [
				{ shipment_line: line, quantity: '3' },
				{ shipment_line: line, quantity: '3' },
			],
		});
		expect(errorCode(twice)).toBe('OVER_INVOICE');
		expect([await count('invoices'), await count('invoice_lines')]).toEqual(before);
		await ok('sales_rep', 'POST', '/invoicing/invoices', {
			type: 'vat_ordinary',
			shipments: [note.id],
			lines: [{ shipment_line: line, quantity: '3' }],
		});
		const rest = await draft('sales_rep', { type: 'vat_ordinary', shipments: [note.id], lines: [{ shipment_line: line, quantity: '3' }] });
		expect(errorCode(rest)).toBe('OVER_INVOICE');
	});

	it('three identical requests at once create one invoice', async () => {
		const { note } = await deliveredGoods('2', '10.00');
		const before = await count('invoices');
		const results = await Promise.all([1, 2, 3].map(() => draft('sales_rep', { type: 'vat_ordinary', shipments: [note.id] })));
		expect(results.filter((r) => r.status === 201)).toHaveLength(1);
		expect(results.filter((r) => r.status === 409).every((r) => errorCode(r) === 'OVER_INVOICE')).toBe(true);
		expect(await count('invoices')).toBe(before + 1);
	});

	it('refuses bad input and foreign or unfit delivery notes, writing nothing', async () => {
		const a = await deliveredGoods('1', '10.00');
		const b = await deliveredGoods('1', '10.00', 'sales_rep_2');
		const { product, warehouse } = await stockedProduct(5);
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }]);
		const draftNote = await ok<any>('sales_rep', 'POST', '/items/shipments', { order: o.id, warehouse: warehouse.id });
		const otherCustomer = await deliveredGoods('1', '10.00');
		await ok('admin', 'PATCH', `/items/customers/${otherCustomer.note.customer}`, {}); // unchanged, just exists
		const before = await count('invoices');
		const cases: Array<[string, unknown, number]> = [
			['sales_rep', { type: 'vat_ordinary', shipments: [draftNote.id] }, 409],
			['sales_rep', { type: 'vat_ordinary', shipments: [b.note.id] }, 400],
			['sales_rep', { type: 'vat_ordinary', shipments: [99999999] }, 400],
			['sales_rep', { type: 'paper', shipments: [a.note.id] }, 400],
			['sales_rep', { type: 'vat_ordinary', shipments: [] }, 400],
			['sales_rep', { type: 'vat_ordinary', shipments: ['abc'] }, 400],
			['sales_rep', { type: 'vat_ordinary', shipments: [a.note.id], lines: [{ shipment_line: a.note.lines[0].id, quantity: '-1' }] }, 400],
			[
				'sales_rep',
				{ type: 'vat_ordinary', shipments: [a.note.id], lines: [{ shipment_line: a.note.lines[0].id, quantity: 'many' }] },
				400,
			],
			['sales_rep', { type: 'vat_ordinary', shipments: [a.note.id], lines: [{ shipment_line: b.note.lines[0].id, quantity: '1' }] }, 400],
			['sales_rep', { type: 'vat_ordinary', shipments: [a.note.id], extra: true }, 400],
			['warehouse', { type: 'vat_ordinary', shipments: [a.note.id] }, 403],
		];
		for (const [who, body, status] of cases) expect((await draft(who, body)).status, JSON.stringify(body)).toBe(status);
		if (a.note.customer !== otherCustomer.note.customer) {
			const mixed = await draft('sales_rep', { type: 'vat_ordinary', shipments: [a.note.id, otherCustomer.note.id] });
			expect([mixed.status, errorCode(mixed)]).toEqual([400, 'INVALID_PAYLOAD']);
		}
		expect(await count('invoices')).toBe(before);
	});
});

describe('issuing and red invoices', () => {
	it('finance issues: due date from payment terms, rollups move; twice is refused', async () => {
		const { note, order } = await deliveredGoods('4', '25.00');
		const inv = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', {
			type: 'vat_ordinary',
			shipments: [note.id],
			lines: [{ shipment_line: note.lines[0].id, quantity: '3' }],
		});
		expect((await call('sales_rep', 'POST', `/invoicing/invoices/${inv.id}/issue`)).status).toBe(403);
		expect(errorCode(await call('sales_rep', 'PATCH', `/items/invoices/${inv.id}`, { status: 'issued' }))).toBe('INVALID_TRANSITION');
		const issued = await ok<any>('finance', 'POST', `/invoicing/invoices/${inv.id}/issue`);
		const customer = await ok<any>('admin', 'GET', `/items/customers/${note.customer}`);
		const expectedDue = new Date(Date.parse(issued.issue_date) + customer.payment_terms_days * 86_400_000).toISOString().slice(0, 10);
		expect(issued).toMatchObject({ status: 'issued', due_date: expectedDue, payment_status: 'unpaid' });
		expect(Number(issued.open_amount)).toBe(75);
		expect(Number((await ok<any>('admin', 'GET', `/items/shipment_lines/${note.lines[0].id}`)).invoiced_qty)).toBe(3);
		const o = await ok<any>('admin', 'GET', `/items/sales_orders/${order.id}?fields=percent_invoiced,lines.invoiced_qty`);
		expect(o.percent_invoiced).toBe('75.0');
		expect(Number(o.lines[0].invoiced_qty)).toBe(3);
		const again = await call('finance', 'POST', `/invoicing/invoices/${inv.id}/issue`);
		expect([again.status, errorCode(again)]).toEqual([409, 'INVALID_TRANSITION']);
		expect(errorCode(await call('sales_rep', 'PATCH', `/items/invoices/${inv.id}`, { status: 'void' }))).toBe('INVALID_TRANSITION');
	});

	it('a draft can be voided, which frees its quantity', async () => {
		const { note } = await deliveredGoods('2', '10.00');
		const inv = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		expect(errorCode(await draft('sales_rep', { type: 'vat_ordinary', shipments: [note.id] }))).toBe('OVER_INVOICE');
		await ok('sales_rep', 'PATCH', `/items/invoices/${inv.id}`, { status: 'void' });
		expect((await draft('sales_rep', { type: 'vat_ordinary', shipments: [note.id] })).status).toBe(201);
	});

	it('red invoices credit at most the original minus earlier reds; issuing lowers its open amount', async () => {
		const { note } = await deliveredGoods('4', '100.00');
		const blue = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		const notIssued = await call('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: blue.id,
			lines: [{ invoice_line: blue.lines[0].id, quantity: '1' }],
			reason: '退货',
		});
		expect(errorCode(notIssued)).toBe('INVALID_TRANSITION');
		await ok('finance', 'POST', `/invoicing/invoices/${blue.id}/issue`);
		const red = await call('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: blue.id,
			lines: [{ invoice_line: blue.lines[0].id, quantity: '1' }],
			reason: '质量问题退货',
		});
		expect(red.status).toBe(201);
		expect(red.data).toMatchObject({ direction: 'red', original_invoice: blue.id });
		expect([red.data.total, red.data.lines[0].quantity].map(Number)).toEqual([-100, -1]);
		const price = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: blue.id,
			lines: [{ invoice_line: blue.lines[0].id, amount: '50.00' }],
			reason: '价格折让',
		});
		expect(Number(price.total)).toBe(-50);
		const before = await count('invoices');
		const over = await call('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: blue.id,
			lines: [{ invoice_line: blue.lines[0].id, quantity: '3' }],
			reason: '超额',
		});
		expect([over.status, errorCode(over)]).toEqual([409, 'OVER_INVOICE']);
		expect(
			(
				await call('sales_rep', 'POST', '/invoicing/red-invoices', {
					original_invoice: blue.id,
					lines: [{ invoice_line: blue.lines[0].id, quantity: '1' }],
				})
			).status,
		).toBe(400);
		expect(await count('invoices')).toBe(before);
		await issueRedInvoice('sales_rep', red.data.id);
		await issueRedInvoice('sales_rep', price.id);
		const original = await ok<any>('admin', 'GET', `/items/invoices/${blue.id}`);
		expect(Number(original.open_amount)).toBe(250);
		expect(Number((await ok<any>('admin', 'GET', `/items/shipment_lines/${note.lines[0].id}`)).invoiced_qty)).toBe(3);
	});

	it('receiving returned goods that were invoiced drafts a red invoice', async () => {
		const { note } = await deliveredGoods('3', '40.00');
		const blue = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		await ok('finance', 'POST', `/invoicing/invoices/${blue.id}/issue`);
		const rr = await ok<any>('sales_rep', 'POST', '/items/return_requests', {
			shipment: note.id,
			reason: '包装破损',
			lines: [{ shipment_line: note.lines[0].id, quantity: '2' }],
		});
		await submit('sales_rep', 'return_requests', rr.id);
		await approveAll('return_requests', rr.id, approversMap());
		const ret = (await ok<any[]>('warehouse', 'GET', `/items/returns?filter[return_request][_eq]=${rr.id}`))[0];
		await ok('warehouse', 'PATCH', `/items/returns/${ret.id}`, { status: 'received' });
		const received = await ok<any>('admin', 'GET', `/items/returns/${ret.id}?fields=red_invoice.*,red_invoice.lines.*`);
		expect(received.red_invoice).toMatchObject({ direction: 'red', status: 'draft', original_invoice: blue.id });
		expect(Number(received.red_invoice.total)).toBe(-80);
	});
});
