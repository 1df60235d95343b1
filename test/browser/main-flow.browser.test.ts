// The main flow by clicking in the data app (issue #17), as the demo users in zh-CN on a fresh
// database: the rep registers a customer with a contact and quotes two lines; the manager approves
// from the inbox panel; the rep sends the quote, records the customer's acceptance and makes the
// contract from it, which its approvers approve on its page and the rep signs. Every status move is
// a click on the document's action buttons; each step asserts what the screen shows (status badge,
// actions offered, confirmation, money as ¥ with thousands separators). Order, delivery, invoice and
// receipt are not clicked through yet. Screenshots of each step go to test/artifacts/main-flow-*.png.
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { dashboardId } from '../../schema/dashboard';
import { approversMap, requestOf } from '../integration/fixtures';
import { ok } from '../integration/helpers';
import { DataApp, launch } from './data-app';

const TAG = Date.now().toString(36).toUpperCase();
const CUSTOMER = `浏览器测试客户${TAG}有限公司`;
// Two lines at list price (no special-discount approval): 2 × 12,800 + 3 × 3,680 = 36,640. A lines
// table shows unit price then amount, as money (whole yuan without fen).
const LINES = [
	{ sku: 'SKU-001', quantity: '2', price: '12800.00', total: '¥12,800\n¥25,600' },
	{ sku: 'SKU-002', quantity: '3', price: '3680.00', total: '¥3,680\n¥11,040' },
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
	it('customer → quote → approval → contract signed', { timeout: 1_200_000 }, async () => {
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
		const manager = await as('sales_manager');
		await manager.go(`/insights/${dashboardId()}`);
		const entry = manager.page.locator(`.sf-panel[data-report="approvals-inbox"] .entry[data-document="${quote.number}"]`);
		await entry.waitFor({ timeout: 60_000 });
		await entry.scrollIntoViewIfNeeded();
		expect(await entry.locator('.amount').innerText()).toBe(TOTAL);
		expect(await entry.innerText()).toContain(CUSTOMER);
		await manager.shot('06-approval-inbox');
		await entry.locator('[data-action=approve]').click();
		await entry.waitFor({ state: 'detached', timeout: 60_000 });
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

		expect([...apps.values()].flatMap((a) => a.problems)).toEqual([]);
	});
});
