import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet, type Table, tableCsv, tablesWorkbook } from './workbook';

const TABLE: Table = {
	title: { en: 'Test', zh: '测试' },
	columns: [
		{ key: 'day', kind: 'date', header: { en: 'Day', zh: '日期' } },
		{ key: 'amount', kind: 'money', header: { en: 'Amount', zh: '金额' } },
		{ key: 'qty', kind: 'qty', header: { en: 'Qty', zh: '数量' } },
		{ key: 'note', kind: 'text', header: { en: 'Note', zh: '备注' } },
	],
	rows: [
		{ day: '2026-02-28', amount: '1234.5', qty: '2.500', note: '客户, "甲"' },
		{ day: null, amount: null, qty: '1', note: null },
	],
	totals: { amount: '1234.50', qty: '3.5' },
};

describe('tablesWorkbook', () => {
	it('writes typed cells: dates at UTC midnight, money and quantities as numbers, blanks as empty, a bold totals row', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await tablesWorkbook([TABLE, TABLE])) as unknown as ExcelJS.Buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['测试', '测试2']);
		const ws = wb.worksheets[0]!;
		expect(ws.getRow(2).values).toEqual([undefined, new Date('2026-02-28T00:00:00Z'), 1234.5, 2.5, '客户, "甲"']);
		expect(ws.getRow(3).values).toEqual([undefined, undefined, undefined, 1]);
		expect(ws.getRow(4).values).toEqual([undefined, '合计', 1234.5, 3.5]);
		expect(ws.getRow(4).font?.bold).toBe(true);
		expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
	});
});

describe('tableCsv', () => {
	it('is the BOM, zh-CN headers, money with 2 decimals and the totals row', () => {
		expect(tableCsv(TABLE)).toBe('\uFEFF日期,金额,数量,备注\r\n2026-02-28,1234.50,2.500,"客户, ""甲"""\r\n,,1,\r\n合计,1234.50,3.5,\r\n');
	});
});

describe('readSheet', () => {
	const upload = (buffer: Buffer, filename: string) => ({ filename, mimetype: 'application/octet-stream', buffer });

	it('reads CSV rows with their sheet row numbers, blank rows left out', async () => {
		const sheet = await readSheet(upload(Buffer.from('\uFEFFa,b\n1,2\n\n3,4\n'), 'x.csv'));
		expect(sheet).toEqual({
			header: ['a', 'b'],
			rows: [
				{ row: 2, cells: ['1', '2'] },
				{ row: 4, cells: ['3', '4'] },
			],
		});
	});

	it.each([
		[Buffer.from('%PDF-1.7'), 'x.pdf', 'the file is not a workbook'],
		[Buffer.from([0xbf, 0xcd, 0xbb, 0xa7]), 'x.csv', 'not UTF-8'],
		[Buffer.from('\n\n'), 'x.csv', 'the sheet is empty'],
	])('refuses %s', async (buffer, filename, message) => {
		await expect(readSheet(upload(buffer, filename))).rejects.toThrow(message);
	});
});
