// The approvers the standards name (PROCESS.md §12, issue #16): each product's own product manager
// decides its returns and red invoices (the role when a product has none), red invoices are
// approved before finance issues them.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import { approveAll, approversMap, confirmedOrder, issuedNote, requestOf, stockedProduct, submit } from './fixtures';

const PM1 = userId('product_manager');
const PM2 = userId('product_manager_2');

/** The steps of a document's request as [approver, status], in order. */
async function stepsOf(collection: string, id: number) {
	const req = await requestOf(collection, id);
	return [...req.steps]
		.sort((a: any, b: any) => a.sequence - b.sequence)
		.map((s: any) => [s.approver_user ? `user:${s.approver_user}` : s.approver_role, s.status]);
}

/** Delivered goods of three new products: the first managed by PM1, the second by PM2, the third by nobody. */
async function deliveredProducts() {
	const made = [await stockedProduct(50), await stockedProduct(50), await stockedProduct(50)];
	await ok('admin', 'PATCH', `/items/products/${made[0]!.product.id}`, { product_manager: PM1 });
	await ok('admin', 'PATCH', `/items/products/${made[1]!.product.id}`, { product_manager: PM2 });
	const o = await confirmedOrder(
		'sales_rep',
		made.map((m) => ({ sku: m.product.sku, quantity: '4', unit_price: '100.00' })),
	);
	const note = await issuedNote('sales_rep', o.id, made[0]!.warehouse.id);
	const lineOf = (i: number) => note.lines.find((l: any) => l.product === made[i]!.product.id);
	return { made, note, lineOf };
}

let goods: Awaited<ReturnType<typeof deliveredProducts>>;
beforeAll(async () => {
	goods = await deliveredProducts();
});

describe("products' own product managers", () => {
	it('a return of two products with different product managers asks both, then the division head, and nobody else', async () => {
		const rr = await ok<any>('sales_rep', 'POST', '/items/return_requests', {
			shipment: goods.note.id,
			reason: '型号错误',
			lines: [
				{ shipment_line: goods.lineOf(0).id, quantity: '1' },
				{ shipment_line: goods.lineOf(1).id, quantity: '1' },
			],
		});
		await submit('sales_rep', 'return_requests', rr.id);
		expect(await stepsOf('return_requests', rr.id)).toEqual([
			[`user:${PM1}`, 'pending'],
			[`user:${PM2}`, 'waiting'],
			['division_head', 'waiting'],
		]);
		const req = await requestOf('return_requests', rr.id);
		// The other product manager is refused, and nothing changes.
		const decided = await count('approval_steps', { request: { _eq: req.id }, status: { _neq: 'pending' }, decided_by: { _nnull: true } });
		const refused = await call('product_manager_2', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expect([refused.status, errorCode(refused)]).toEqual([403, 'NOT_APPROVER']);
		expect(await count('approval_steps', { request: { _eq: req.id }, status: { _neq: 'pending' }, decided_by: { _nnull: true } })).toBe(
			decided,
		);
		expect(await stepsOf('return_requests', rr.id)).toEqual([
			[`user:${PM1}`, 'pending'],
			[`user:${PM2}`, 'waiting'],
			['division_head', 'waiting'],
		]);
		// The inbox of each product manager holds only their own step, naming their product.
		const inbox1 = (await ok<any[]>('product_manager', 'GET', '/approvals/inbox')).filter((x) => x.request === req.id);
		expect(inbox1).toHaveLength(1);
		expect(inbox1[0].why.join(' ')).toContain(goods.made[0]!.product.sku);
		expect((await ok<any[]>('product_manager_2', 'GET', '/approvals/inbox')).some((x) => x.request === req.id)).toBe(false);

		await ok('product_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expect((await ok<any[]>('product_manager_2', 'GET', '/approvals/inbox')).some((x) => x.request === req.id)).toBe(true);
		// Now the first product manager is the one refused.
		expect(errorCode(await call('product_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' }))).toBe('NOT_APPROVER');
		await ok('product_manager_2', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		await ok('division_head', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expect((await ok<any>('admin', 'GET', `/items/return_requests/${rr.id}`)).status).toBe('approved');
		const decidedBy = (await requestOf('return_requests', rr.id)).steps.map((s: any) => s.decided_by).sort();
		expect(decidedBy).toEqual([PM1, PM2, userId('division_head')].sort());
	});

	it('a product without a product manager falls back to the role, asked once and first', async () => {
		const rr = await ok<any>('sales_rep', 'POST', '/items/return_requests', {
			shipment: goods.note.id,
			reason: '包装破损',
			lines: [
				{ shipment_line: goods.lineOf(0).id, quantity: '1' },
				{ shipment_line: goods.lineOf(2).id, quantity: '1' },
			],
		});
		await submit('sales_rep', 'return_requests', rr.id);
		expect(await stepsOf('return_requests', rr.id)).toEqual([
			['product_manager', 'pending'],
			[`user:${PM1}`, 'waiting'],
			['division_head', 'waiting'],
		]);
		const req = await requestOf('return_requests', rr.id);
		// Any product manager decides the role's step; the named one still decides their own.
		await ok('product_manager_2', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expect(errorCode(await call('product_manager_2', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' }))).toBe('NOT_APPROVER');
		await approveAll('return_requests', rr.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/return_requests/${rr.id}`)).status).toBe('approved');
	});

	it('a product manager must be a user of the product_manager role (400, nothing written)', async () => {
		const product = goods.made[2]!.product;
		const before = await count('products');
		const created = await call('admin', 'POST', '/items/products', {
			sku: `PM-${Date.now()}`,
			name: '测试产品',
			unit: '个',
			list_price: '10.00',
			floor_price: '9.00',
			product_manager: userId('sales_rep'),
		});
		expect([created.status, errorCode(created)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(created.errors?.[0]?.message).toContain('product_manager');
		expect(await count('products')).toBe(before);
		const patched = await call('admin', 'PATCH', `/items/products/${product.id}`, { product_manager: userId('finance_manager') });
		expect([patched.status, errorCode(patched)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await ok<any>('admin', 'GET', `/items/products/${product.id}`)).product_manager).toBeNull();
	});
});

describe('red invoices are approved before they are issued', () => {
	it('cannot be issued before approval, asks the products’ managers then the finance manager, and can be issued after', async () => {
		const blue = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [goods.note.id] });
		// Blue invoices are unchanged: submitting opens no approval, finance issues them.
		expect((await submit('sales_rep', 'invoices', blue.id)).status).toBe('submitted');
		expect((await ok<any>('admin', 'GET', `/items/invoices/${blue.id}`)).approval_request).toBeNull();
		await ok('finance', 'POST', `/invoicing/invoices/${blue.id}/issue`);
		const lineOf = (i: number) => blue.lines.find((l: any) => l.shipment_line === goods.lineOf(i).id);
		const red = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: blue.id,
			lines: [
				{ invoice_line: lineOf(0).id, quantity: '1' },
				{ invoice_line: lineOf(1).id, quantity: '1' },
			],
			reason: '质量问题退货',
		});

		const openBefore = (await ok<any>('admin', 'GET', `/items/invoices/${blue.id}`)).open_amount;
		const unapproved = await call('finance', 'POST', `/invoicing/invoices/${red.id}/issue`);
		expect([unapproved.status, errorCode(unapproved)]).toEqual([409, 'APPROVAL_REQUIRED']);
		expect(unapproved.errors?.[0]?.message).toContain('质量问题退货');
		expect((await ok<any>('admin', 'GET', `/items/invoices/${red.id}`)).status).toBe('draft');

		await submit('sales_rep', 'invoices', red.id);
		expect((await ok<any>('admin', 'GET', `/items/invoices/${red.id}`)).status).toBe('pending_approval');
		expect(await stepsOf('invoices', red.id)).toEqual([
			[`user:${PM1}`, 'pending'],
			[`user:${PM2}`, 'waiting'],
			['finance_manager', 'waiting'],
		]);
		const pending = await call('finance', 'POST', `/invoicing/invoices/${red.id}/issue`);
		expect([pending.status, errorCode(pending)]).toEqual([409, 'APPROVAL_REQUIRED']);
		const req = await requestOf('invoices', red.id);
		const inbox = (await ok<any[]>('product_manager', 'GET', '/approvals/inbox')).find((x) => x.request === req.id);
		expect(inbox).toMatchObject({ collection: 'invoices', document_number: red.number, reason: '质量问题退货' });
		expect((await ok<any>('admin', 'GET', `/items/invoices/${blue.id}`)).open_amount).toBe(openBefore);

		await approveAll('invoices', red.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/invoices/${red.id}`)).status).toBe('submitted');
		const issued = await ok<any>('finance', 'POST', `/invoicing/invoices/${red.id}/issue`);
		expect(issued.status).toBe('issued');
		expect(Number((await ok<any>('admin', 'GET', `/items/invoices/${blue.id}`)).open_amount)).toBe(Number(openBefore) - 200);
	});

	it('a rejected red invoice cannot be issued', async () => {
		const more = await deliveredProducts();
		const blue = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [more.note.id] });
		await ok('finance', 'POST', `/invoicing/invoices/${blue.id}/issue`);
		const lineOf2 = blue.lines.find((l: any) => l.shipment_line === more.lineOf(2).id);
		const red = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: blue.id,
			lines: [{ invoice_line: lineOf2.id, amount: '10.00' }],
			reason: '价格折让',
		});
		await submit('sales_rep', 'invoices', red.id);
		// The product has no product manager: the role decides, then the finance manager.
		expect(await stepsOf('invoices', red.id)).toEqual([
			['product_manager', 'pending'],
			['finance_manager', 'waiting'],
		]);
		const req = await requestOf('invoices', red.id);
		await ok('product_manager', 'POST', `/approvals/${req.id}/reject`, { comment: '折让依据不足' });
		expect((await ok<any>('admin', 'GET', `/items/invoices/${red.id}`)).status).toBe('rejected');
		const refused = await call('finance', 'POST', `/invoicing/invoices/${red.id}/issue`);
		expect([refused.status, errorCode(refused)]).toEqual([409, 'APPROVAL_REQUIRED']);
		expect((await ok<any>('admin', 'GET', `/items/invoices/${red.id}`)).status).toBe('rejected');
	});
});
