import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { assertRowLimit, type ImportColumn, MAX_IMPORT_ROWS, mapHeaders, parseCsv, readCell, readRow, toCsv } from './spreadsheet';

const errorOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return e as DomainError;
	}
	throw new Error('expected a throw');
};

describe('toCsv', () => {
	it('starts with the BOM and ends every record with CRLF', () => {
		expect(toCsv(['单号', 'amount'], [['SO-2026-000001', '12.30']])).toBe('\uFEFF单号,amount\r\nSO-2026-000001,12.30\r\n');
	});

	it('writes only the header row when there are no rows', () => {
		expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
	});

	it.each<[string | number | bigint | null, string]>([
		['plain', 'plain'],
		['上海某某贸易有限公司', '上海某某贸易有限公司'],
		['上海，浦东', '上海，浦东'], // a full-width comma is not a separator
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['"', '""""'],
		['line\nbreak', '"line\nbreak"'],
		['carriage\rreturn', '"carriage\rreturn"'],
		['crlf\r\n', '"crlf\r\n"'],
		[' spaced ', ' spaced '],
		['', ''],
		[null, ''],
		[0, '0'],
		[-1.5, '-1.5'],
		[12345678901234567890n, '12345678901234567890'],
	])('%s → %s', (cell, field) => {
		expect(toCsv(['h'], [[cell]])).toBe(`\uFEFFh\r\n${field}\r\n`);
	});

	it('quotes headers too', () => {
		expect(toCsv(['金额, 元', 'a"b'], [])).toBe('\uFEFF"金额, 元","a""b"\r\n');
	});

	it('reads back to the same cells', () => {
		const rows = [
			['客户 "甲", 上海', 'multi\r\nline', null, 1.5, 7n],
			['', ',', '""', 'end', -3],
		];
		const csv = toCsv(['名称', 'note', 'empty', 'qty', 'n'], rows);
		expect(parseCsv(csv)).toEqual([
			['名称', 'note', 'empty', 'qty', 'n'],
			['客户 "甲", 上海', 'multi\r\nline', '', '1.5', '7'],
			['', ',', '""', 'end', '-3'],
		]);
	});

	it.each([
		[['a', 'b'], [['only one']], 'CSV row 1 has 1 cells, the headers have 2'],
		[['a'], [['x'], ['y', 'z']], 'CSV row 2 has 2 cells, the headers have 1'],
		[['a'], [[Number.NaN]], 'a CSV cell must be a finite number, got NaN'],
		[['a'], [[Number.POSITIVE_INFINITY]], 'a CSV cell must be a finite number, got Infinity'],
	])('refuses %j %j', (headers, rows, message) => {
		expect(() => toCsv(headers, rows)).toThrow(new RangeError(message));
	});
});

const SALES_TYPES = [
	{ value: 'domestic', label: { zh: '内销', en: 'Domestic' } },
	{ value: 'export', label: { zh: '外销', en: 'Export sales' } },
];

const COLUMNS: ImportColumn[] = [
	{ key: 'customer_name', header: { zh: '客户名称', en: 'Customer name' }, required: true, kind: 'text', max: 20 },
	{ key: 'amount', header: { zh: '金额', en: 'Amount' }, required: true, kind: 'money' },
	{ key: 'sales_type', header: { zh: '销售类型', en: 'Sales type' }, kind: 'choice', choices: SALES_TYPES },
	{ key: 'delivery_date', header: { zh: '交货日期', en: 'Delivery date' }, kind: 'date' },
	{ key: 'remark', header: { zh: '备注', en: 'Remarks' }, kind: 'text' },
];

describe('mapHeaders', () => {
	it.each<[string, unknown[], Array<[string, number]>]>([
		[
			'zh headers',
			['客户名称', '金额', '销售类型'],
			[
				['customer_name', 0],
				['amount', 1],
				['sales_type', 2],
			],
		],
		[
			'en headers, any case, padded',
			[' AMOUNT ', 'customer NAME', 'remarks'],
			[
				['amount', 0],
				['customer_name', 1],
				['remark', 2],
			],
		],
		[
			'keys',
			['delivery_date', 'customer_name', 'amount'],
			[
				['delivery_date', 0],
				['customer_name', 1],
				['amount', 2],
			],
		],
		[
			'blank cells skipped',
			[null, '客户名称', '', '  ', undefined, '金额'],
			[
				['customer_name', 1],
				['amount', 5],
			],
		],
		[
			'rich text header',
			[{ richText: [{ text: '客户' }, { text: '名称' }] }, '金额'],
			[
				['customer_name', 0],
				['amount', 1],
			],
		],
	])('%s', (_, headerRow, index) => {
		expect(mapHeaders(headerRow, COLUMNS).index).toEqual(new Map(index));
	});

	it('keeps the positions of a 1-based row with a hole at 0', () => {
		const row: unknown[] = [];
		row[1] = '金额';
		row[2] = '客户名称';
		expect(mapHeaders(row, COLUMNS).index).toEqual(
			new Map([
				['amount', 1],
				['customer_name', 2],
			]),
		);
	});

	it.each([
		[['客户名称', '金额', '单价', 2026], 'unknown columns: "单价", "2026"'],
		[['客户名称'], 'missing required columns: 金额/Amount'],
		[['备注'], 'missing required columns: 客户名称/Customer name, 金额/Amount'],
		[['客户名称', 'Customer name', '金额'], 'repeated columns: "Customer name"'],
		[['Price', '金额', '金额'], 'unknown columns: "Price"; repeated columns: "金额"; missing required columns: 客户名称/Customer name'],
		[[], 'missing required columns: 客户名称/Customer name, 金额/Amount'],
	])('%j is 400 on file', (headerRow, problems) => {
		const e = errorOf(() => mapHeaders(headerRow, COLUMNS));
		expect(e).toBeInstanceOf(DomainError);
		expect(e).toMatchObject({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field: 'file' } });
		expect(e.message).toBe(`the header row does not match the template: ${problems}`);
	});
});

const column = (kind: ImportColumn['kind'], extra: Partial<ImportColumn> = {}): ImportColumn => ({
	key: kind,
	header: { zh: kind, en: kind },
	kind,
	...extra,
});
const utcDay = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

describe('readCell', () => {
	it.each<[string, ImportColumn, unknown, unknown]>([
		['text trimmed', column('text'), '  ACME 有限公司 ', 'ACME 有限公司'],
		['text from a number', column('text'), 13800138000, '13800138000'],
		['text at max', column('text', { max: 4 }), '客户名称', '客户名称'],
		['text counted in characters', column('text', { max: 3 }), '😀😀😀', '😀😀😀'],
		['rich text', column('text'), { richText: [{ text: '上海' }, { font: {}, text: '贸易' }] }, '上海贸易'],
		['a link', column('text'), { text: 'sales@example.cn', hyperlink: 'mailto:sales@example.cn' }, 'sales@example.cn'],
		['money string', column('money'), '12.3', '12.30'],
		['money number', column('money'), 12.3, '12.30'],
		['money zero', column('money'), 0, '0.00'],
		['money negative', column('money'), ' -5 ', '-5.00'],
		['money trailing zeros', column('money'), '12.300', '12.30'],
		['money float noise', column('money'), 0.1 + 0.2, '0.30'],
		['qty', column('qty'), '1.5', '1.500'],
		['qty number', column('qty'), 2, '2.000'],
		['qty thousandths', column('qty'), 0.125, '0.125'],
		['rate', column('rate'), '0.13', '0.1300'],
		['rate number', column('rate'), 0.09, '0.0900'],
		['int', column('int'), 3, 3],
		['int string', column('int'), ' -7 ', -7],
		['int whole float', column('int'), 4.0, 4],
		['ISO date', column('date'), '2026-03-05', '2026-03-05'],
		['slash date', column('date'), '2026/3/5', '2026-03-05'],
		['slash date padded', column('date'), ' 2026/03/05 ', '2026-03-05'],
		['leap day', column('date'), '2028/2/29', '2028-02-29'],
		['Date cell', column('date'), utcDay(2026, 3, 5), '2026-03-05'],
		['Date cell late in the UTC day', column('date'), utcDay(2026, 12, 31, 23, 59), '2026-12-31'],
		['choice by value', column('choice', { choices: SALES_TYPES }), 'domestic', 'domestic'],
		['choice by zh label', column('choice', { choices: SALES_TYPES }), ' 外销 ', 'export'],
		['choice by en label, any case', column('choice', { choices: SALES_TYPES }), 'EXPORT SALES', 'export'],
		['choice by a number', column('choice', { choices: [{ value: '1', label: { zh: '一级', en: 'Level 1' } }] }), 1, '1'],
	])('%s: %j → %j', (_, col, raw, value) => {
		expect(readCell(col, raw)).toEqual({ value });
	});

	it.each<[string, ImportColumn, unknown, string]>([
		['text too long', column('text', { max: 3 }), '客户名称', '文本过长/at most 3 characters, got 4'],
		['text from a boolean', column('text'), true, '文本/expected text, got true'],
		['text from a Date', column('text'), utcDay(2026, 3, 5), '文本/expected text, got "2026-03-05T00:00:00.000Z"'],
		['money with 3 decimals', column('money'), '12.345', '金额/expected an amount with at most 2 decimals, got "12.345"'],
		['money number with 3 decimals', column('money'), 12.345, '金额/expected an amount with at most 2 decimals, got 12.345'],
		['money words', column('money'), 'abc', '金额/expected an amount like 12.30, got "abc"'],
		['money with separators', column('money'), '1,000.00', '金额/expected an amount like 12.30, got "1,000.00"'],
		['money with a currency sign', column('money'), '¥12.30', '金额/expected an amount like 12.30, got "¥12.30"'],
		['money from a boolean', column('money'), false, '金额/expected an amount like 12.30, got false'],
		['money from a bigint', column('money'), 5n, '金额/expected an amount like 12.30, got 5'],
		['money error cell', column('money'), { error: '#N/A' }, '金额/expected an amount like 12.30, got {"error":"#N/A"}'],
		['qty with 4 decimals', column('qty'), '1.2345', '数量/expected a quantity with at most 3 decimals, got "1.2345"'],
		['qty words', column('qty'), 'five', '数量/expected a quantity like 1.5, got "five"'],
		['rate as percent', column('rate'), '13%', '税率/expected a rate like 0.13, got "13%"'],
		['rate with 5 decimals', column('rate'), 0.12345, '税率/expected a rate with at most 4 decimals, got 0.12345'],
		['int fraction', column('int'), 3.5, '整数/expected a whole number, got 3.5'],
		['int fraction string', column('int'), '3.5', '整数/expected a whole number, got "3.5"'],
		['int exponent', column('int'), '1e3', '整数/expected a whole number, got "1e3"'],
		['int too large', column('int'), 2 ** 53, '整数/expected a whole number, got 9007199254740992'],
		['no such day', column('date'), '2026-02-30', '日期/expected a date YYYY-MM-DD or YYYY/M/D, got "2026-02-30"'],
		['no such slash day', column('date'), '2026/2/29', '日期/expected a date YYYY-MM-DD or YYYY/M/D, got "2026/2/29"'],
		['unpadded dashes', column('date'), '2026-3-5', '日期/expected a date YYYY-MM-DD or YYYY/M/D, got "2026-3-5"'],
		['day first', column('date'), '05/03/2026', '日期/expected a date YYYY-MM-DD or YYYY/M/D, got "05/03/2026"'],
		['with a time', column('date'), '2026-03-05T10:00', '日期/expected a date YYYY-MM-DD or YYYY/M/D, got "2026-03-05T10:00"'],
		['serial number', column('date'), 46086, '日期/expected a date YYYY-MM-DD or YYYY/M/D, got 46086'],
		['invalid Date', column('date'), new Date('soon'), '日期/expected a date YYYY-MM-DD or YYYY/M/D, got null'],
		[
			'unknown choice',
			column('choice', { choices: SALES_TYPES }),
			'other',
			'选项/expected one of 内销/Domestic, 外销/Export sales, got "other"',
		],
		[
			'choice from a boolean',
			column('choice', { choices: SALES_TYPES }),
			true,
			'选项/expected one of 内销/Domestic, 外销/Export sales, got true',
		],
	])('%s → error', (_, col, raw, error) => {
		expect(readCell(col, raw)).toEqual({ error });
	});

	const KINDS: Array<ImportColumn['kind']> = ['text', 'money', 'qty', 'rate', 'int', 'date', 'choice'];
	const EMPTY: unknown[] = [null, undefined, '', '  \t', { richText: [] }, { richText: [{ text: ' ' }] }];

	it.each(KINDS)('empty %s cells are null when optional, required when required', (kind) => {
		for (const raw of EMPTY) {
			expect(readCell(column(kind), raw)).toEqual({ value: null });
			expect(readCell(column(kind, { required: true }), raw)).toEqual({ error: '必填/required' });
		}
	});

	it.each(KINDS)('a %s formula is refused whatever its result', (kind) => {
		for (const raw of [{ formula: 'B2*C2', result: 12.3 }, { sharedFormula: 'D2', result: '2026-03-05' }, { formula: 'A1' }]) {
			expect(readCell(column(kind), raw)).toEqual({ error: '公式/formula not allowed, enter the value' });
		}
	});
});

describe('readRow', () => {
	const { index } = mapHeaders(['客户名称', '金额', '销售类型', '交货日期'], COLUMNS);

	it('reads the values of the columns the file has', () => {
		expect(readRow(2, ['ACME 有限公司', 1200, '内销', utcDay(2026, 3, 5)], COLUMNS, index)).toEqual({
			values: { customer_name: 'ACME 有限公司', amount: '1200.00', sales_type: 'domestic', delivery_date: '2026-03-05' },
			errors: [],
		});
	});

	it('gives empty optional cells as null and leaves columns the file lacks out', () => {
		const { values } = readRow(3, ['ACME', '5', ''], COLUMNS, index);
		expect(values).toEqual({ customer_name: 'ACME', amount: '5.00', sales_type: null, delivery_date: null });
		expect('remark' in values).toBe(false);
	});

	it('reports each bad cell with its row and field, keeping the good ones', () => {
		expect(readRow(7, ['', '12.345', 'Export sales', '2026/13/1'], COLUMNS, index)).toEqual({
			values: { sales_type: 'export' },
			errors: [
				{ row: 7, field: 'customer_name', code: 'INVALID_PAYLOAD', message: '必填/required' },
				{ row: 7, field: 'amount', code: 'INVALID_PAYLOAD', message: '金额/expected an amount with at most 2 decimals, got "12.345"' },
				{
					row: 7,
					field: 'delivery_date',
					code: 'INVALID_PAYLOAD',
					message: '日期/expected a date YYYY-MM-DD or YYYY/M/D, got "2026/13/1"',
				},
			],
		});
	});

	it('reads a too-short row as empty cells', () => {
		expect(readRow(4, [], COLUMNS, index).errors.map((e) => e.field)).toEqual(['customer_name', 'amount']);
	});
});

describe('assertRowLimit', () => {
	it.each([0, 1, MAX_IMPORT_ROWS])('%i rows pass', (count) => {
		expect(() => assertRowLimit(count)).not.toThrow();
	});

	it('refuses more than 5000 rows by default, naming both numbers', () => {
		expect(MAX_IMPORT_ROWS).toBe(5000);
		const e = errorOf(() => assertRowLimit(5001));
		expect(e).toBeInstanceOf(DomainError);
		expect(e).toMatchObject({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field: 'file' } });
		expect(e.message).toBe('the file has 5001 data rows, an import takes at most 5000; split it into smaller files');
	});

	it('takes a configured limit', () => {
		expect(() => assertRowLimit(3, 3)).not.toThrow();
		expect(errorOf(() => assertRowLimit(4, 3)).message).toContain('at most 3');
	});
});

describe('parseCsv', () => {
	it.each<[string, string[][]]>([
		[
			'\uFEFFa,b\r\n1,2\r\n',
			[
				['a', 'b'],
				['1', '2'],
			],
		],
		[
			'a,b\n1,2',
			[
				['a', 'b'],
				['1', '2'],
			],
		],
		['a\n\nb\n', [['a'], [''], ['b']]],
		['"0571",x', [['0571', 'x']]],
		['', []],
	])('reads %j', (text, records) => {
		expect(parseCsv(text)).toEqual(records);
	});

	it('refuses a quote left open', () => {
		expect(errorOf(() => parseCsv('a,"b\n')).message).toBe('the CSV file ends inside a quoted field');
	});
});
