// Document actions and timeline (issue #17): what a document's page offers its caller now — the moves
// of the status table tried for real and rolled back, so a refused move shows the move's own refusal
// in zh-CN and en-US with its figures — and the approval steps and status history.
import { describe, expect, it } from 'vitest';
import { ACTION_COLLECTIONS } from '../../extensions/salesflow/src/documents/lifecycles';
import { call, count, errorCode, ok, userId } from './helpers';
import { confirmedOrder, customerOf, quote, requestOf, stockedProduct, submit } from './fixtures';

type Action = {
	key: string;
	label: { zh: string; en: string };
	to?: string;
	route?: any;
	link?: string;
	enabled: boolean;
	reason?: any;
	confirm?: any;
};

const actionsOf = (who: string, collection: string, id: number) => ok<Action[]>(who, 'GET', `/documents/${collection}/${id}/actions`);
const find = (actions: Action[], key: string) => actions.find((a) => a.key === key);

describe('document actions', () => {
	it('the rep submits a draft quote; the manager approves the pending one; the timeline shows the steps', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '2', unit_price: '12800.00' }]);
		const notices = await count('directus_notifications', { recipient: { _eq: userId('sales_manager') } });
		const actions = await actionsOf('sales_rep', 'quotes', q.id);
		const submitting = find(actions, 'status:submitted');
		expect(submitting).toMatchObject({ label: { zh: '提交审批', en: 'Submit for approval' }, to: 'submitted', enabled: true });
		// The rehearsal found whom the approval goes to…
		const manager = await ok<any>('admin', 'GET', `/users/${userId('sales_manager')}?fields=first_name,last_name`);
		expect(submitting!.confirm.zh).toBe(`状态将由「草稿」变为「审批中」；将提交给 ${manager.last_name}${manager.first_name} 审批。`);
		expect(find(actions, 'print')).toMatchObject({ link: `/print/quotes/${q.id}`, enabled: true });
		// …and left nothing behind: still a draft, no request, nobody notified.
		expect((await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}`)).status).toBe('draft');
		expect(await requestOf('quotes', q.id)).toBeNull();
		expect(await count('directus_notifications', { recipient: { _eq: userId('sales_manager') } })).toBe(notices);
		// Another rep neither sees the quote nor its actions.
		expect((await call('sales_rep_2', 'GET', `/documents/quotes/${q.id}/actions`)).status).toBe(404);
		expect((await call('sales_rep_2', 'GET', `/documents/quotes/${q.id}/timeline`)).status).toBe(404);

		expect((await submit('sales_rep', 'quotes', q.id)).status).toBe('pending_approval');
		const req = await requestOf('quotes', q.id);
		// The rep has nothing to decide; the manager approves or rejects (a rejection asks for a comment).
		expect(find(await actionsOf('sales_rep', 'quotes', q.id), 'approve')).toBeUndefined();
		const managers = await actionsOf('sales_manager', 'quotes', q.id);
		expect(find(managers, 'approve')).toMatchObject({
			enabled: true,
			label: { zh: '批准', en: 'Approve' },
			route: { method: 'POST', path: `/approvals/${req.id}/approve` },
		});
		expect(find(managers, 'approve')!.confirm.zh).toContain('已批准');
		expect(find(managers, 'reject')).toMatchObject({ enabled: true, route: { path: `/approvals/${req.id}/reject`, comment: 'required' } });
		expect((await requestOf('quotes', q.id)).status).toBe('pending');

		await ok('sales_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		const timeline = await ok<any>('sales_rep', 'GET', `/documents/quotes/${q.id}/timeline`);
		expect(timeline.approvals).toHaveLength(1);
		expect(timeline.approvals[0]).toMatchObject({ number: req.number, status: 'approved' });
		expect(timeline.approvals[0].steps).toEqual([
			expect.objectContaining({ sequence: 1, status: 'approved', comment: '同意', overdue: false, decided_by: expect.any(String) }),
		]);
		expect(timeline.approvals[0].steps[0].approver.zh).toBeTruthy();
		expect(timeline.history.map((h: any) => [h.from, h.to])).toEqual([
			['draft', 'submitted'],
			['submitted', 'pending_approval'],
			['pending_approval', 'approved'],
		]);
		// Approved: the rep may send it; submitting is no longer a move.
		const approved = await actionsOf('sales_rep', 'quotes', q.id);
		expect(find(approved, 'status:sent')).toMatchObject({ enabled: true, label: { zh: '发送客户' } });
		expect(find(approved, 'status:submitted')).toBeUndefined();
	});

	it('a delivery note short of stock shows the issue move disabled with the stock figures', async () => {
		const { product, warehouse } = await stockedProduct(3);
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '5', unit_price: '100.00' }]);
		const note = await ok<any>('sales_rep', 'POST', '/items/shipments', { order: order.id, warehouse: warehouse.id });
		const draft = await actionsOf('sales_rep', 'shipments', note.id);
		expect(find(draft, 'status:submitted')).toMatchObject({ enabled: true, label: { zh: '提交仓库' } });
		await submit('sales_rep', 'shipments', note.id);
		// The rep may not issue; the warehouse may, but the stock is short.
		expect(find(await actionsOf('sales_rep', 'shipments', note.id), 'status:issued')).toBeUndefined();
		const issue = find(await actionsOf('warehouse', 'shipments', note.id), 'status:issued');
		expect(issue).toMatchObject({ enabled: false, label: { zh: '发货出库' } });
		expect(issue!.reason.zh).toBe(`库存不足：${product.sku} 在 ${warehouse.code} 现有 3，需要 5`);
		expect(issue!.reason.en).toContain('Insufficient stock');
		expect((await ok<any>('warehouse', 'GET', `/items/shipments/${note.id}`)).status).toBe('submitted');
		// With stock in, the confirmation says what goes out.
		const entry = await ok<any>('warehouse_manager', 'POST', '/items/stock_entries', {
			type: 'purchase_in',
			warehouse: warehouse.id,
			lines: [{ product: product.id, quantity: '2' }],
		});
		await ok('warehouse_manager', 'PATCH', `/items/stock_entries/${entry.id}`, { status: 'posted' });
		const ready = find(await actionsOf('warehouse', 'shipments', note.id), 'status:issued');
		expect(ready).toMatchObject({ enabled: true });
		expect(ready!.confirm.zh).toContain(`库存出库：${product.sku} × 5（${warehouse.code}）`);
	});

	it('an order without a signed contract shows delivery refused: 需先签订合同', async () => {
		const { product } = await stockedProduct(10);
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], { contract: null });
		const deliver = find(await actionsOf('sales_rep', 'sales_orders', order.id), 'deliver');
		expect(deliver).toMatchObject({ enabled: false, label: { zh: '发货' } });
		expect(deliver!.reason.zh).toContain('需先签订合同');
		expect(deliver!.reason.zh).toContain(order.number);
		// The rehearsal drafted no delivery note.
		expect(await count('shipments', { order: { _eq: order.id } })).toBe(0);
		const covered = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], {
			customer: (await customerOf('sales_rep')).id,
		});
		expect(find(await actionsOf('sales_rep', 'sales_orders', covered.id), 'deliver')).toMatchObject({ enabled: true });
	});

	it('an issued delivery note offers 起草发票 to whoever drafts invoices, of what is left on it', async () => {
		const { product, warehouse } = await stockedProduct(10);
		const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '4', unit_price: '100.00' }], {
			invoice_type: 'vat_ordinary',
		});
		const note = await ok<any>('sales_rep', 'POST', '/items/shipments', { order: order.id, warehouse: warehouse.id });
		await submit('sales_rep', 'shipments', note.id);
		// Not before the goods left.
		expect(find(await actionsOf('finance', 'shipments', note.id), 'draft_invoice')).toBeUndefined();
		await ok('warehouse', 'PATCH', `/items/shipments/${note.id}`, { status: 'issued' });
		// The warehouse drafts no invoices; finance may, and the route makes the draft the app then opens.
		expect(find(await actionsOf('warehouse', 'shipments', note.id), 'draft_invoice')).toBeUndefined();
		const drafting = find(await actionsOf('finance', 'shipments', note.id), 'draft_invoice');
		expect(drafting).toMatchObject({
			enabled: true,
			label: { zh: '起草发票', en: 'Draft invoice' },
			route: { method: 'POST', path: '/invoicing/invoices', body: { type: 'vat_ordinary', shipments: [note.id] }, opens: 'invoices' },
		});
		// The rehearsal drafted nothing.
		expect(await count('invoices', { lines: { shipment_line: { shipment: { _eq: note.id } } } })).toBe(0);
		const invoice = await ok<any>('finance', 'POST', drafting!.route.path, drafting!.route.body);
		expect(invoice).toMatchObject({ status: 'draft', type: 'vat_ordinary', direction: 'blue' });
		expect(Number(invoice.total)).toBe(400);
		// All of it is on that draft now: the move stays, refused with the reason.
		const again = find(await actionsOf('finance', 'shipments', note.id), 'draft_invoice');
		expect(again).toMatchObject({ enabled: false });
		expect(again!.reason.en).toContain(note.number);
	});

	it('every document form has the actions on top and a read-only status', async () => {
		const fields = await ok<any[]>('admin', 'GET', '/fields');
		for (const collection of ACTION_COLLECTIONS) {
			const own = fields.filter((f) => f.collection === collection);
			const actions = own.find((f) => f.field === 'actions');
			expect(actions?.meta, collection).toMatchObject({ interface: 'salesflow-document-actions', special: ['alias', 'no-data'] });
			expect(own.find((f) => f.field === 'status')?.meta.readonly, collection).toBe(true);
		}
	});

	it('a locked document shows as locked: read-only fields and lines, no delete; the API refuses the delete too', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);
		const draft = await ok<any>('sales_rep', 'GET', `/permissions/me/quotes/${q.id}`);
		expect(draft).toMatchObject({ update: { access: true }, delete: { access: true } });
		await submit('sales_rep', 'quotes', q.id);
		const locked = await ok<any>('sales_rep', 'GET', `/permissions/me/quotes/${q.id}`);
		// Still updatable (status moves and always-editable fields go through the item), never deletable.
		expect(locked).toMatchObject({ update: { access: true }, delete: { access: false } });
		// The rule answers first (with the reason), for an administrator too.
		for (const who of ['sales_rep', 'admin']) {
			const refused = await call(who, 'DELETE', `/items/quotes/${q.id}`);
			expect(refused.status, who).toBe(409);
			expect(errorCode(refused)).toBe('DOCUMENT_LOCKED');
		}
		expect((await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}`)).status).not.toBe('draft');
		// The form: ordinary fields and the lines read-only outside draft/rejected; memo (always editable) and the
		// actions stay; a field shown only on a red invoice keeps being hidden when locked.
		const fields = await ok<any[]>('admin', 'GET', '/fields/quotes');
		const meta = (f: string) => fields.find((x) => x.field === f)?.meta;
		for (const f of ['customer', 'lines'])
			expect(meta(f).conditions, f).toContainEqual({ name: 'locked', rule: { status: { _nin: ['draft', 'rejected'] } }, readonly: true });
		expect(meta('memo').conditions ?? []).toEqual([]);
		expect(meta('actions').conditions ?? []).toEqual([]);
		const reason = (await ok<any[]>('admin', 'GET', '/fields/invoices')).find((x) => x.field === 'reason')?.meta;
		const lockedTwin = reason.conditions.find((c: any) => c.name.endsWith(', locked'));
		expect(lockedTwin).toMatchObject({
			hidden: true,
			readonly: true,
			rule: { _and: [{ direction: { _nin: ['red'] } }, { status: { _nin: ['draft', 'rejected'] } }] },
		});
	});

	it('refuses collections without a status table and malformed ids', async () => {
		expect((await call('sales_rep', 'GET', '/documents/products/1/actions')).status).toBe(400);
		expect((await call('sales_rep', 'GET', '/documents/quotes/abc/actions')).status).toBe(400);
		expect((await call('sales_rep', 'GET', '/documents/quotes/99999999/actions')).status).toBe(404);
	});
});
