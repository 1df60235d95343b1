// Driving the Directus data app as a demo user (Debian's Chromium through playwright-core): log in
// through the form, open a document, read its status badge and the actions offered, make a move with
// its confirmation, fill form fields by their labels. Screenshots go to test/artifacts/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../../seed/users';
import { env, url } from '../integration/helpers';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'];
const WAIT = { timeout: 60_000 };

export async function launch(): Promise<Browser> {
	mkdirSync(ARTIFACTS, { recursive: true });
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

/** One logged-in page per demo user, in its own browser context (own cookies), zh-CN. */
export class DataApp {
	readonly problems: string[] = [];
	private constructor(
		readonly user: string,
		readonly context: BrowserContext,
		readonly page: Page,
	) {}

	static async login(browser: Browser, user: string): Promise<DataApp> {
		const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
		const page = await context.newPage();
		// A form renders in stages on a busy machine (fields, then permissions, then values).
		page.setDefaultTimeout(90_000);
		const app = new DataApp(user, context, page);
		page.on('pageerror', (e) => app.problems.push(`${user} page error: ${e.message}`));
		// Our routes must not fail under the buttons (a refusal shows as a reason, not a 4xx/5xx).
		page.on('response', (r) => {
			if (/\/(documents|approvals|invoicing)\//.test(r.url()) && r.status() >= 400)
				app.problems.push(`${user} HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
		});
		const email = DEMO_USERS.find((u) => u.key === user)!.email;
		await page.goto(`${url()}/admin/login`);
		await page.locator('input[type=email]').fill(email);
		await page.locator('input[type=password]').fill(env().DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT);
		await page.locator('button[type=submit]').click();
		await page.waitForURL((u) => !u.pathname.endsWith('/login'), WAIT);
		return app;
	}

	async shot(name: string) {
		await this.page.waitForTimeout(300);
		await this.page.screenshot({ path: `${ARTIFACTS}/main-flow-${name}.png` });
	}

	async go(path: string) {
		await this.page.goto(`${url()}/admin${path}`);
		await this.page.waitForLoadState('networkidle');
	}

	/** A document's item page, once its actions panel has loaded (the badge shows the status). */
	async open(collection: string, id: number | string) {
		await this.go(`/content/${collection}/${id}`);
		await this.actionsLoaded();
	}

	private async actionsLoaded() {
		const panel = this.page.locator('.sf-actions');
		await panel.waitFor(WAIT);
		// The bar shows … while it asks for the actions (a confirmed receipt offers none, not even print).
		await panel.locator('.bar').waitFor(WAIT);
		await expect.poll(() => panel.locator('.bar > .sf-muted').count(), WAIT).toBe(0);
	}

	private resultText(): Promise<string> {
		return this.page
			.locator('.sf-actions [data-field=result]')
			.innerText({ timeout: 1000 })
			.catch(() => '');
	}

	badge() {
		return this.page.locator('.sf-actions [data-field=status-badge]').innerText();
	}

	/** The moves the panel offers: label, and whether it can be made now. */
	async offered(): Promise<Array<{ key: string; label: string; enabled: boolean }>> {
		const buttons = this.page.locator('.sf-actions .bar button[data-action]');
		const out = [];
		for (const b of await buttons.all())
			out.push({ key: (await b.getAttribute('data-action'))!, label: (await b.innerText()).trim(), enabled: !(await b.isDisabled()) });
		return out;
	}

	/** The labels of the moves that can be made now. */
	async enabledLabels(): Promise<string[]> {
		return (await this.offered()).filter((a) => a.enabled).map((a) => a.label);
	}

	/**
	 * Clicks the action `key` (e.g. `status:submitted`, `approve`, `issue_invoice`), screenshots the
	 * confirmation and confirms; returns the confirmation's text once the reloaded page says it is done.
	 */
	async act(key: string, shot: string): Promise<string> {
		await this.page.locator(`.sf-actions [data-action="${key}"]`).click();
		const confirm = this.page.locator('[data-field=confirm]');
		await confirm.waitFor(WAIT);
		const text = await confirm.innerText();
		await this.shot(`${shot}-confirm`);
		const before = await this.resultText();
		await this.page.locator('[data-action=confirm]').click();
		// Done: the page reloads and says so; refused: the reason shows in place (no reload).
		let seen = '';
		await expect
			.poll(async () => {
				seen = await this.resultText();
				return seen !== before ? seen : '';
			}, WAIT)
			.toMatch(/\S/);
		expect(seen).toContain('已完成');
		await this.actionsLoaded();
		return text;
	}

	/** A form field by its exact (zh-CN) label, in the page or in a drawer. */
	field(label: string, scope: Locator | Page = this.page): Locator {
		const name = this.page.locator('.field-label .v-text-overflow', { hasText: new RegExp(`^\\s*${label}\\s*$`) });
		return scope.locator('.field').filter({ has: name }).first();
	}

	async fill(label: string, value: string, scope: Locator | Page = this.page) {
		await this.field(label, scope).locator('input, textarea').first().fill(value);
	}

	/** Chooses `option` in a dropdown field (a select's menu). */
	async choose(label: string, option: string) {
		await this.field(label).locator('.v-input').first().click();
		await this.page.locator('.v-menu-content .v-list-item', { hasText: option }).first().click();
	}

	/** Sets a date field to today with its picker's 设置为现在 (set to now). */
	async today(label: string) {
		await this.field(label).locator('.interface').first().click();
		await this.page.getByText('设置为现在', { exact: true }).first().click();
		await this.page.keyboard.press('Escape');
		await expect.poll(() => this.field(label).locator('.interface').innerText(), WAIT).toMatch(/\d/);
	}

	/** The id of the item the page shows (after an action opened a new document). */
	itemId(): number {
		return Number(new URL(this.page.url()).pathname.split('/').pop());
	}

	/** The drawer on top (a relation's list or a new related row). */
	private drawer(): Locator {
		return this.page.locator('.v-drawer').last();
	}

	/** Chooses the row showing `text` in a many-to-one field's selection drawer. */
	async pick(label: string, text: string, scope: Locator | Page = this.page) {
		const drawers = await this.page.locator('.v-drawer').count();
		await this.field(label, scope).locator('.v-list-item, input').first().click();
		await expect.poll(() => this.page.locator('.v-drawer').count(), WAIT).toBe(drawers + 1);
		const drawer = this.drawer();
		// Some roles' lists do not show the text (finance's customers show codes): search for it then.
		await drawer.locator('.table-row').first().waitFor(WAIT);
		const shown = drawer.locator('.table-row', { hasText: text }).first();
		if (await shown.count()) await shown.click();
		else {
			await this.search(drawer, text);
			await drawer.locator('.table-row').first().click();
		}
		// A single choice closes the drawer in some versions; otherwise its check button confirms it.
		await this.page.waitForTimeout(300);
		if ((await this.page.locator('.v-drawer').count()) > drawers) await drawer.locator('button:has(i[data-icon=check])').first().click();
		await expect.poll(() => this.page.locator('.v-drawer').count(), WAIT).toBe(drawers);
	}

	/** Searches a drawer's list for `text` until one row is left. */
	private async search(drawer: Locator, text: string) {
		await drawer.locator('.search-input').first().click();
		await drawer.locator('.search-input input').first().fill(text);
		await expect.poll(() => drawer.locator('.table-row').count(), WAIT).toBe(1);
	}

	/**
	 * Adds a row to a one-to-many field (contacts, lines) through its drawer: text fields by label,
	 * and relations (`{ pick: text }`) chosen from their lists.
	 */
	async addRow(label: string, values: Record<string, string | { pick: string }>) {
		const drawers = await this.page.locator('.v-drawer').count();
		await this.field(label).locator('button:has(i[data-icon=add])').first().click();
		await expect.poll(() => this.page.locator('.v-drawer').count(), WAIT).toBe(drawers + 1);
		const drawer = this.drawer();
		for (const [name, value] of Object.entries(values)) {
			if (typeof value === 'string') await this.fill(name, value, drawer);
			else await this.pick(name, value.pick, drawer);
		}
		await drawer.locator('button:has(i[data-icon=check])').first().click();
		await expect.poll(() => this.page.locator('.v-drawer').count(), WAIT).toBe(drawers);
	}

	/** Creates the item the form holds with the header's save button; returns the new item. */
	async create(collection: string): Promise<any> {
		const [res] = await Promise.all([
			this.page.waitForResponse((r) => new URL(r.url()).pathname === `/items/${collection}` && r.request().method() === 'POST', WAIT),
			this.page.locator('header button:has(i[data-icon=check])').first().click(),
		]);
		expect(res.status(), await res.text()).toBe(200);
		return (await res.json()).data;
	}
}
