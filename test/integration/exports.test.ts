// Excel and CSV export (#18): workbooks read back with exceljs (typed cells, zh-CN headers, frozen
// header row, totals), CSV bytes start with the BOM, and an export shows what the report shows the caller.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { tokenFor, url } from './helpers';
import { receipt, registeredCustomer } from './fixtures';

const PERIOD = today().slice(0, 7);

async function download(who: string, path: string) {
	const res = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
	return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(who: string, path: string) {
	const r = await download(who, path);
	expect(r.status, r.body.toString()).toBe(200);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(r.body as any);
	return wb;
}

const freshCustomer = (rep = 'sales_rep') =>
	registeredCustomer(rep, {
		name: `导出客户${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}有限公司`,
		grade: 'B',
		contacts: [{ name: '李经理', title: '财务', phone: '13900000000' }],
	});

describe('statements', () => {
	it("one customer's month: typed cells, zh-CN headers, frozen header row, a totals row; other reps get nothing", async () => {
		const customer = await freshCustomer();
		const r = await receipt(customer, '1234.50');
		const wb = await workbook('sales_rep', `/exports/statements?customer=${customer.id}&period=${PERIOD}`);
		const [lines, summary] = wb.worksheets;
		expect(lines!.getRow(1).values).toEqual([undefined, '日期', '类型', '单号', '金额', '影响应收', '应收余额']);
		expect(lines!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		const row = lines!.getRow(2);
		expect(row.getCell(1).value).toEqual(new Date(`${today()}T00:00:00Z`));
		expect(row.getCell(1).numFmt).toBe('yyyy-mm-dd');
		expect(row.getCell(2).value).toBe('回款');
		expect(row.getCell(3).value).toBe(r.number);
		expect(row.getCell(4).value).toBe(1234.5);
		expect(row.getCell(4).numFmt).toBe('#,##0.00');
		expect(row.getCell(5).value).toBe(-1234.5);
		const totals = lines!.getRow(3);
		expect(totals.getCell(1).value).toBe('合计');
		expect(totals.font?.bold).toBe(true);
		expect(totals.getCell(5).value).toBe(-1234.5);
		expect(summary!.getRow(2).getCell(6).value).toBe(1234.5); // 本期回款

		// Another rep gets the answer a customer that does not exist gets.
		const other = await download('sales_rep_2', `/exports/statements?customer=${customer.id}&period=${PERIOD}`);
		const missing = await download('sales_rep_2', `/exports/statements?customer=2147483000&period=${PERIOD}`);
		expect(other.status).toBeGreaterThanOrEqual(400);
		expect(other.status).toBe(missing.status);
		expect(other.body.toString()).not.toContain(customer.name);
	});

	it("a period's statements as CSV: UTF-8 with a BOM, scoped to the caller's customers", async () => {
		const customer = await freshCustomer();
		await receipt(customer, '88.00');
		const mine = await download('sales_rep', `/exports/statements?period=${PERIOD}&format=csv`);
		expect(mine.status).toBe(200);
		expect(mine.type).toContain('text/csv');
		expect([...mine.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = mine.body.toString('utf8').slice(1);
		expect(text.split('\r\n')[0]).toBe('客户编码,客户名称,期初余额,本期发货,本期开票,红字发票,本期回款,期末余额');
		expect(text).toContain(`${customer.code},${customer.name},`);
		expect(text).toContain(',88.00,');
		expect(text.trimEnd().split('\r\n').at(-1)).toMatch(/^合计,/);
		const theirs = await download('sales_rep_2', `/exports/statements?period=${PERIOD}&format=csv`);
		expect(theirs.status).toBe(200);
		expect(theirs.body.toString('utf8')).not.toContain(customer.name);
	});
});

describe("Directus' own CSV export", () => {
	it('"CSV Excel (UTF-8)" (export=csv_utf8) starts with the BOM', async () => {
		const r = await download('sales_rep', '/items/customers?export=csv_utf8&fields=name&limit=1');
		expect(r.status).toBe(200);
		expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});
});

describe('every export', () => {
	it.each([
		['aging', ''],
		['ledger-check', ''],
		['sales-trend', '&months=2'],
		['pipeline', ''],
		['rep-performance', ''],
		['stock', ''],
		['follow-up', ''],
	])('%s opens as a workbook with a frozen zh-CN header row', async (name, query) => {
		const wb = await workbook('admin', `/exports/${name}?format=xlsx${query}`);
		for (const ws of wb.worksheets) {
			expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
			expect(String(ws.getRow(1).getCell(1).value)).toMatch(/[\u4e00-\u9fff]|ID/);
		}
	});

	it('sales trend: money as numbers, a totals row that sums them', async () => {
		const ws = (await workbook('admin', '/exports/sales-trend?months=3')).worksheets[0]!;
		expect(ws.getRow(1).values).toEqual([undefined, '月份', '订单额', '发货额', '开票额', '回款额']);
		const months = [2, 3, 4].map((i) => ws.getRow(i));
		for (const m of months) for (const c of [2, 3, 4, 5]) expect(typeof m.getCell(c).value).toBe('number');
		expect(ws.getRow(5).getCell(1).value).toBe('合计');
		const sum = months.reduce((a, m) => a + Math.round(Number(m.getCell(2).value) * 100), 0);
		expect(Math.round(Number(ws.getRow(5).getCell(2).value) * 100)).toBe(sum);
	});

	it('a rep may not export what the report refuses them, and unknown names or formats are refused', async () => {
		expect((await download('sales_rep', '/exports/ledger-check')).status).toBe(403);
		expect((await download('sales_rep', '/exports/nothing')).status).toBe(404);
		expect((await download('sales_rep', '/exports/pipeline?format=pdf')).status).toBe(400);
		expect((await download('sales_rep', '/exports/pipeline?bogus=1')).status).toBe(400);
	});
});
