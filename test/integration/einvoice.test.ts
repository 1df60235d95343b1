// The 数电票 round trip (issue #20): tax codes on products, the platform's batch-issue workbook for
// draft invoices, its results (an exported invoice list or one invoice's XML) issuing our drafts
// with the platform's number and date — all rows or none, the same file twice changing nothing —
// and the period's vouchers for the finance software, balanced per document.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTaxpayerId } from '../../extensions/salesflow/src/domain/einvoice/identifiers';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { approveAll, approversMap, confirmedOrder, issuedNote, receipt, registeredCustomer, stockedProduct, submit } from './fixtures';
import { call, errorCode, ok, tokenFor, url } from './helpers';

const TAX_CODE = '1090512990000000000';
const SELLER = '91310000132200821H';
const XML_BUYER = '91440300MA5G2LQH8C';
const XML_NUMBER = '25442000000012345678';

/** A valid unified social credit code (GB 32100) from 17 characters: the check character that fits. */
const uscc = (first17: string) => [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => first17 + c).find((s) => checkTaxpayerId(s) === 'ok')!;
let seq = 0;
/** A fresh taxpayer ID per customer (customers' tax IDs are unique). */
const freshTaxId = () => uscc(`91310115MA${String(Date.now() % 1e6).padStart(6, '0')}${seq++ % 10}`);
/** A 20-digit e-invoice number, fresh per call. */
const freshNumber = () => `2531${String(Date.now()).slice(-10)}${String(seq++).padStart(6, '0')}`;

async function customerWith(taxId: string) {
	return registeredCustomer('sales_rep', {
		name: `数电票客户 ${taxId}`,
		grade: 'B',
		tax_id: taxId,
		invoice_title: `数电票客户 ${taxId}`,
		address_phone: '上海市浦东新区张江路88号 021-58880000',
		bank_account: '招商银行上海张江支行 121909876510001',
		contacts: [{ name: '钱会计', title: '财务', phone: '13800000000' }],
	});
}

/** A draft invoice of `qty` × `price` (tax-inclusive) for a customer, of a product with or without a tax code. */
async function draftInvoice(customer: number, qty: string, price: string, opts: { taxCode?: boolean; type?: string } = {}) {
	const { product, warehouse } = await stockedProduct(Number(qty), 'WH-SH', price);
	if (opts.taxCode !== false)
		await ok('admin', 'PATCH', `/items/products/${product.id}`, { tax_code: TAX_CODE, tax_category: '电子元件', spec: 'TS-100' });
	const order = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: qty, unit_price: price }], { customer });
	const note = await issuedNote('sales_rep', order.id, warehouse.id);
	const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: opts.type ?? 'vat_ordinary', shipments: [note.id] });
	return { draft, order, product };
}

async function download(who: string, path: string) {
	const res = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
	const book = new ExcelJS.Workbook();
	if (res.status === 200) await book.xlsx.load(await res.arrayBuffer());
	return { status: res.status, headers: res.headers, book };
}

async function upload(who: string, file: Buffer, name: string) {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(file)]), name);
	const res = await fetch(`${url()}/invoicing/einvoice-results`, {
		method: 'POST',
		headers: { authorization: `Bearer ${await tokenFor(who)}` },
		body: form,
	});
	const json = await res.json();
	return { status: res.status, data: json.data, errors: json.errors };
}

const RESULT_HEADERS = [
	'数电票号码',
	'销方识别号',
	'购方识别号',
	'购买方名称',
	'开票日期',
	'金额',
	'税额',
	'价税合计',
	'是否正数发票',
	'红字确认单编号',
	'备注',
];
type ResultRow = Partial<Record<(typeof RESULT_HEADERS)[number], string | number | Date>>;

/** The platform's exported invoice list as it comes: a title row, then headers, text numbers and real dates. */
async function resultsWorkbook(rows: ResultRow[], headers = RESULT_HEADERS): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('发票查询结果');
	sheet.addRow(['全量发票查询导出结果']);
	sheet.addRow(headers);
	for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
	return Buffer.from(await book.xlsx.writeBuffer());
}

const invoiceRow = (id: number) => ok<any>('admin', 'GET', `/items/invoices/${id}`);
const blueRow = (draft: any, einvoice: string, date: string, extra: ResultRow = {}): ResultRow => ({
	数电票号码: einvoice,
	销方识别号: SELLER,
	购方识别号: draft.buyer_tax_id,
	购买方名称: draft.buyer_name,
	开票日期: new Date(`${date}T00:00:00Z`),
	金额: Number(draft.amount_excl),
	税额: Number(draft.tax),
	价税合计: Number(draft.total),
	是否正数发票: '是',
	...extra,
});

beforeAll(async () => {
	await ok('admin', 'PATCH', '/items/salesflow_settings', { company_tax_id: SELLER });
});

describe('tax codes on products', () => {
	it('takes 19 digits and refuses anything else naming tax_code', async () => {
		const { product } = await stockedProduct(0);
		for (const bad of ['123456789012345678', '10905129900000000001', '109051299000000000A']) {
			const r = await call('admin', 'PATCH', `/items/products/${product.id}`, { tax_code: bad });
			expect([bad, r.status, r.errors?.[0]?.extensions?.field]).toEqual([bad, 400, 'tax_code']);
		}
		const saved = await ok<any>('admin', 'PATCH', `/items/products/${product.id}`, { tax_code: TAX_CODE, tax_category: '电子元件' });
		expect([saved.tax_code, saved.tax_category]).toEqual([TAX_CODE, '电子元件']);
	});
});

describe('the batch-issue workbook', () => {
	it('lists draft invoices as the platform template wants them, with warnings on a sheet and in a header', async () => {
		const special = await draftInvoice((await customerWith(freshTaxId())).id, '3', '113.00', { type: 'vat_special' });
		const noCode = await draftInvoice((await customerWith(freshTaxId())).id, '2', '56.50', { taxCode: false });
		const path = `/invoicing/einvoice-batch?invoices=${special.draft.id},${noCode.draft.id}`;
		expect((await download('sales_rep', path)).status).toBe(403);
		const { status, headers, book } = await download('finance', path);
		expect(status).toBe(200);
		expect(book.worksheets.map((s) => s.name)).toEqual(['发票基本信息', '发票明细信息', '提示']);

		const heads = book.getWorksheet('发票基本信息')!;
		expect(heads.getRow(1).values).toEqual([
			undefined,
			'发票流水号',
			'发票类型',
			'是否含税',
			'购买方名称',
			'购买方纳税人识别号',
			'购买方地址',
			'购买方电话',
			'购买方开户银行',
			'购买方银行账号',
			'备注',
		]);
		expect(heads.getRow(2).values).toEqual([
			undefined,
			special.draft.number,
			'数电票（增值税专用发票）',
			'是',
			special.draft.buyer_name,
			special.draft.buyer_tax_id,
			'上海市浦东新区张江路88号',
			'021-58880000',
			'招商银行上海张江支行',
			'121909876510001',
			special.draft.number,
		]);
		const lines = book.getWorksheet('发票明细信息')!;
		const line = lines.getRow(2);
		expect(line.values).toEqual([
			undefined,
			special.draft.number,
			`*电子元件*${special.product.name}`,
			TAX_CODE,
			'TS-100',
			'个',
			3,
			113,
			339,
			0.13,
			39,
		]);
		// The tax code is text (19 digits as a number would lose the last ones), amounts are numbers shown with 2 decimals.
		expect([typeof line.getCell(3).value, line.getCell(7).numFmt, typeof line.getCell(8).value]).toEqual(['string', '0.00', 'number']);
		expect(lines.getRow(3).getCell(3).value).toBeNull();

		const warnings = book.getWorksheet('提示')!;
		const texts = warnings
			.getSheetValues()
			.slice(2)
			.map((r) => (r as unknown[]).slice(1, 3));
		expect(texts).toEqual([[noCode.draft.number, 'tax_code']]);
		expect(headers.get('x-salesflow-warnings')).toBe('1');
	});

	it('refuses issued invoices and invoices the caller may not read, and bad ids naming invoices', async () => {
		const { draft } = await draftInvoice((await customerWith(freshTaxId())).id, '1', '10.00');
		await ok('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		const issued = await call('finance', 'GET', `/invoicing/einvoice-batch?invoices=${draft.id}`);
		expect([issued.status, errorCode(issued)]).toEqual([409, 'INVALID_TRANSITION']);
		const missing = await call('finance', 'GET', '/invoicing/einvoice-batch?invoices=99999999');
		expect([missing.status, missing.errors?.[0]?.extensions?.field]).toEqual([404, 'invoices']);
		for (const q of ['', '?invoices=', '?invoices=1,x', '?other=1'])
			expect((await call('finance', 'GET', `/invoicing/einvoice-batch${q}`)).status).toBe(400);
	});
});

describe("the platform's results", () => {
	it('issues drafts named in 备注 or found by buyer and exact total, with the platform number and date; the same file again changes nothing', async () => {
		const a = await draftInvoice((await customerWith(freshTaxId())).id, '2', '113.00');
		const bCustomer = await customerWith(freshTaxId());
		const b = await draftInvoice(bCustomer.id, '1', '50.00');
		const [numberA, numberB, stranger] = [freshNumber(), freshNumber(), freshNumber()];
		const date = todayPlus(-2);
		const file = await resultsWorkbook([
			blueRow(a.draft, numberA, date, { 备注: `销售发票 ${a.draft.number}` }),
			blueRow(b.draft, numberB, date, { 金额: '44.25', 税额: '5.75', 价税合计: '50.00' }),
			blueRow(b.draft, stranger, date, { 购方识别号: freshTaxId(), 价税合计: 77, 金额: 70, 税额: 7 }),
		]);
		const first = await upload('finance', file, 'results.xlsx');
		expect(first.status).toBe(200);
		expect(first.data.map((r: any) => [r.row, r.status, r.invoice_number])).toEqual([
			[3, 'issued', a.draft.number],
			[4, 'issued', b.draft.number],
			[5, 'unmatched', null],
		]);
		const issuedA = await invoiceRow(a.draft.id);
		expect([issuedA.status, issuedA.einvoice_number, issuedA.issue_date, Number(issuedA.open_amount)]).toEqual([
			'issued',
			numberA,
			date,
			226,
		]);
		expect((await invoiceRow(b.draft.id)).einvoice_number).toBe(numberB);
		// The same rollups as /issue: the order lines count as invoiced.
		const order = await ok<any>('admin', 'GET', `/items/sales_orders/${a.order.id}?fields=lines.invoiced_qty`);
		expect(Number(order.lines[0].invoiced_qty)).toBe(2);

		const again = await upload('finance', file, 'results.xlsx');
		expect(again.data.map((r: any) => r.status)).toEqual(['already_issued', 'already_issued', 'unmatched']);
		expect(await invoiceRow(a.draft.id)).toEqual(issuedA);
		// The e-invoice number is the platform's: nobody types it in.
		expect((await call('finance', 'PATCH', `/items/invoices/${a.draft.id}`, { einvoice_number: freshNumber() })).status).toBe(403);
		expect((await call('sales_rep', 'POST', '/invoicing/einvoice-results', {})).status).toBe(403);
	});

	it("reads the platform's invoice XML (test/fixtures/einvoice-result.xml), checking the seller when company_tax_id is set", async () => {
		const { draft } = await draftInvoice((await customerWith(XML_BUYER)).id, '2', '113.00');
		const xml = readFileSync(new URL('../fixtures/einvoice-result.xml', import.meta.url));
		const first = await upload('finance', xml, 'invoice.xml');
		expect(first.data).toEqual([
			{ row: 1, einvoice_number: XML_NUMBER, status: 'issued', invoice: draft.id, invoice_number: draft.number, reason: null },
		]);
		const issued = await invoiceRow(draft.id);
		expect([issued.einvoice_number, issued.issue_date]).toEqual([XML_NUMBER, '2025-01-05']);
		expect((await upload('finance', xml, 'invoice.xml')).data[0].status).toBe('already_issued');

		// Finance files the returned XML on the issued invoice; whoever reads the invoice reads the file.
		const form = new FormData();
		form.append('file', new Blob([new Uint8Array(xml)], { type: 'application/xml' }), `${XML_NUMBER}.xml`);
		const asFinance = { authorization: `Bearer ${await tokenFor('finance')}` };
		const stored = await (await fetch(`${url()}/files`, { method: 'POST', headers: asFinance, body: form })).json();
		await ok('finance', 'PATCH', `/items/invoices/${draft.id}`, { einvoice_file: stored.data.id });
		const asset = async (who: string) =>
			(await fetch(`${url()}/assets/${stored.data.id}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } })).status;
		expect([await asset('sales_rep'), await asset('sales_rep_2'), await asset('warehouse')]).toEqual([200, 403, 403]);

		await ok('admin', 'PATCH', '/items/salesflow_settings', { company_tax_id: uscc('91310000MA1FL0000') });
		const otherSeller = await upload('finance', xml, 'invoice.xml');
		expect([otherSeller.status, errorCode(otherSeller), otherSeller.errors[0].extensions.field]).toEqual([
			409,
			'EINVOICE_CONFLICT',
			'sellerTaxId',
		]);
		await ok('admin', 'PATCH', '/items/salesflow_settings', { company_tax_id: SELLER });
	});

	it('refuses bad files naming the row and field, and writes nothing of them', async () => {
		const c = await draftInvoice((await customerWith(freshTaxId())).id, '1', '20.00');
		const d = await draftInvoice((await customerWith(freshTaxId())).id, '1', '30.00');
		const date = todayPlus(0);
		const good = blueRow(d.draft, freshNumber(), date, { 备注: d.draft.number });
		const cases: Array<[string, Buffer, number, string, number | undefined]> = [
			[
				'missing 价税合计',
				await resultsWorkbook(
					[good],
					RESULT_HEADERS.filter((h) => h !== '价税合计'),
				),
				400,
				'file',
				undefined,
			],
			['a 19-digit number', await resultsWorkbook([blueRow(c.draft, '2531200000000000001', date), good]), 400, 'number', 3],
			['letters in the number', await resultsWorkbook([good, blueRow(c.draft, '2531200000000000000A', date)]), 400, 'number', 4],
			[
				'a total differing from the draft',
				await resultsWorkbook([
					good,
					blueRow(c.draft, freshNumber(), date, { 备注: c.draft.number, 金额: 17.71, 税额: 2.3, 价税合计: 20.01 }),
				]),
				409,
				'total',
				4,
			],
		];
		for (const [what, file, status, field, row] of cases) {
			const r = await upload('finance', file, 'results.xlsx');
			expect([what, r.status, r.errors?.[0]?.extensions?.field, r.errors?.[0]?.extensions?.row]).toEqual([what, status, field, row]);
		}
		expect((await upload('finance', Buffer.from('no workbook'), 'results.xlsx')).status).toBe(400);
		for (const id of [c.draft.id, d.draft.id]) expect((await invoiceRow(id)).status).toBe('draft');
	});

	it('a red invoice needs its confirmation number: /issue refuses without, the results match red drafts by it', async () => {
		const { draft } = await draftInvoice((await customerWith(freshTaxId())).id, '2', '100.00');
		await ok('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		const lineId = (await ok<any>('admin', 'GET', `/items/invoices/${draft.id}?fields=lines.id`)).lines[0].id;
		const red = await ok<any>('sales_rep', 'POST', '/invoicing/red-invoices', {
			original_invoice: draft.id,
			lines: [{ invoice_line: lineId, quantity: '1' }],
			reason: '退货一件',
		});
		await submit('sales_rep', 'invoices', red.id);
		await approveAll('invoices', red.id, approversMap());
		const refused = await call('finance', 'POST', `/invoicing/invoices/${red.id}/issue`);
		expect([refused.status, refused.errors?.[0]?.extensions?.field]).toEqual([400, 'red_confirmation_no']);
		// Only finance records it; a blue invoice has none.
		expect((await call('sales_rep', 'PATCH', `/items/invoices/${red.id}`, { red_confirmation_no: '1' })).status).toBe(403);
		const blue = await call('finance', 'PATCH', `/items/invoices/${draft.id}`, { red_confirmation_no: '1' });
		expect([blue.status, blue.errors?.[0]?.extensions?.field]).toEqual([400, 'red_confirmation_no']);

		const confirmation = `4403002512${String(Date.now()).slice(-10)}`;
		const redRow = (extra: ResultRow = {}): ResultRow => ({
			数电票号码: freshNumber(),
			销方识别号: SELLER,
			购方识别号: draft.buyer_tax_id,
			购买方名称: draft.buyer_name,
			开票日期: todayPlus(0),
			金额: '-88.50',
			税额: '-11.50',
			价税合计: '-100.00',
			是否正数发票: '否',
			...extra,
		});
		const unconfirmed = await upload('finance', await resultsWorkbook([redRow({ 备注: red.number })]), 'red.xlsx');
		expect([unconfirmed.status, unconfirmed.errors?.[0]?.extensions?.field, unconfirmed.errors?.[0]?.extensions?.row]).toEqual([
			409,
			'redConfirmationNo',
			3,
		]);
		await ok('finance', 'PATCH', `/items/invoices/${red.id}`, { red_confirmation_no: confirmation });
		const row = redRow({ 红字确认单编号: confirmation });
		const issued = await upload('finance', await resultsWorkbook([row]), 'red.xlsx');
		expect(issued.data.map((r: any) => [r.status, r.invoice_number])).toEqual([['issued', red.number]]);
		expect((await invoiceRow(red.id)).einvoice_number).toBe(row.数电票号码);
		expect(Number((await invoiceRow(draft.id)).open_amount)).toBe(100);
	});
});

describe('vouchers for the finance software', () => {
	it('one row per entry line with the mapped accounts, debits equal to credits per document', async () => {
		const customer = await customerWith(freshTaxId());
		const { draft } = await draftInvoice(customer.id, '4', '28.25');
		await ok('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		await receipt(customer, '50.00');
		await ok('admin', 'PATCH', '/items/salesflow_settings', { voucher_accounts: { receivable: '112201' } });
		const refused = await call('admin', 'PATCH', '/items/salesflow_settings', { voucher_accounts: { bank: '' } });
		expect([refused.status, refused.errors?.[0]?.extensions?.field]).toEqual([400, 'voucher_accounts']);

		expect((await download('sales_rep', `/exports/vouchers?period=${todayPlus(0).slice(0, 7)}`)).status).toBe(403);
		expect((await call('finance', 'GET', '/exports/vouchers?period=2025-13')).status).toBe(400);
		const { status, book } = await download('finance', `/exports/vouchers?period=${todayPlus(0).slice(0, 7)}`);
		expect(status).toBe(200);
		const sheet = book.worksheets[0]!;
		expect(sheet.getRow(1).values).toEqual([undefined, '凭证号', '日期', '摘要', '科目代码', '客户', '借方金额', '贷方金额']);
		const rows = sheet
			.getSheetValues()
			.slice(2)
			.map((r) => (r as unknown[]).slice(1));
		const mine = rows.filter((r) => r[0] === draft.number);
		expect(mine.map((r) => [r[3], r[5] ?? 0, r[6] ?? 0])).toEqual([
			['112201', 113, 0],
			['6001', 0, 100],
			['22210106', 0, 13],
		]);
		expect(rows.some((r) => r[3] === '1002' && r[4] === customer.name && r[5] === 50)).toBe(true);
		const sums = new Map<string, number>();
		for (const r of rows)
			sums.set(String(r[0]), (sums.get(String(r[0])) ?? 0) + Math.round(Number(r[5] ?? 0) * 100) - Math.round(Number(r[6] ?? 0) * 100));
		expect([...sums.values()].every((v) => v === 0)).toBe(true);
		// The XML sample's invoice is of January 2025.
		const january = await download('finance', '/exports/vouchers?period=2025-01');
		expect(january.book.worksheets[0]!.rowCount).toBeGreaterThanOrEqual(4);
		await ok('admin', 'PATCH', '/items/salesflow_settings', { voucher_accounts: null });
	});
});
