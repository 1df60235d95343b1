// The approvers the standards name (PROCESS.md §12, issue #16): each product's own product manager
// decides its returns and red invoices (the role when a product has none), red invoices are
// approved before finance issues them.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import { todayPlus as day } from '../../extensions/salesflow/src/platform/clock';
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
		// The product manager opens what they are asked to approve: the red invoice, its lines and the original (read only).
		const opened = await ok<any>('product_manager', 'GET', `/items/invoices/${red.id}?fields=number,reason,original_invoice,lines.*`);
		expect([opened.number, opened.reason, opened.original_invoice, opened.lines.length]).toEqual([red.number, '质量问题退货', blue.id, 2]);
		expect(JSON.stringify(opened)).not.toMatch(/cost/);
		expect((await ok<any>('product_manager', 'GET', `/items/invoices/${blue.id}?fields=number`)).number).toBe(blue.number);
		expect((await ok<any>('admin', 'GET', `/items/invoices/${blue.id}`)).open_amount).toBe(openBefore);

		await approveAll('invoices', red.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/invoices/${red.id}`)).status).toBe('submitted');
		const issued = await ok<any>('finance', 'POST', `/invoicing/invoices/${red.id}/issue`, { red_confirmation_no: '44030025120400000001' });
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

describe('visit plans', () => {
	const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
	const customer = (grade: string) =>
		ok<any>('sales_rep', 'POST', '/items/customers?fields=*,contacts.*', {
			name: `拜访计划${tag()}公司`,
			grade,
			status: 'lead',
			contacts: [{ name: '王经理', title: '采购经理', phone: '13900001111' }],
		});

	it('a planned visit to a grade-A customer asks the direct superior and the division head; a past visit is a record', async () => {
		const a = await customer('A');
		const planned = await ok<any>('sales_rep', 'POST', '/items/visits', {
			customer: a.id,
			visited_on: day(3),
			state: 'planned',
			purpose: '年度合作洽谈',
			contact: a.contacts[0].id,
			location: '客户总部会议室',
		});
		expect(planned).toMatchObject({ status: 'draft', contact: a.contacts[0].id, location: '客户总部会议室' });
		await submit('sales_rep', 'visits', planned.id);
		expect((await ok<any>('admin', 'GET', `/items/visits/${planned.id}`)).status).toBe('pending_approval');
		expect(await stepsOf('visits', planned.id)).toEqual([
			[`user:${userId('sales_manager')}`, 'pending'],
			['division_head', 'waiting'],
		]);
		await approveAll('visits', planned.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/visits/${planned.id}`)).status).toBe('approved');
		// After the visit, its outcome is recorded on the approved plan.
		await ok('sales_rep', 'PATCH', `/items/visits/${planned.id}`, { result: '达成意向', next_date: day(10) });

		const requests = await count('approval_requests');
		const record = await ok<any>('sales_rep', 'POST', '/items/visits', { customer: a.id, visited_on: day(-1), purpose: '回访' });
		expect(record).toMatchObject({ status: 'approved', approval_request: null });
		expect(await count('approval_requests')).toBe(requests);
		expect((await ok<any>('sales_rep', 'GET', `/items/customers/${a.id}`)).last_contacted_on).toBe(day(-1));
	});

	it('a planned visit to another customer asks the direct superior only', async () => {
		const b = await customer('B');
		const planned = await ok<any>('sales_rep', 'POST', '/items/visits', {
			customer: b.id,
			visited_on: day(2),
			state: 'planned',
			purpose: '送样',
		});
		await submit('sales_rep', 'visits', planned.id);
		expect(await stepsOf('visits', planned.id)).toEqual([[`user:${userId('sales_manager')}`, 'pending']]);
	});

	it('refuses a contact of another customer and a planned visit created as approved (400, nothing written)', async () => {
		const a = await customer('A');
		const b = await customer('B');
		const before = await count('visits');
		const foreign = await call('sales_rep', 'POST', '/items/visits', { customer: a.id, visited_on: day(-1), contact: b.contacts[0].id });
		expect([foreign.status, errorCode(foreign)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(foreign.errors?.[0]?.extensions?.field).toBe('contact');
		const approved = await call('sales_rep', 'POST', '/items/visits', {
			customer: a.id,
			visited_on: day(4),
			state: 'planned',
			status: 'approved',
		});
		expect([approved.status, errorCode(approved)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(await count('visits')).toBe(before);
		const v = await ok<any>('sales_rep', 'POST', '/items/visits', { customer: a.id, visited_on: day(-1), contact: a.contacts[0].id });
		const moved = await call('sales_rep', 'PATCH', `/items/visits/${v.id}`, { contact: b.contacts[0].id });
		expect([moved.status, errorCode(moved)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await ok<any>('admin', 'GET', `/items/visits/${v.id}`)).contact).toBe(a.contacts[0].id);
	});
});
