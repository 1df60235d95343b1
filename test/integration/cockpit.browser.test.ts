// The Sales cockpit in a real browser: Debian's Chromium through playwright-core logs in to the
// data app as the sales manager, opens the Insights dashboard, checks every panel shows figures,
// reads the opportunity funnel of the pipeline panel against the report, and approves a quote from
// the inbox panel. Screenshots go to test/artifacts/ (git-ignored); the funnel's also to
// docs/screenshots/cockpit-funnel.png, the one the README shows.
// No Chromium means a failed test, never a skipped one.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { FUNNEL_STAGES, OPPORTUNITY_STAGE_LABELS } from '../../extensions/salesflow/src/domain/opportunities';
import { money } from '../../extensions/salesflow/src/panels/shared/format';
import { COCKPIT, COCKPIT_PANELS, dashboardId } from '../../schema/dashboard';
import { ok, url, userId } from './helpers';
import { quote, requestOf, submit } from './fixtures';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const DOC_SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Console output that comes from our bundle (served under /extensions/) or names our code. */
const ours = (text: string, source = '') =>
	/\/extensions\//.test(source) || /salesflow|sf-panel|panel-frame|PanelFrame|\/reports\/|\/approvals\//i.test(text);

let browser: Browser | undefined;
afterAll(async () => browser?.close());

describe('sales cockpit in the browser', () => {
	it('shows every panel with figures and approves a quote from the inbox', { timeout: 240_000 }, async () => {
		// A pending approval for the manager: a rep's quote, submitted.
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const request = await requestOf('quotes', q.id);
		expect(request.status).toBe('pending');

		mkdirSync(ARTIFACTS, { recursive: true });
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
		const page = await browser.newPage({ viewport: { width: 1600, height: 1200 }, locale: 'zh-CN' });
		const problems: string[] = [];
		const consoleLog: string[] = [];
		page.on('console', (m: ConsoleMessage) => {
			const where = m.location()?.url ?? '';
			consoleLog.push(`${m.type()}: ${m.text()} (${where})`);
			if ((m.type() === 'error' || (m.type() === 'warning' && m.text().includes('[Vue warn]'))) && ours(m.text(), where))
				problems.push(`console ${m.type()}: ${m.text()} (${where})`);
		});
		page.on('pageerror', (e) => {
			if (ours(`${e.message} ${e.stack ?? ''}`, e.stack ?? '')) problems.push(`page error: ${e.message}`);
		});
		page.on('response', (r) => {
			if (/\/(reports|approvals)\//.test(r.url()) && r.status() >= 400)
				problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
		});

		// Log in through the form.
		await page.goto(`${url()}/admin/login`);
		await page.locator('input[type=email]').fill('sales-manager@salesflow.example.com');
		await page.locator('input[type=password]').fill('salesflow-demo');
		await page.locator('button[type=submit]').click();
		await page.waitForURL((u) => !u.pathname.endsWith('/login'), { timeout: 60_000 });

		// The cockpit: every panel renders numbers — not an error, not empty.
		await page.goto(`${url()}/admin/insights/${dashboardId()}`);
		await page.getByText(COCKPIT.name).first().waitFor({ timeout: 60_000 });
		for (const p of COCKPIT_PANELS) {
			const panel = page.locator(`.sf-panel[data-report="${p.key}"]`);
			await panel.waitFor({ state: 'attached', timeout: 60_000 });
			await expect
				.poll(() => panel.getAttribute('data-state'), { timeout: 30_000, message: `${p.key} finished loading` })
				.not.toBe('loading');
			const state = await panel.getAttribute('data-state');
			const text = (await panel.innerText()).trim();
			expect(state, `${p.key}: ${text.slice(0, 200)}`).toBe('ready');
			expect(text, p.key).toMatch(/\d/);
		}
		// The chart's bars are drawn once the panel has laid itself out (a frame later on a busy machine).
		await expect.poll(() => page.locator('.sf-panel[data-report="sales-trend"] svg rect').count(), { timeout: 30_000 }).toBeGreaterThan(0);
		await page.waitForTimeout(500);
		await page.screenshot({ path: `${ARTIFACTS}/cockpit.png`, fullPage: true });

		// The pipeline panel's funnel: each stage's name, count, amount and weighted amount as the report
		// has them, and the conversion from stage to stage; lost stands aside.
		const pipeline = await ok<any>('sales_manager', 'GET', '/reports/pipeline');
		const funnel = page.locator('.sf-panel[data-report="pipeline"] [data-figure="funnel"]');
		await funnel.scrollIntoViewIfNeeded();
		for (const stage of [...FUNNEL_STAGES, 'lost' as const]) {
			const figures = pipeline.opportunities.by_stage.find((s: any) => s.stage === stage);
			const row = funnel.locator(`.stage[data-stage="${stage}"]`);
			expect(await row.innerText(), stage).toContain(OPPORTUNITY_STAGE_LABELS[stage].zh);
			expect(await row.locator('[data-figure=count]').innerText(), stage).toBe(String(figures.count));
			expect(await row.locator('[data-figure=amount]').innerText(), stage).toBe(money(figures.amount));
			if (stage !== 'lost') expect(await row.locator('[data-figure=weighted]').innerText(), stage).toBe(money(figures.weighted));
		}
		expect(pipeline.opportunities.conversion).toHaveLength(FUNNEL_STAGES.length - 1);
		for (const c of pipeline.opportunities.conversion) {
			const text = await funnel.locator(`.conversion[data-from="${c.from}"][data-to="${c.to}"]`).innerText();
			expect(text).toContain(`${c.rate}%`);
			expect(text).toContain(`(${c.converted}/${c.reached})`);
		}
		mkdirSync(DOC_SCREENSHOTS, { recursive: true });
		await page.locator('.sf-panel[data-report="pipeline"]').screenshot({ path: `${DOC_SCREENSHOTS}/cockpit-funnel.png` });

		// Approve the quote from the inbox panel; reject waits for a comment.
		const entry = page.locator(`.sf-panel[data-report="approvals-inbox"] .entry[data-document="${q.number}"]`);
		await entry.scrollIntoViewIfNeeded();
		await expect.poll(() => entry.locator('[data-action=reject]').isDisabled()).toBe(true);
		await entry.locator('textarea[data-field=comment]').fill('同意（浏览器测试） / Approved in the browser');
		await expect.poll(() => entry.locator('[data-action=reject]').isDisabled()).toBe(false);
		await page.screenshot({ path: `${ARTIFACTS}/cockpit-inbox-before.png` });
		await entry.locator('[data-action=approve]').click();
		await entry.waitFor({ state: 'detached', timeout: 30_000 });
		await expect.poll(() => page.locator('.sf-panel[data-report="approvals-inbox"] .done').innerText()).toContain(q.number);
		await page.screenshot({ path: `${ARTIFACTS}/cockpit-after-approve.png` });

		const decided = await requestOf('quotes', q.id);
		expect(decided.status).toBe('approved');
		expect(decided.steps.find((s: any) => s.status === 'approved')).toMatchObject({
			decided_by: userId('sales_manager'),
			comment: '同意（浏览器测试） / Approved in the browser',
		});
		expect((await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');

		expect(problems, `browser console:\n${consoleLog.join('\n')}`).toEqual([]);
	});
});
