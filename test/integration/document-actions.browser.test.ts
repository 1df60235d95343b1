// The document actions in a real browser (issue #17): the rep opens a draft quote in the data app, sees
// its status and the move 提交审批 at the top of the form, confirms the
// move and finds the quote pending approval with its approval step shown. Screenshots go to test/artifacts/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ok, url } from './helpers';
import { quote, requestOf } from './fixtures';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'];

let browser: Browser | undefined;
afterAll(async () => browser?.close());

describe('document actions in the browser', () => {
	it('the rep submits a quote with the action button', { timeout: 240_000 }, async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);
		mkdirSync(ARTIFACTS, { recursive: true });
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
		const page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, locale: 'zh-CN' });
		const problems: string[] = [];
		page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
		page.on('response', (r) => {
			if (/\/documents\//.test(r.url()) && r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
		});

		await page.goto(`${url()}/admin/login`);
		await page.locator('input[type=email]').fill('sales-rep@salesflow.example.com');
		await page.locator('input[type=password]').fill('salesflow-demo');
		await page.locator('button[type=submit]').click();
		await page.waitForURL((u) => !u.pathname.endsWith('/login'), { timeout: 60_000 });

		await page.goto(`${url()}/admin/content/quotes/${q.id}`);
		const panel = page.locator('.sf-actions');
		await panel.waitFor({ timeout: 60_000 });
		await expect.poll(() => panel.locator('[data-field=status-badge]').innerText(), { timeout: 30_000 }).toBe('草稿');
		const submit = panel.locator('[data-action="status:submitted"]');
		await submit.waitFor({ timeout: 30_000 });
		expect((await submit.innerText()).trim()).toBe('提交审批');
		expect(await submit.isDisabled()).toBe(false);
		await page.screenshot({ path: `${ARTIFACTS}/document-actions-draft.png` });

		await submit.click();
		const confirm = page.locator('[data-field=confirm]');
		await confirm.waitFor({ timeout: 30_000 });
		expect(await confirm.innerText()).toContain('将提交给 刘洋 审批');
		await page.screenshot({ path: `${ARTIFACTS}/document-actions-confirm.png` });
		await page.locator('[data-action=confirm]').click();

		await expect.poll(() => page.locator('.sf-actions [data-field=status-badge]').innerText(), { timeout: 60_000 }).toBe('审批中');
		await expect.poll(() => page.locator('.sf-actions [data-field=result]').innerText(), { timeout: 30_000 }).toContain('提交审批');
		await page.locator('.sf-actions [data-field=timeline]').waitFor({ timeout: 30_000 });
		expect(await page.locator('.sf-actions [data-field=timeline]').innerText()).toContain('刘洋');
		await page.screenshot({ path: `${ARTIFACTS}/document-actions-submitted.png` });

		expect((await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}`)).status).toBe('pending_approval');
		expect((await requestOf('quotes', q.id)).status).toBe('pending');
		expect(problems).toEqual([]);
	});
});
