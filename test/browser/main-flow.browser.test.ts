// The main flow by clicking in the data app (issue #17), as the demo users in zh-CN on a fresh
// database: the rep registers a customer with a contact and quotes two lines; the manager approves
// from the inbox panel; the rep sends the quote, records the customer's acceptance and makes the
// contract from it, which its approvers approve on its page and the rep signs. The rep orders under
// the contract; the manager approves the order from the inbox (the first order's other steps on its
// page); the rep drafts the delivery note from the order's 发货, the warehouse issues it (stock out);
// finance drafts the invoice from the note, issues it and records the customer's payment. The new
// customer has no payment term, so no share is due before shipment (PROCESS.md §12): no advance.
// Every status move is a click on the document's action buttons; each step asserts what the screen
// shows (status badge, actions offered, confirmation, money as ¥25,600.00 in forms, line tables and
// lists). Screenshots of each step go to test/artifacts/main-flow-*.png.
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { dashboardId } from '../../schema/dashboard';
import { approversMap, requestOf } from '../integration/fixtures';
import { ok } from '../integration/helpers';
import { DataApp, launch } from './data-app';

const TAG = Date.now().toString(36).toUpperCase();
const CUSTOMER = `浏览器测试客户${TAG}有限公司`;
// Two lines at list price (no special-discount approval): 2 × 12,800 + 3 × 3,680 = 36,640. A lines
// table shows unit price then amount, as money with the fen.
const LINES = [
	{ sku: 'SKU-001', quantity: '2', price: '12800.00', total: '¥12,800.00\n¥25,600.00' },
	{ sku: 'SKU-002', quantity: '3', price: '3680.00', total: '¥3,680.00\n¥11,040.00' },
];
const TOTAL = '¥36,640.00';

let browser: Browser | undefined;
const apps = new Map<string, DataApp>();
afterAll(async () => browser?.close());

/** The demo user's logged-in page (one browser context each). */
async function as(user: string): Promise<DataApp> {
	if (!apps.has(user)) apps.set(user, await DataApp.login(browser!, user));
	return apps.get(user)!;
}

/** Enters the two quoted lines into a document's lines field. */
async function enterLines(app: DataApp, field: string) {
	for (const l of LINES) await app.addRow(field, { 产品: { pick: l.sku }, 数量: l.quantity, 含税单价: l.price });
}

/** The lines' prices and amounts as the item page's lines table shows them: ¥ with thousands separators. */
async function expectLineAmounts(app: DataApp, field: string) {
	const table = app.field(field);
	await table.scrollIntoViewIfNeeded();
	for (const l of LINES) await expect.poll(() => table.innerText(), { timeout: 30_000 }).toContain(l.total);
}

/** A money field of the item page as the form shows it (read-only: ¥ with separators and the fen). */
async function expectMoney(app: DataApp, label: string, text: string) {
	await expect.poll(() => app.field(label).locator('[data-field=money]').innerText(), { timeout: 30_000 }).toBe(text);
}

/** The manager approves `number` from the inbox panel of the cockpit, seeing its customer and amount as money. */
async function approveInInbox(number: string, shot: string) {
	const manager = await as('sales_manager');
	await manager.go(`/insights/${dashboardId()}`);
	const entry = manager.page.locator(`.sf-panel[data-report="approvals-inbox"] .entry[data-document="${number}"]`);
	await entry.waitFor({ timeout: 60_000 });
	await entry.scrollIntoViewIfNeeded();
	expect(await entry.locator('.amount').innerText()).toBe(TOTAL);
	expect(await entry.innerText()).toContain(CUSTOMER);
	await manager.shot(shot);
	await entry.locator('[data-action=approve]').click();
	await entry.waitFor({ state: 'detached', timeout: 60_000 });
}

/** Each pending step approved by its approver on the document's page (批准 in the actions). */
async function approveOnPage(collection: string, id: number, shot: string) {
	for (let i = 0; i < 10; i++) {
		const request = await requestOf(collection, id);
		if (request?.status !== 'pending') return request;
		const step = request.steps.find((s: any) => s.status === 'pending');
		const who = approversMap()[step.approver_role ?? `user:${step.approver_user}`]!;
		const app = await as(who);
		await app.open(collection, id);
		expect(await app.badge()).toBe('审批中');
		expect(await app.enabledLabels()).toEqual(expect.arrayContaining(['批准', '驳回']));
		await app.act('approve', `${shot}-${who}`);
	}
	throw new Error(`${collection} ${id}: approval did not finish`);
}

describe('the main flow by clicking in the data app', () => {
	it('customer → quote → contract → order → delivery → invoice → receipt', { timeout: 1_200_000 }, async () => {
		browser = await launch();
		// What each user's screen showed when a step failed.
		onTestFailed(async () => {
			for (const a of apps.values()) await a.shot(`failed-${a.user}`).catch(() => {});
		});
		const rep = await as('sales_rep');

		// 1. The rep registers the customer with a contact.
		await rep.go('/content/customers/+');
		await rep.fill('客户名称', CUSTOMER);
		await rep.addRow('联系人', { 姓名: '赵经理', 职务: '采购经理', 电话: '13800000001' });
		await rep.shot('01-customer');
		const customer = await rep.create('customers');
		const contacts = await ok<any[]>('sales_rep', 'GET', `/items/contacts?filter[customer][_eq]=${customer.id}`);
		expect(contacts.map((c) => c.name)).toEqual(['赵经理']);

		// 2. A quote with two lines, submitted with 提交审批.
		await rep.go('/content/quotes/+');
		await rep.pick('客户', CUSTOMER);
		await enterLines(rep, '报价明细');
		await rep.shot('02-quote-new');
		const quote = await rep.create('quotes');
		await rep.open('quotes', quote.id);
		expect(await rep.badge()).toBe('草稿');
		expect(await rep.enabledLabels()).toEqual(expect.arrayContaining(['提交审批', '打印']));
		await expectLineAmounts(rep, '报价明细');
		await rep.page.locator('.sf-actions').scrollIntoViewIfNeeded();
		await rep.shot('03-quote-draft');
		expect(await rep.act('status:submitted', '04-quote-submit')).toContain('将提交给 刘洋 审批');
		expect(await rep.badge()).toBe('审批中');
		expect(await rep.enabledLabels()).not.toContain('提交审批');
		await expect.poll(() => rep.page.locator('.sf-actions [data-field=timeline]').innerText()).toContain('刘洋');
		await rep.shot('05-quote-pending');

		// 3. The manager approves it from the inbox panel of the cockpit, seeing the amount as money.
		await approveInInbox(quote.number, '06-approval-inbox');
		await rep.open('quotes', quote.id);
		expect(await rep.badge()).toBe('已批准');
		expect(await rep.enabledLabels()).toContain('发送客户');
		await rep.act('status:sent', '07-quote-send');
		expect(await rep.badge()).toBe('已发送');
		await rep.act('status:accepted', '08-quote-accepted');
		expect(await rep.badge()).toBe('已接受');

		// 4. The contract made from the quote (its lines, at its prices), approved and signed.
		await rep.go('/content/contracts/+');
		await rep.pick('客户', CUSTOMER);
		await rep.pick('报价单', quote.number);
		await rep.fill('合同标的', `工业控制设备（${quote.number}）`);
		await enterLines(rep, '合同明细');
		const contract = await rep.create('contracts');
		await rep.open('contracts', contract.id);
		expect(await rep.badge()).toBe('草稿');
		await rep.act('status:submitted', '09-contract-submit');
		expect(await rep.badge()).toBe('审批中');
		await approveOnPage('contracts', contract.id, '10-contract-approve');
		await rep.open('contracts', contract.id);
		expect(await rep.badge()).toBe('已批准');
		expect(await rep.enabledLabels()).toContain('签订合同');
		await rep.act('status:signed', '11-contract-sign');
		expect(await rep.badge()).toBe('已签署');

		// 5. The order under the contract, its lines as agreed; the customer wants a 普票 (no tax data yet).
		await rep.go('/content/sales_orders/+');
		await rep.pick('客户', CUSTOMER);
		await rep.pick('合同', contract.number);
		await rep.choose('发票类型', '增值税普通发票');
		await enterLines(rep, '订单明细');
		const order = await rep.create('sales_orders');
		await rep.open('sales_orders', order.id);
		expect(await rep.badge()).toBe('草稿');
		await expectLineAmounts(rep, '订单明细');
		await expectMoney(rep, '价税合计', TOTAL);
		await rep.act('status:submitted', '12-order-submit');
		expect(await rep.badge()).toBe('审批中');
		await rep.shot('13-order-pending');

		// 6. The manager approves it from the inbox; a first order's review steps approve on its page.
		await approveInInbox(order.number, '14-order-inbox');
		await approveOnPage('sales_orders', order.id, '15-order-approve');
		await rep.open('sales_orders', order.id);
		expect(await rep.badge()).toBe('已确认');
		expect(await rep.enabledLabels()).toContain('发货');
		await rep.shot('16-order-confirmed');

		// 7. 发货 opens a new delivery note: the order and the warehouse; its lines are what is left to deliver.
		await rep.page.locator('.sf-actions [data-action=deliver]').click();
		await rep.page.waitForURL((u) => u.pathname.endsWith('/content/shipments/+'));
		await rep.pick('销售订单', order.number);
		await rep.pick('仓库', 'WH-SH');
		await rep.shot('17-delivery-new');
		const note = await rep.create('shipments');
		await rep.open('shipments', note.id);
		expect(await rep.badge()).toBe('草稿');
		await rep.act('status:submitted', '18-delivery-submit');
		expect(await rep.badge()).toBe('已提交');
		expect(await rep.enabledLabels()).not.toContain('发货出库');

		// 8. The warehouse issues it with the action button; the confirmation lists the stock going out.
		const warehouse = await as('warehouse');
		await warehouse.open('shipments', note.id);
		expect(await warehouse.badge()).toBe('已提交');
		expect(await warehouse.enabledLabels()).toContain('发货出库');
		const out = await warehouse.act('status:issued', '19-delivery-issue');
		for (const l of LINES) expect(out).toContain(`${l.sku} × ${l.quantity}（WH-SH）`);
		expect(await warehouse.badge()).toBe('已出库');
		expect(await warehouse.enabledLabels()).not.toContain('发货出库');
		await warehouse.field('发货明细').scrollIntoViewIfNeeded();
		await warehouse.shot('20-delivery-issued');

		// 9. Finance drafts the invoice from the issued note, then issues it.
		const finance = await as('finance');
		await finance.open('shipments', note.id);
		expect(await finance.enabledLabels()).toContain('起草发票');
		await finance.act('draft_invoice', '21-invoice-draft');
		await finance.page.waitForURL((u) => /\/content\/invoices\/\d+$/.test(u.pathname));
		const invoice = finance.itemId();
		expect(await finance.badge()).toBe('草稿');
		expect(await finance.enabledLabels()).toContain('开票');
		await expectMoney(finance, '价税合计', TOTAL);
		await finance.act('issue_invoice', '22-invoice-issue');
		expect(await finance.badge()).toBe('已开具');
		expect(await finance.enabledLabels()).not.toContain('开票');
		await expectMoney(finance, '价税合计', TOTAL);
		await expectMoney(finance, '未收金额', TOTAL);
		await finance.field('价税合计').scrollIntoViewIfNeeded();
		await finance.shot('23-invoice-issued');

		// 10. Finance records the customer's payment and confirms it.
		await finance.go('/content/receipts/+');
		await finance.pick('客户', CUSTOMER);
		await finance.fill('收款金额', '36640.00');
		await finance.today('收款日期');
		await finance.fill('收款方式', '银行转账');
		const receipt = await finance.create('receipts');
		await finance.open('receipts', receipt.id);
		expect(await finance.badge()).toBe('草稿');
		await finance.act('status:confirmed', '24-receipt-confirm');
		expect(await finance.badge()).toBe('已确认');
		await expectMoney(finance, '收款金额', TOTAL);
		await finance.shot('25-receipt-confirmed');

		// Lists show money with the fen too.
		await finance.go('/content/invoices');
		const row = finance.page.locator('.table-row', { hasText: CUSTOMER }).first();
		await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain(TOTAL);
		await finance.shot('26-invoice-list');
		expect((await ok<any>('finance', 'GET', `/items/invoices/${invoice}`)).status).toBe('issued');

		expect([...apps.values()].flatMap((a) => a.problems)).toEqual([]);
	});
});
