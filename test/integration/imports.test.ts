// Excel import (#18): the templates read back with exceljs, and imports judged row by row as the
// caller's own API creates — all or nothing, dry runs leave nothing, bad files are refused whole.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { count, ok, tokenFor, url, userId } from './helpers';

let seq = 0;
const tag = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function download(who: string, path: string): Promise<{ status: number; type: string | null; body: Buffer }> {
	const res = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
	return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

/** POSTs a file as multipart field `file`. */
async function upload(who: string, path: string, body: Buffer | string, filename: string) {
	const form = new FormData();
	form.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), filename);
	const res = await fetch(`${url()}${path}`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(who)}` }, body: form });
	return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

/** POSTs a file asking for progress (NDJSON): the answer's lines, parsed. */
async function uploadWithProgress(who: string, path: string, body: Buffer, filename: string) {
	const form = new FormData();
	form.append('file', new Blob([new Uint8Array(body)]), filename);
	const res = await fetch(`${url()}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${await tokenFor(who)}`, accept: 'application/x-ndjson' },
		body: form,
	});
	const text = await res.text();
	return {
		status: res.status,
		type: res.headers.get('content-type'),
		lines: text
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l)),
	};
}

/** A workbook whose first sheet holds these rows (row 1 the headers). */
async function xlsx(rows: unknown[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('客户');
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const CUSTOMER_HEADERS = ['客户名称', '客户等级', '意向', '联系人', '联系人职务', '联系人电话'];
const customerRow = (name: string, grade = 'B', intent = '高') => [name, grade, intent, '王伟', '采购经理', '13800138000'];
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${tag()}${i}有限公司`);
const customersNamed = (list: string[]) =>
	ok<any[]>(
		'admin',
		'GET',
		`/items/customers?fields=id,name,owner,grade,intent,contacts.name,contacts.phone&filter=${encodeURIComponent(JSON.stringify({ name: { _in: list } }))}`,
	);

describe('templates', () => {
	it('the customers template: zh-CN headers, keys on a hidden sheet, choice validation, an example sheet', async () => {
		const r = await download('sales_rep', '/imports/customers/template');
		expect(r.status).toBe(200);
		expect(r.type).toContain('spreadsheetml');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(r.body as any);
		const [data, example, keys] = wb.worksheets;
		expect(data!.getRow(1).values).toEqual([
			undefined,
			'客户名称',
			'纳税人识别号',
			'客户等级',
			'意向',
			'行业',
			'区域',
			'开票名称',
			'地址电话',
			'开户行及账号',
			'联系人',
			'联系人职务',
			'联系人电话',
			'联系人邮箱',
		]);
		expect(data!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(keys!.state).toBe('hidden');
		expect(keys!.getRow(1).values).toEqual([
			undefined,
			'name',
			'tax_id',
			'grade',
			'intent',
			'industry',
			'region',
			'invoice_title',
			'address_phone',
			'bank_account',
			'contact_name',
			'contact_title',
			'contact_phone',
			'contact_email',
		]);
		// 意向 (column D) offers the zh-CN labels and the keys.
		const validation = data!.getCell('D2').dataValidation;
		expect(validation).toMatchObject({ type: 'list', formulae: ["'_fields'!$D$2:$D$7"] });
		expect([2, 3, 4, 5, 6, 7].map((row) => keys!.getCell(`D${row}`).value)).toEqual(['高', '中', '低', 'high', 'medium', 'low']);
		expect(data!.getCell('D5000').dataValidation).toMatchObject({ type: 'list' });
		expect(data!.getCell('A2').dataValidation).toBeUndefined();
		expect(example!.name).toBe('示例');
		expect(example!.getCell('A2').value).toBe('上海示例机电设备有限公司');
	});

	it('every importable collection has one; anything else is 404', async () => {
		for (const c of ['products', 'stock_entries', 'sales_orders'])
			expect((await download('sales_rep', `/imports/${c}/template`)).status).toBe(200);
		expect((await download('sales_rep', '/imports/invoices/template')).status).toBe(404);
	});
});

describe('importing customers', () => {
	it('a clean sheet creates exactly its rows, owned by the caller, with their contacts; choice labels read as keys', async () => {
		const list = names('导入客户', 3);
		const before = await count('customers');
		const r = await upload(
			'sales_rep',
			'/imports/customers',
			await xlsx([CUSTOMER_HEADERS, ...list.map((n) => customerRow(n, 'A', '低'))]),
			'c.xlsx',
		);
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ rows: 3, errors: [], dry_run: false });
		expect(r.data.created.map((c: any) => c.row)).toEqual([2, 3, 4]);
		expect(await count('customers')).toBe(before + 3);
		const made = await customersNamed(list);
		expect(made.map((c) => c.id).sort()).toEqual(r.data.created.map((c: any) => c.id).sort());
		for (const c of made) {
			expect(c).toMatchObject({ owner: userId('sales_rep'), grade: 'A', intent: 'low' });
			expect(c.contacts).toEqual([{ name: '王伟', phone: '13800138000' }]);
		}
	});

	it('one bad cell: 400 naming its row and field, nothing created', async () => {
		const list = names('坏行客户', 3);
		const before = await count('customers');
		const rows = [CUSTOMER_HEADERS, customerRow(list[0]!), customerRow(list[1]!, 'Z'), customerRow(list[2]!)];
		const r = await upload('sales_rep', '/imports/customers', await xlsx(rows), 'c.xlsx');
		expect(r.status).toBe(400);
		expect(r.errors?.[0]?.extensions?.code).toBe('INVALID_PAYLOAD');
		expect(r.data.errors).toEqual([{ row: 3, field: 'grade', code: 'INVALID_PAYLOAD', message: expect.stringContaining('"Z"') }]);
		expect(r.data.created).toEqual([]);
		expect(await count('customers')).toBe(before);
	});

	it("a row the hooks refuse (a duplicate registration) fails the whole file: its row reported, the other rows' creates rolled back", async () => {
		const [name] = names('重复客户', 1);
		const before = await count('customers');
		const rows = [CUSTOMER_HEADERS, customerRow(name!), customerRow(`${name}${tag()}`), customerRow(name!)];
		const r = await upload('sales_rep', '/imports/customers', await xlsx(rows), 'c.xlsx');
		expect(r.status).toBe(400);
		expect(r.data.errors).toEqual([{ row: 4, field: 'name', code: 'DUPLICATE_CUSTOMER', message: expect.any(String) }]);
		expect(await count('customers')).toBe(before);
		expect(await customersNamed([name!])).toEqual([]);
	});

	it('progress streams while the rows are written, then the answer as the last line', async () => {
		const list = names('进度客户', 120);
		const before = await count('customers');
		const r = await uploadWithProgress(
			'sales_rep',
			'/imports/customers',
			await xlsx([CUSTOMER_HEADERS, ...list.map((n) => customerRow(n))]),
			'c.xlsx',
		);
		// The answer in the message: a refusal says which row and field.
		expect([r.status, r.type], JSON.stringify(r.lines).slice(0, 2000)).toEqual([200, 'application/x-ndjson; charset=utf-8']);
		const answer = r.lines.at(-1);
		const progress = r.lines.slice(0, -1).map((l) => l.progress);
		expect(progress.length).toBeGreaterThan(10);
		expect(progress.length).toBeLessThanOrEqual(51);
		expect(progress[0]).toEqual({ done: 0, total: 120 });
		expect(progress.at(-1)).toEqual({ done: 120, total: 120 });
		for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThan(progress[i - 1].done);
		expect(answer.data).toMatchObject({ rows: 120, errors: [], dry_run: false });
		expect(answer.data.created).toHaveLength(120);
		expect(await count('customers')).toBe(before + 120);
	});

	it('a streamed import refused while writing ends with the errors, nothing created; one refused before writing keeps its status', async () => {
		const [name] = names('进度重复', 1);
		const before = await count('customers');
		const dup = await uploadWithProgress(
			'sales_rep',
			'/imports/customers',
			await xlsx([CUSTOMER_HEADERS, customerRow(name!), customerRow(name!)]),
			'c.xlsx',
		);
		expect(dup.status).toBe(200);
		expect(dup.lines[0].progress).toEqual({ done: 0, total: 2 });
		const last = dup.lines.at(-1);
		expect(last.errors[0].extensions.code).toBe('INVALID_PAYLOAD');
		expect(last.data.errors).toEqual([{ row: 3, field: 'name', code: 'DUPLICATE_CUSTOMER', message: expect.any(String) }]);
		expect(await count('customers')).toBe(before);

		const bad = await uploadWithProgress(
			'sales_rep',
			'/imports/customers',
			await xlsx([CUSTOMER_HEADERS, customerRow(name!, 'Z')]),
			'c.xlsx',
		);
		expect(bad.status).toBe(400);
		expect(bad.lines).toHaveLength(1);
		expect(bad.lines[0].data.errors[0]).toMatchObject({ row: 2, field: 'grade' });
	});

	it('a dry run judges every row and creates nothing', async () => {
		const list = names('试导客户', 2);
		const before = await count('customers');
		const r = await upload(
			'sales_rep',
			'/imports/customers?dry_run=true',
			await xlsx([CUSTOMER_HEADERS, ...list.map((n) => customerRow(n))]),
			'c.xlsx',
		);
		expect(r.status).toBe(200);
		expect(r.data).toEqual({
			rows: 2,
			created: [
				{ row: 2, id: null },
				{ row: 3, id: null },
			],
			errors: [],
			dry_run: true,
		});
		expect(await count('customers')).toBe(before);
	});

	it('a UTF-8 CSV with a BOM imports like the workbook', async () => {
		const [name] = names('CSV客户', 1);
		const csv = `\uFEFF${CUSTOMER_HEADERS.join(',')}\r\n${customerRow(name!, 'C', 'medium').join(',')}\r\n`;
		const r = await upload('sales_rep', '/imports/customers', csv, 'c.csv');
		expect(r.status).toBe(200);
		expect((await customersNamed([name!]))[0]).toMatchObject({ grade: 'C', intent: 'medium', owner: userId('sales_rep') });
	});
});

describe('bad files are refused whole (400)', () => {
	it.each<[string, () => Promise<Buffer | string>, string, string]>([
		['not a workbook', async () => Buffer.from('GIF89a not a sheet'), 'x.gif', 'not a workbook'],
		['a broken .xlsx', async () => Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(50)]), 'x.xlsx', 'not a readable .xlsx'],
		['unknown headers', async () => xlsx([[...CUSTOMER_HEADERS, '备注栏'], customerRow('x')]), 'x.xlsx', 'unknown columns: "备注栏"'],
		[
			'more rows than the limit',
			async () => `${CUSTOMER_HEADERS.join(',')}\n${'a,B,高,王,采购,1\n'.repeat(5001)}`,
			'x.csv',
			'at most 5000',
		],
	])('%s', async (_what, file, filename, message) => {
		const before = await count('customers');
		const r = await upload('sales_rep', '/imports/customers', await file(), filename);
		expect(r.status).toBe(400);
		expect(r.errors?.[0]?.message).toContain(message);
		expect(await count('customers')).toBe(before);
	});

	it('a formula where a value belongs', async () => {
		const rows = [
			CUSTOMER_HEADERS,
			[{ formula: 'CONCAT("公式","客户")', result: '公式客户' }, 'B', '高', '王伟', '采购经理', '13800138000'],
		];
		const r = await upload('sales_rep', '/imports/customers', await xlsx(rows), 'x.xlsx');
		expect(r.status).toBe(400);
		expect(r.data.errors).toEqual([
			{ row: 2, field: 'name', code: 'INVALID_PAYLOAD', message: '公式/formula not allowed, enter the value' },
		]);
	});
});

describe('products, opening stock and orders', () => {
	it('products (CSV), their opening stock by SKU and warehouse code, then an order by customer name with lines by SKU', async () => {
		const t = tag().toUpperCase();
		const skus = [`IMP-${t}-1`, `IMP-${t}-2`];
		const products = await upload(
			'admin',
			'/imports/products',
			`物料编码,产品名称,单位,报价单价,指导底价,税率\n${skus[0]},导入产品一,台,120.00,100.00,0.13\n${skus[1]},导入产品二,件,8.50,8.00,0.13\n`,
			'p.csv',
		);
		expect(products.status, JSON.stringify(products)).toBe(200);
		expect(products.data.created).toHaveLength(2);

		const stock = await upload(
			'warehouse_manager',
			'/imports/stock_entries',
			await xlsx([
				['仓库编码', '物料编码', '数量'],
				['WH-SH', skus[0], 10],
				['WH-SH', skus[1], '2.5'],
				['WH-SZ', skus[0], 3],
			]),
			's.xlsx',
		);
		expect(stock.status, JSON.stringify(stock)).toBe(200);
		expect(stock.data.created.map((c: any) => c.row)).toEqual([2, 4]);
		const entry = await ok<any>(
			'admin',
			'GET',
			`/items/stock_entries/${stock.data.created[0].id}?fields=type,status,warehouse.code,lines.quantity,lines.product.sku`,
		);
		expect(entry).toMatchObject({ type: 'adjust_in', status: 'draft', warehouse: { code: 'WH-SH' } });
		expect(entry.lines.map((l: any) => [l.product.sku, Number(l.quantity)])).toEqual([
			[skus[0], 10],
			[skus[1], 2.5],
		]);

		const [customer] = names('订单导入客户', 1);
		await upload('sales_rep', '/imports/customers', await xlsx([CUSTOMER_HEADERS, customerRow(customer!)]), 'c.xlsx');
		const headers = ['订单序号', '客户（编码或名称）', '物料编码', '数量', '含税单价'];
		const orders = await upload(
			'sales_rep',
			'/imports/sales_orders',
			await xlsx([headers, ['1', customer, skus[0], 2, '110.00'], ['1', customer, skus[1], 4, '8.25']]),
			'o.xlsx',
		);
		expect(orders.status, JSON.stringify(orders)).toBe(200);
		expect(orders.data.created).toEqual([{ row: 2, id: expect.any(Number) }]);
		const order = await ok<any>(
			'sales_rep',
			'GET',
			`/items/sales_orders/${orders.data.created[0].id}?fields=number,status,total,owner,lines.quantity`,
		);
		expect(order).toMatchObject({ status: 'draft', owner: userId('sales_rep') });
		expect(order.number).toMatch(/^SO-/);
		expect(Number(order.total)).toBe(253);
		expect(order.lines).toHaveLength(2);
	});

	it("another rep's customer reads as unknown: the row names the field, nothing is created", async () => {
		const [theirs] = names('别人的客户', 1);
		await upload('sales_rep_2', '/imports/customers', await xlsx([CUSTOMER_HEADERS, customerRow(theirs!)]), 'c.xlsx');
		const headers = ['订单序号', '客户（编码或名称）', '物料编码', '数量', '含税单价'];
		const before = await count('sales_orders');
		const r = await upload('sales_rep', '/imports/sales_orders', await xlsx([headers, ['A', theirs, 'SKU-001', 1, '1.00']]), 'o.xlsx');
		expect(r.status).toBe(400);
		expect(r.data.errors).toEqual([{ row: 2, field: 'customer', code: 'INVALID_PAYLOAD', message: expect.stringContaining(theirs!) }]);
		expect(await count('sales_orders')).toBe(before);
	});
});
