import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRINTABLE, type PrintSource, type Printable, printableOf } from './documents';
import { escapeHtml, renderHtml } from './html';
import { groupThousands, percent, quantity, yuan } from './model';
import { renderPdf } from './pdf';
import { qrMatrix, qrRuns, qrSvg } from './qr';

const FONT = readFileSync(new URL('../../../assets/fonts/SalesflowSans.ttf', import.meta.url));

const line = (i: number) => ({
	sku: `SKU-${i}`,
	name: '伺服电机',
	spec: '400W',
	unit: '台',
	quantity: '2',
	unit_price: '1210.51',
	tax_rate: '0.13',
	amount_excl: '2142.50',
	tax: '278.52',
	total: '2421.02',
});

function source(collection: Printable, over: Partial<PrintSource> = {}): PrintSource {
	return {
		collection,
		doc: {
			number: 'QT-2026-000123',
			status: 'approved',
			total: '2421.02',
			amount: '2421.02',
			quote_date: '2026-12-01',
			valid_until: '2026-12-31',
		},
		statusLabel: '已批准',
		customer: {
			name: '上海测试客户有限公司',
			code: 'C001',
			tax_id: '91310000MA1FL0PR1N',
			contact: { name: '王经理', phone: '13800000000' },
		},
		lines: [line(1)],
		refs: { owner: '张三', order: 'SO-2026-000001', warehouse: 'WH-SH 上海仓', return_request: 'RR-2026-000001', reason: '包装破损' },
		labels: { type: '增值税专用发票' },
		approvals: [],
		company: { name: '上海示例自动化科技有限公司', tax_id: '91310000000000000X', address_phone: '上海市 021-12345678', bank_account: null },
		printedAt: '2026-12-03 18:00',
		statement:
			collection === 'statements'
				? {
						period: '2026-11',
						start: '2026-11-01',
						end: '2026-11-30',
						figures: { opening: '100.00', shipped: '2421.02', invoiced: '2421.02', red: '0.00', received: '100.00', closing: '2421.02' },
						movements: [{ date: '2026-11-05', kind: 'invoice', number: 'INV-2026-000001', amount: '2421.02', balance: '2521.02' }],
					}
				: undefined,
		...over,
	};
}

describe('model helpers', () => {
	it.each([
		['0', '0'],
		['999.50', '999.50'],
		['1234.5', '1,234.5'],
		['-1234567.89', '-1,234,567.89'],
		['not a number', 'not a number'],
	])('groupThousands(%s) = %s', (v, out) => expect(groupThousands(v)).toBe(out));

	it('prints amounts, quantities and rates without floating point', () => {
		expect([yuan('2421.02'), yuan(0.1 + 0.2), yuan(null), quantity('2.500'), quantity('3'), percent('0.13'), percent('0.0650')]).toEqual([
			'¥2,421.02',
			'¥0.30',
			'',
			'2.5',
			'3',
			'13%',
			'6.5%',
		]);
	});
});

describe('printableOf', () => {
	it.each(PRINTABLE)('%s: title, number, customer, lines and amount in capitals', (collection) => {
		const d = printableOf(source(collection));
		expect(d.number).toBe('QT-2026-000123');
		expect(d.title).toMatch(/单|合同/);
		expect(JSON.stringify(d.party)).toContain('上海测试客户有限公司');
		expect(d.amount?.words).toBe('贰仟肆佰贰拾壹元零贰分');
		expect(d.amount?.figures).toBe('¥2,421.02');
		expect(d.tables.length).toBeGreaterThan(0);
		expect(d.draft).toBe(false);
		expect(d.signatures.some((s) => s.companySeal)).toBe(true);
	});

	it('goods tables total the line amounts (delivery lines computed from quantity × price)', () => {
		const lines = [
			{ ...line(1), total: undefined },
			{ ...line(2), quantity: '1.5', unit_price: '0.07', total: undefined },
		];
		const d = printableOf(source('shipments', { lines }));
		const [table] = d.tables;
		expect(table!.rows.map((r) => r.at(-1))).toEqual(['¥2,421.02', '¥0.11']);
		expect(table!.foot[0]!.at(-1)).toBe('¥2,421.13');
		expect(d.amount).toEqual({ label: '货物金额（含税）', figures: '¥2,421.13', words: '贰仟肆佰贰拾壹元壹角叁分' });
		expect(d.signatures.map((s) => s.title)).toEqual(['发货单位：上海示例自动化科技有限公司', '客户签收：上海测试客户有限公司']);
		expect(d.signatures[1]!.lines.map((l) => l.label)).toContain('收货人签字');
	});

	it('a draft is marked; a red invoice request prints its negative amount', () => {
		expect(printableOf(source('quotes', { doc: { number: 'QT-1', status: 'draft', total: '190' } })).draft).toBe(true);
		const red = printableOf(source('invoices', { doc: { number: 'INV-1', status: 'draft', direction: 'red', total: '-190.00' } }));
		expect(red.title).toBe('红字发票申请单');
		expect(red.amount).toMatchObject({ figures: '¥-190.00', words: '负壹佰玖拾元整' });
	});

	it('a framework contract (no lines) prints its amount and says it is a framework', () => {
		const d = printableOf(source('contracts', { lines: [], doc: { number: 'CT-1', status: 'signed', amount: '100111.11' } }));
		expect(d.tables).toEqual([]);
		expect(d.amount?.words).toBe('壹拾万零壹佰壹拾壹元壹角壹分');
		expect(d.notes.join()).toContain('框架合同');
	});

	it('a statement prints its summary, movements and closing balance', () => {
		const d = printableOf(source('statements'));
		expect(d.tables.map((t) => t.title)).toEqual(['一、本期汇总（单位：人民币元）', '二、本期明细']);
		expect(d.tables[1]!.rows[0]).toEqual(['1', '2026-11-05', '开票', 'INV-2026-000001', '¥2,421.02', '¥2,521.02']);
		expect(d.amount?.label).toBe('期末应收余额');
	});

	it('fields without a value are left out', () => {
		const d = printableOf(source('quotes', { customer: { name: '客户甲' } }));
		expect(d.party).toEqual([{ label: '客户名称', value: '客户甲' }]);
	});
});

describe('qr', () => {
	it('encodes a document number as a square matrix drawn in runs', () => {
		const m = qrMatrix('SO-2026-000123');
		expect(m.length).toBe(m[0]!.length);
		expect(m.length).toBeGreaterThanOrEqual(21);
		// The finder pattern's top row: 7 dark modules from the corner.
		expect(m[0]!.slice(0, 7)).toEqual(Array(7).fill(true));
		const runs = qrRuns(m);
		expect(runs.reduce((s, [, , n]) => s + n, 0)).toBe(m.flat().filter(Boolean).length);
		expect(qrSvg('SO-2026-000123')).toMatch(/^<svg [^>]+viewBox="0 0 \d+ \d+"/);
	});
});

describe('renderHtml', () => {
	it('lays out a print-ready page: A4, repeated table headers, QR, escaping', () => {
		const html = renderHtml(printableOf(source('quotes', { customer: { name: '<script>x</script>公司' } })));
		expect(html).toContain('@page { size: A4;');
		expect(html).toContain('thead { display: table-header-group; }');
		expect(html).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,/);
		expect(html).toContain(escapeHtml('<script>x</script>公司'));
		expect(html).not.toContain('<script>');
		expect(html).toContain('人民币大写：<span class="words">贰仟肆佰贰拾壹元零贰分</span>');
		expect(html).not.toContain('watermark">');
	});

	it('puts the watermark on drafts and the seal only on documents that are not drafts', () => {
		const seal = { type: 'image/png', data: Buffer.from('seal') };
		const approved = renderHtml(printableOf(source('quotes')), { seal });
		const draft = renderHtml(printableOf(source('quotes', { doc: { number: 'Q', status: 'draft', total: '1' } })), { seal });
		expect(approved).toContain(`<img class="seal" src="data:image/png;base64,${seal.data.toString('base64')}"`);
		expect(draft).not.toContain('class="seal"');
		expect(draft).toContain('<div class="watermark">草稿</div>');
	});

	it('prints the approval trail', () => {
		const html = renderHtml(
			printableOf(
				source('quotes', {
					approvals: [{ step: 1, role: '销售经理', approver: '李经理', decision: '同意', at: '2026-12-01 10:00', comment: '价格合理' }],
				}),
			),
		);
		expect(html).toContain('审批记录');
		expect(html).toContain('<td class="left">李经理</td><td class="center">同意</td><td class="center">2026-12-01 10:00</td>');
	});
});

/** The text pdfjs extracts from the PDF, spaces removed (what a reader selects and copies). */
async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
	let text = '';
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
	}
	return { pages: doc.numPages, text: text.replace(/\s+/g, '') };
}

describe('renderPdf', () => {
	it('writes the document with its Chinese text selectable, headers repeated on every page', async () => {
		const d = printableOf(
			source('quotes', {
				doc: { number: 'QT-2026-000123', status: 'draft', total: '121025.20' },
				lines: Array.from({ length: 50 }, (_, i) => line(i)),
				approvals: [{ step: 1, role: '销售经理', approver: '李经理', decision: '同意', at: '2026-12-01 10:00', comment: '' }],
			}),
		);
		const bytes = await renderPdf(d, FONT);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { pages, text } = await pdfText(bytes);
		expect(pages).toBeGreaterThan(1);
		for (const t of [
			'QT-2026-000123',
			'上海测试客户有限公司',
			'报价单',
			'壹拾贰万壹仟零贰拾伍元贰角',
			'¥121,025.20',
			'审批记录',
			'李经理',
			'草稿',
		])
			expect(text, t).toContain(t);
		// One header per page.
		expect(text.split('产品名称及规格').length - 1).toBe(pages);
		expect(text).toContain(`第${pages}/${pages}页`);
	});

	it('prints name characters outside GB2312 (the font covers all of GBK)', async () => {
		const d = printableOf(source('quotes', { customer: { name: '赟堃贸易有限公司', contact: { name: '王喆', phone: '13800000000' } } }));
		const { text } = await pdfText(await renderPdf(d, FONT));
		for (const t of ['赟堃贸易有限公司', '王喆']) expect(text, t).toContain(t);
	});
});
