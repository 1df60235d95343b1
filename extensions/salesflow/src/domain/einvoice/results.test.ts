import { describe, expect, it } from 'vitest';
import { type EinvoiceResult, RESULT_HEADER_ALIASES, readResultRows, resultFromXml } from './results';

const BLUE = '25312000000012345678';
const RED = '25312000000087654321';
const US = '91350100M000100Y43';
const BUYER = '91440300708461136T';

const blueResult = (over: Partial<EinvoiceResult> = {}): EinvoiceResult => ({
	row: 2,
	number: BLUE,
	buyerTaxId: BUYER,
	buyerName: '深圳某某科技有限公司',
	sellerTaxId: US,
	date: '2025-01-05',
	amountExcl: '200.00',
	tax: '26.00',
	total: '226.00',
	positive: true,
	redConfirmationNo: null,
	remark: 'INV-2025-000001',
	...over,
});

const redResult = (over: Partial<EinvoiceResult> = {}): EinvoiceResult =>
	blueResult({
		row: 3,
		number: RED,
		amountExcl: '-100.00',
		tax: '-13.00',
		total: '-113.00',
		positive: false,
		redConfirmationNo: '44030025011100000123',
		remark: 'INV-2025-000002',
		...over,
	});

// Each export names the columns differently; every variant reads to the same results.
const VARIANTS: Array<[string, unknown[], unknown[][], EinvoiceResult[]]> = [
	[
		'全量发票查询 (发票号码 and 数电票号码, 是否正数发票)',
		[
			'序号',
			'发票代码',
			'发票号码',
			'数电票号码',
			'销方识别号',
			'销方名称',
			'购方识别号',
			'购买方名称',
			'开票日期',
			'金额',
			'税额',
			'价税合计',
			'发票票种',
			'发票状态',
			'是否正数发票',
			'备注',
		],
		[
			[
				1,
				'',
				BLUE,
				BLUE,
				US,
				'我司',
				BUYER,
				'深圳某某科技有限公司',
				'2025-01-05 10:11:12',
				'200.00',
				'26.00',
				'226.00',
				'数电票（增值税专用发票）',
				'正常',
				'是',
				'INV-2025-000001',
			],
			[
				2,
				'',
				RED,
				RED,
				US,
				'我司',
				BUYER,
				'深圳某某科技有限公司',
				'2025-01-05',
				'-100',
				'-13',
				'-113',
				'数电票（增值税专用发票）',
				'正常',
				'否',
				'INV-2025-000002 红字发票信息确认单编号：44030025011100000123',
			],
		],
		[blueResult(), redResult({ remark: 'INV-2025-000002 红字发票信息确认单编号：44030025011100000123' })],
	],
	[
		'数电票号码, 购买方纳税人识别号, 票种 with 红字, a confirmation column',
		[
			'数电票号码',
			'购买方纳税人识别号',
			'购买方名称',
			'销售方识别号',
			'开票日期',
			'金额',
			'税额',
			'价税合计',
			'票种',
			'红字确认单编号',
			'备注',
		],
		[
			[BLUE, BUYER, '深圳某某科技有限公司', US, '2025/1/5', 200, 26, 226, '数电票（增值税专用发票）', '', 'INV-2025-000001'],
			[
				RED,
				BUYER,
				'深圳某某科技有限公司',
				US,
				'2025/1/5',
				-100,
				-13,
				-113,
				'数电票（增值税专用发票）（红字）',
				'44030025011100000123',
				'INV-2025-000002',
			],
		],
		[blueResult(), redResult()],
	],
	[
		'发票号码, 购买方识别号, 购方名称, units in the headers, 发票状态 with 红字, unsigned red amounts',
		[
			'发票号码',
			'购买方识别号',
			'购方名称',
			'销售方纳税人识别号',
			'开票日期',
			'金额（元）',
			'税额（元）',
			'价税合计（元）',
			'发票状态',
			'红字发票信息确认单编号',
			'备注',
		],
		[
			[BLUE, BUYER, '深圳某某科技有限公司', US, '2025年01月05日', '200.00', '26.00', '226.00', '正常', null, 'INV-2025-000001'],
			[
				RED,
				BUYER,
				'深圳某某科技有限公司',
				US,
				'2025年1月5日',
				'100.00',
				'13.00',
				'113.00',
				'红字发票',
				'44030025011100000123',
				'INV-2025-000002',
			],
		],
		[blueResult(), redResult()],
	],
	[
		'购方识别号 with no seller, no remark and no red flag (the sign decides)',
		['*数电票号码', ' 购方识别号 ', '购方名称', '开票日期', '金额(元)', '税额(元)', '价税合计(元)', '红字确认单编号'],
		[
			[BLUE, BUYER, '深圳某某科技有限公司', new Date(Date.UTC(2025, 0, 5)), '200.00', '26.00', '226.00', ''],
			[RED, BUYER, '深圳某某科技有限公司', new Date(Date.UTC(2025, 0, 5, 10)), '-100.00', '-13.00', '-113.00', '44030025011100000123'],
		],
		[blueResult({ sellerTaxId: null, remark: null }), redResult({ sellerTaxId: null, remark: null })],
	],
];

const header = ['数电票号码', '购买方纳税人识别号', '购买方名称', '开票日期', '金额', '税额', '价税合计', '是否正数发票', '备注'];
const row = (over: Record<string, unknown> = {}) => {
	const base: Record<string, unknown> = {
		数电票号码: BLUE,
		购买方纳税人识别号: BUYER,
		购买方名称: '深圳某某科技有限公司',
		开票日期: '2025-01-05',
		金额: '200.00',
		税额: '26.00',
		价税合计: '226.00',
		是否正数发票: '是',
		备注: 'INV-2025-000001',
		...over,
	};
	return header.map((h) => base[h]);
};
const readOne = (over: Record<string, unknown>) => readResultRows(header, [row(over)]);

describe('RESULT_HEADER_ALIASES', () => {
	it('no header names two fields', () => {
		const headers = Object.values(RESULT_HEADER_ALIASES).flatMap((f) => f.headers);
		expect(new Set(headers).size).toBe(headers.length);
	});
});

describe('readResultRows', () => {
	it.each(VARIANTS)('reads the export: %s', (_, headerRow, rows, expected) => {
		expect(readResultRows(headerRow, rows)).toEqual({ results: expected, errors: [] });
	});

	it('skips empty rows and numbers the rest as sheet rows from firstRow', () => {
		const { results, errors } = readResultRows(
			header,
			[[], row(), ['', null, undefined], row({ 数电票号码: RED }), row({ 数电票号码: '1' })],
			4,
		);
		expect(results.map((r) => [r.row, r.number])).toEqual([
			[5, BLUE],
			[7, RED],
		]);
		expect(errors.map((e) => e.row)).toEqual([8]);
	});

	it('reads nothing from no rows', () => {
		expect(readResultRows(header, [])).toEqual({ results: [], errors: [] });
	});

	it.each([
		['2025-01-05', '2025-01-05'],
		['2025-1-5', '2025-01-05'],
		['2025/1/5', '2025-01-05'],
		['2025/01/05 08:00:00', '2025-01-05'],
		['2025.01.05', '2025-01-05'],
		['2025年01月05日', '2025-01-05'],
		['2025年1月5日 10:11:12', '2025-01-05'],
		['2024-02-29', '2024-02-29'],
		[new Date(Date.UTC(2025, 11, 31, 23, 59)), '2025-12-31'],
	])('reads the date %j as %s', (date, expected) => {
		expect(readOne({ 开票日期: date }).results[0]!.date).toBe(expected);
	});

	it.each([
		['2025-02-30', '"2025-02-30"'],
		['05/01/2025', '"05/01/2025"'],
		['2025-13-01', '"2025-13-01"'],
		['', '""'],
		[45662, '45662'], // an Excel serial: the reader should hand over a Date
		[new Date(Number.NaN), '""'],
	])('refuses the date %j', (date, shown) => {
		expect(readOne({ 开票日期: date }).errors).toEqual([
			{ row: 2, field: 'date', code: 'INVALID_PAYLOAD', message: `row 2: 开票日期 must be a date like 2025-01-05, got ${shown}` },
		]);
	});

	it.each([
		['1,234.50', '1,095.13', '139.37', '1234.50'],
		['¥1,234.50', '￥1095.13', ' 139.37 ', '1234.50'],
		[1234.5, 1095.13, 139.37, '1234.50'],
		['0.01', '0.01', '0', '0.01'],
		['0', '0', '0', '0.00'],
	])('reads the total %j (金额 %j, 税额 %j) as %s', (total, excl, tax, expected) => {
		const { results, errors } = readOne({ 价税合计: total, 金额: excl, 税额: tax });
		expect(errors).toEqual([]);
		expect(results[0]!.total).toBe(expected);
	});

	it.each([
		['金额', 'amountExcl', '200.001', 'row 2: 金额 has more than 2 decimals, got "200.001"'],
		['税额', 'tax', 'abc', 'row 2: 税额 must be an amount like 123.45, got "abc"'],
		['价税合计', 'total', '', 'row 2: 价税合计 is empty'],
		['价税合计', 'total', null, 'row 2: 价税合计 is empty'],
		['价税合计', 'total', true, 'row 2: 价税合计 must be an amount like 123.45, got true'],
		['价税合计', 'total', '1e3', 'row 2: 价税合计 must be an amount like 123.45, got "1e3"'],
	])('refuses the %s %j', (column, field, value, message) => {
		expect(readOne({ [column]: value })).toEqual({ results: [], errors: [{ row: 2, field, code: 'INVALID_PAYLOAD', message }] });
	});

	it.each([
		['19 digits', '2531200000001234567', 'row 2: 数电票号码 must be 20 digits, got "2531200000001234567" (19)'],
		['an old 8-digit number', '01234567', 'row 2: 数电票号码 must be 20 digits, got "01234567" (8)'],
		['letters', '2531200000001234567X', 'row 2: 数电票号码 must be 20 digits, got "2531200000001234567X" (20)'],
		['nothing', '', 'row 2: 数电票号码 must be 20 digits, got "" (0)'],
		['a number cell of 8 digits', 12345678, 'row 2: 数电票号码 must be 20 digits, got "12345678" (8)'],
		[
			'a number cell that lost digits (and still prints 20)',
			Number(BLUE), // what a reader makes of a 20-digit General cell
			'row 2: 数电票号码 was read as the number 25312000000012345000 and has lost digits: format the column as text',
		],
		[
			'a number cell in exponent form',
			2.5312e25,
			'row 2: 数电票号码 was read as the number 2.5312e+25 and has lost digits: format the column as text',
		],
	])('refuses an e-invoice number with %s', (_, number, message) => {
		const { errors } = readOne({ 数电票号码: number });
		expect(errors).toEqual([{ row: 2, field: 'number', code: 'INVALID_PAYLOAD', message }]);
	});

	it('trims the number and IDs and keeps an empty buyer ID as null (a private buyer)', () => {
		expect(readOne({ 数电票号码: ` ${BLUE} `, 购买方纳税人识别号: '  ', 备注: '' }).results[0]).toEqual(
			blueResult({ buyerTaxId: null, sellerTaxId: null, remark: null }),
		);
	});

	it('is red when 是否正数发票 says 否, turning unsigned amounts negative', () => {
		const r = readOne({ 是否正数发票: '否', 备注: '红字确认单编号:44030025011100000999' }).results[0]!;
		expect([r.positive, r.amountExcl, r.tax, r.total, r.redConfirmationNo]).toEqual([
			false,
			'-200.00',
			'-26.00',
			'-226.00',
			'44030025011100000999',
		]);
	});

	it.each([
		['是否正数发票 neither 是 nor 否', { 是否正数发票: 'Y' }, 'positive', 'row 2: 是否正数发票 must be 是 or 否, got Y'],
		[
			'a blue row with a negative total',
			{ 金额: '-200.00', 税额: '-26.00', 价税合计: '-226.00' },
			'positive',
			'row 2: 是否正数发票 is 是 but 价税合计 is negative: -226.00',
		],
		['amounts that do not add up', { 税额: '26.01' }, 'total', 'row 2: 金额 200.00 + 税额 26.01 is not 价税合计 226.00'],
	])('refuses %s', (_, over, field, message) => {
		expect(readOne(over).errors).toEqual([{ row: 2, field, code: 'INVALID_PAYLOAD', message }]);
	});

	it.each([
		['a negative total whatever 发票状态 says', '正常', '-226.00', false],
		['红字 in 发票状态 with unsigned amounts', '红字', '226.00', false],
		['neither', '正常', '226.00', true],
	])('without 是否正数发票, red by %s', (_, status, total, positive) => {
		const headers = ['数电票号码', '购方识别号', '购方名称', '开票日期', '金额', '税额', '价税合计', '发票状态'];
		const amounts = total.startsWith('-') ? ['-200.00', '-26.00'] : ['200.00', '26.00'];
		const { results } = readResultRows(headers, [[BLUE, BUYER, 'x', '2025-01-05', ...amounts, total, status]]);
		expect([results[0]!.positive, results[0]!.total]).toEqual([positive, positive ? '226.00' : '-226.00']);
	});

	it('reports every problem of a row and leaves the row out', () => {
		const { results, errors } = readOne({ 数电票号码: 'x', 开票日期: 'soon', 金额: 'a', 是否正数发票: '?' });
		expect(results).toEqual([]);
		expect(errors.map((e) => e.field)).toEqual(['number', 'date', 'amountExcl', 'positive']);
	});

	it('refuses a file without a required column, naming each with its aliases', () => {
		expect(() => readResultRows(['发票号码', '购方名称', '开票日期', '金额', '税额', null, '备注'], [])).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				status: 400,
				message:
					'the invoice list has no column 购买方纳税人识别号 / 购买方识别号 / 购方识别号, 价税合计; its headers are 发票号码, 购方名称, 开票日期, 金额, 税额, 备注',
				extensions: { field: 'file' },
			}),
		);
	});

	it('takes the first non-empty of several number columns, 数电票号码 first', () => {
		const headers = ['发票号码', '数电票号码', '购方识别号', '购方名称', '开票日期', '金额', '税额', '价税合计'];
		const { results } = readResultRows(headers, [
			['99999999999999999999', BLUE, BUYER, 'x', '2025-01-05', '1.00', '0', '1.00'],
			[RED, '', BUYER, 'x', '2025-01-05', '1.00', '0', '1.00'],
		]);
		expect(results.map((r) => r.number)).toEqual([BLUE, RED]);
	});
});

/** A digital invoice XML as fast-xml-parser hands it over (elements → properties, text → strings). */
const xml = (over: { basic?: object; remark?: string; supervision?: object } = {}) => ({
	'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
	EInvoice: {
		Header: { EIid: BLUE, EInvoiceTag: 'SWEI3200', Version: '0.1' },
		EInvoiceData: {
			SellerInformation: { SellerIdNum: US, SellerName: '我司' },
			BuyerInformation: { BuyerIdNum: BUYER, BuyerName: '深圳某某科技有限公司' },
			BasicInformation: {
				TotalAmWithoutTax: '200.00',
				TotalTaxAm: '26.00',
				'TotalTax-includedAmount': '226.00',
				TotalTaxincludedAmountInChinese: '贰佰贰拾陆圆整',
				RequestTime: '2025-01-04 23:59:59',
				...over.basic,
			},
			IssuItemInformation: [
				{ ItemName: '*电子元件*可编程控制器', Amount: '150.00', Remark: 'not the invoice remark' },
				{ ItemName: '*电子元件*伺服电机', Amount: '50.00' },
			],
			AdditionalInformation: { Remark: over.remark ?? 'INV-2025-000001' },
		},
		TaxSupervisionInfo: { InvoiceNumber: BLUE, IssueTime: '2025-01-05 10:11:12', TaxBureauCode: '14403000000', ...over.supervision },
	},
});

describe('resultFromXml', () => {
	it('reads an issued blue invoice', () => {
		expect(resultFromXml(xml())).toEqual(blueResult({ row: 1 }));
	});

	it('takes the position the caller gives as row', () => {
		expect(resultFromXml(xml(), 7).row).toBe(7);
	});

	it('reads a red invoice by its negative amounts, its confirmation from 备注', () => {
		const doc = xml({
			basic: { TotalAmWithoutTax: '-100.00', TotalTaxAm: '-13.00', 'TotalTax-includedAmount': '-113.00' },
			remark: 'INV-2025-000002 被红冲蓝字数电发票号码：25312000000012345678 红字发票信息确认单编号：44030025011100000123',
			supervision: { InvoiceNumber: RED },
		});
		expect(resultFromXml(doc)).toEqual(
			redResult({
				row: 1,
				remark: 'INV-2025-000002 被红冲蓝字数电发票号码：25312000000012345678 红字发票信息确认单编号：44030025011100000123',
			}),
		);
	});

	it('is lenient about nesting, namespaces, attributes and repeated elements', () => {
		const doc = {
			'ns:EInvoice': {
				Wrapper: {
					'ns:BuyerInformation': {
						'ns:BuyerIdNum': { '#text': BUYER, '@_type': 'x' },
						'ns:BuyerName': ['深圳某某科技有限公司', 'ignored'],
					},
					Deeper: { SellerIdNum: US, Amounts: { TotalAmWithoutTax: 200, TotalTaxAm: 26, 'TotalTax-includedAmount': 226 } },
				},
				TaxSupervisionInfo: [{ InvoiceNumber: BLUE, IssueTime: '2025-01-05T10:11:12' }],
				Remark: 'INV-2025-000001',
			},
		};
		expect(resultFromXml(doc)).toEqual(blueResult({ row: 1 }));
	});

	it('falls back to RequestTime without an IssueTime', () => {
		expect(resultFromXml(xml({ supervision: { IssueTime: '' } })).date).toBe('2025-01-04');
	});

	it.each([
		[
			'no invoice number',
			xml({ supervision: { InvoiceNumber: undefined } }),
			'number',
			'invoice XML: 数电票号码 must be 20 digits, got "" (0)',
		],
		[
			'a bad amount and date',
			xml({ basic: { TotalTaxAm: 'x' }, supervision: { IssueTime: 'soon' } }),
			'date',
			'invoice XML: 开票日期 must be a date like 2025-01-05, got "soon"; 税额 must be an amount like 123.45, got "x"',
		],
		[
			'not an object',
			'not xml',
			'number',
			'invoice XML: 数电票号码 must be 20 digits, got "" (0); 开票日期 must be a date like 2025-01-05, got ""; 金额 is empty; 税额 is empty; 价税合计 is empty',
		],
		[
			'nothing',
			null,
			'number',
			'invoice XML: 数电票号码 must be 20 digits, got "" (0); 开票日期 must be a date like 2025-01-05, got ""; 金额 is empty; 税额 is empty; 价税合计 is empty',
		],
	])('refuses %s naming the first bad field', (_, doc, field, message) => {
		expect(() => resultFromXml(doc)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, message, extensions: { field } }),
		);
	});
});
