// Printed documents (#18): GET /print/:collection/:id gives the zh-CN page staff print for signature and
// seal, ?format=pdf the same as a PDF whose Chinese text is real text (read back here with pdfjs). Every
// printable collection prints with its number, customer, amount in capitals and QR code; drafts carry
// the 草稿 watermark, approved documents their approval trail; another rep prints nothing of yours. The
// page is also opened in Chromium (screenshots in test/artifacts/, copied to docs/screenshots/).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	approveAll,
	approversMap,
	confirmedOrder,
	issuedNote,
	quote,
	registeredCustomer,
	signedContract,
	stockedProduct,
	submit,
} from './fixtures';
import { ok, tokenFor, url } from './helpers';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** A raw GET for non-JSON answers. */
async function fetchPrint(key: string, path: string) {
	const res = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${await tokenFor(key)}` } });
	const bytes = Buffer.from(await res.arrayBuffer());
	return { status: res.status, type: res.headers.get('content-type'), bytes, body: bytes.toString('utf8') };
}

/** The text of every page of a PDF, as pdfjs extracts it (what a reader selects and copies). */
async function pdfText(bytes: Buffer): Promise<string> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
	let text = '';
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		text += `${content.items.map((item) => ('str' in item ? item.str : '')).join('')}\n`;
	}
	return text;
}

// A 1×1 PNG, standing in for the company's logo and seal.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function uploadImage(title: string): Promise<string> {
	const form = new FormData();
	form.append('title', title);
	form.append('file', new Blob([PNG], { type: 'image/png' }), `${title}.png`);
	const res = await fetch(`${url()}/files`, {
		method: 'POST',
		headers: { authorization: `Bearer ${await tokenFor('admin')}` },
		body: form,
	});
	expect(res.status).toBe(200);
	return ((await res.json()) as { data: { id: string } }).data.id;
}

const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const docs: Record<string, any> = {};
let customer: any;

beforeAll(async () => {
	customer = await registeredCustomer('sales_rep', {
		name: `打印测试客户${tag}有限公司`,
		grade: 'B',
		tax_id: '91310000MA1FL0PR1N',
		invoice_title: `打印测试客户${tag}有限公司`,
		address_phone: '上海市闵行区测试路8号 021-87654321',
		bank_account: '工商银行上海分行 1001234509876543210',
		payment_terms_days: 30,
		contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
	});
	const { product, warehouse } = await stockedProduct(50, 'WH-SH', '95.00');
	const line = (quantity: string, unit_price: string) => [{ sku: product.sku, quantity, unit_price }];
	// 2 × 1,210.51 = 2,421.02: 贰仟肆佰贰拾壹元零贰分.
	docs.draftQuote = await quote('sales_rep', line('2', '1210.51'), customer.id);
	docs.quote = await quote('sales_rep', line('1', '190.00'), customer.id);
	await submit('sales_rep', 'quotes', docs.quote.id);
	await approveAll('quotes', docs.quote.id, approversMap());
	docs.contract = await signedContract('sales_rep', customer.id, { amount: '100111.11' });
	docs.order = await confirmedOrder('sales_rep', line('2', '190.00'), { customer: customer.id, contract: docs.contract.id });
	docs.shipment = await issuedNote('sales_rep', docs.order.id, warehouse.id);
	docs.invoice = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_special', shipments: [docs.shipment.id] });
	const request = await ok<any>('sales_rep', 'POST', '/items/return_requests', {
		shipment: docs.shipment.id,
		reason: '包装破损',
		lines: [{ shipment_line: docs.shipment.lines[0].id, quantity: '1' }],
	});
	await submit('sales_rep', 'return_requests', request.id);
	await approveAll('return_requests', request.id, approversMap());
	docs.return = (await ok<any[]>('warehouse', 'GET', `/items/returns?filter[return_request][_eq]=${request.id}`))[0];
	const period = new Date().toISOString().slice(0, 7);
	[docs.statement] = await ok<any[]>('sales_rep', 'POST', '/reconciliation/statements', { period, customers: [customer.id] });
});

describe('GET /print/:collection/:id', () => {
	const cases: Array<[string, string, string, string]> = [
		['quotes', 'quote', '报价单', '壹佰玖拾元整'],
		['contracts', 'contract', '销售合同', '壹拾万零壹佰壹拾壹元壹角壹分'],
		['sales_orders', 'order', '销售订单', '叁佰捌拾元整'],
		['shipments', 'shipment', '送货单', '叁佰捌拾元整'],
		['returns', 'return', '退货单', '壹佰玖拾元整'],
		['invoices', 'invoice', '开票申请单', '叁佰捌拾元整'],
		['statements', 'statement', '客户对账单', '零元整'],
	];

	it.each(cases)(
		'%s print as a zh-CN page with number, customer, amount in capitals and QR code',
		async (collection, key, title, words) => {
			const doc = docs[key];
			const page = await fetchPrint('sales_rep', `/print/${collection}/${doc.id}`);
			expect(page.status, page.body.slice(0, 300)).toBe(200);
			expect(page.type).toBe('text/html; charset=utf-8');
			expect(page.body).toMatch(/^<!DOCTYPE html>/);
			for (const text of [title, doc.number, customer.name, '上海示例自动化科技有限公司', '人民币大写', words, '@page', '<thead>'])
				expect(page.body, text).toContain(text);
			expect(page.body).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
			// Only drafts carry the watermark.
			const { status } = await ok<any>('admin', 'GET', `/items/${collection}/${doc.id}?fields=status`);
			expect(page.body.includes('class="watermark"'), `${collection} ${status}`).toBe(status === 'draft');
		},
	);

	it('a draft quote prints with the 草稿 watermark and its amount in capitals', async () => {
		const page = await fetchPrint('sales_rep', `/print/quotes/${docs.draftQuote.id}`);
		expect(page.body).toContain('<div class="watermark">草稿</div>');
		expect(page.body).toContain('贰仟肆佰贰拾壹元零贰分');
		expect(page.body).toContain('¥2,421.02');
		expect(page.body).not.toContain('审批记录');
	});

	it('an approved quote shows its approval trail: approver, decision and time', async () => {
		const page = await fetchPrint('sales_rep', `/print/quotes/${docs.quote.id}`);
		expect(page.body).toContain('审批记录');
		expect(page.body).toMatch(
			/<td class="left">销售经理<\/td><td class="left">[^<]+<\/td><td class="center">同意<\/td><td class="center">\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/td>/,
		);
	});

	it('the delivery note has the customer receipt block', async () => {
		const page = await fetchPrint('sales_rep', `/print/shipments/${docs.shipment.id}`);
		for (const text of ['客户签收', '收货人签字', '收货日期', '收货单位盖章', docs.order.number]) expect(page.body, text).toContain(text);
	});

	it('?format=pdf gives the same document as a PDF with selectable Chinese text', async () => {
		const pdf = await fetchPrint('sales_rep', `/print/quotes/${docs.draftQuote.id}?format=pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.type).toBe('application/pdf');
		expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const text = (await pdfText(pdf.bytes)).replace(/\s+/g, '');
		for (const t of [docs.draftQuote.number, customer.name, '报价单', '贰仟肆佰贰拾壹元零贰分', '¥2,421.02', '草稿'])
			expect(text, t).toContain(t);
		// The font is embedded as a subset (not pictures of text, not the whole font).
		expect(pdf.body).toMatch(/\/FontFile2/);
		expect(pdf.bytes.length).toBeLessThan(300_000);
	});

	it('concurrent PDFs all answer (queued, at most two rendering at once)', async () => {
		const all = await Promise.all(
			Array.from({ length: 6 }, () => fetchPrint('sales_rep', `/print/shipments/${docs.shipment.id}?format=pdf`)),
		);
		for (const pdf of all) expect([pdf.status, pdf.bytes.subarray(0, 5).toString('latin1')]).toEqual([200, '%PDF-']);
		expect((await pdfText(all[0]!.bytes)).replace(/\s+/g, '')).toContain('收货人签字');
	});

	it('another rep prints nothing of yours; the manager prints it', async () => {
		for (const [collection, key] of cases.map(([c, k]) => [c, k] as const)) {
			const other = await fetchPrint('sales_rep_2', `/print/${collection}/${docs[key].id}`);
			expect([403, 404], `${collection} as sales_rep_2`).toContain(other.status);
			expect(other.body).not.toContain(customer.name);
			expect((await fetchPrint('sales_rep_2', `/print/${collection}/${docs[key].id}?format=pdf`)).status).toBe(other.status);
		}
		expect((await fetchPrint('sales_manager', `/print/contracts/${docs.contract.id}`)).status).toBe(200);
	});

	it('refuses what does not print, ids that are not ids and unknown formats', async () => {
		expect((await fetchPrint('sales_rep', `/print/customers/${customer.id}`)).status).toBe(404);
		expect((await fetchPrint('sales_rep', '/print/quotes/99999999')).status).toBe(404);
		expect((await fetchPrint('sales_rep', '/print/quotes/abc')).status).toBe(400);
		expect((await fetchPrint('sales_rep', `/print/quotes/${docs.quote.id}?format=docx`)).status).toBe(400);
	});

	it('the statement print route renders the same page', async () => {
		const old = await fetchPrint('sales_rep', `/reconciliation/statements/${docs.statement.id}/print`);
		const shared = await fetchPrint('sales_rep', `/print/statements/${docs.statement.id}`);
		expect(old.status).toBe(200);
		// Identical but for the printing time.
		const strip = (s: string) => s.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '');
		expect(strip(old.body)).toBe(strip(shared.body));
	});
});

describe('letterhead from the settings', () => {
	let before: any;
	beforeAll(async () => {
		before = await ok<any>('admin', 'GET', '/items/salesflow_settings');
		await ok('admin', 'PATCH', '/items/salesflow_settings', {
			logo: await uploadImage('logo'),
			seal: await uploadImage('seal'),
			company_address_phone: '上海市浦东新区示例路1号 021-12345678',
		});
	});
	afterAll(async () => {
		await ok('admin', 'PATCH', '/items/salesflow_settings', {
			logo: before.logo,
			seal: before.seal,
			company_address_phone: before.company_address_phone,
		});
	});

	it('prints the logo, the address and (not on drafts) the seal', async () => {
		const approved = await fetchPrint('sales_rep', `/print/quotes/${docs.quote.id}`);
		expect(approved.body).toContain('<img class="logo" src="data:image/png;base64,');
		expect(approved.body).toContain('<img class="seal" src="data:image/png;base64,');
		expect(approved.body).toContain('上海市浦东新区示例路1号 021-12345678');
		const draft = await fetchPrint('sales_rep', `/print/quotes/${docs.draftQuote.id}`);
		expect(draft.body).toContain('<img class="logo"');
		expect(draft.body).not.toContain('<img class="seal"');
		const pdf = await fetchPrint('sales_rep', `/print/quotes/${docs.quote.id}?format=pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.body).toMatch(/\/Subtype \/Image/);
		expect((await pdfText(pdf.bytes)).replace(/\s+/g, '')).toContain('上海市浦东新区示例路1号021-12345678');
	});
});

describe('the printed page in a browser', () => {
	let browser: Browser | undefined;
	afterAll(async () => browser?.close());

	it('renders the quote and the delivery note on A4 with Chinese text and a readable QR code', { timeout: 120_000 }, async () => {
		mkdirSync(ARTIFACTS, { recursive: true });
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
		const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, locale: 'zh-CN' });
		await page.setExtraHTTPHeaders({ authorization: `Bearer ${await tokenFor('sales_rep')}` });
		for (const [collection, key, title] of [
			['quotes', 'quote', '报价单'],
			['shipments', 'shipment', '送货单'],
		] as const) {
			await page.goto(`${url()}/print/${collection}/${docs[key].id}`);
			expect(await page.locator('h1').innerText()).toBe(title);
			// The QR code and the seal/logo images decoded; the capitals and the signature block are laid out.
			expect(await page.locator('img.qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
			await expect.poll(() => page.getByText('人民币大写').count()).toBeGreaterThan(0);
			await page.screenshot({ path: resolve(ARTIFACTS, `print-${collection}.png`), fullPage: true });
			// Printing to A4 gives whole pages (the layout's @page rule).
			const pdf = await page.pdf({ preferCSSPageSize: true });
			expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		}
	});
});
