import { describe, expect, it } from 'vitest';
import { BATCH_HEAD_COLUMNS, BATCH_LINE_COLUMNS, type BatchInvoice, type BatchInvoiceLine, batchRows } from './batch';

const line = (over: Partial<BatchInvoiceLine> = {}): BatchInvoiceLine => ({
	sku: 'SKU-001',
	name: '可编程控制器',
	spec: 'S7-1200',
	unit: '台',
	tax_code: '1090511990000000000',
	category: '电子元件',
	quantity: '2',
	unit_price: '113.00',
	total: '226.00',
	tax_rate: '0.13',
	tax: '26.00',
	...over,
});

const invoice = (over: Partial<BatchInvoice> = {}): BatchInvoice => ({
	number: 'INV-2025-000001',
	type: 'vat_special',
	buyer_name: '上海某某机电有限公司',
	buyer_tax_id: '91350100M000100Y43',
	buyer_address_phone: '上海市浦东新区张江路100号 021-58881234',
	buyer_bank_account: '中国工商银行上海张江支行 1001234509876543210',
	lines: [line()],
	...over,
});

const warningsOf = (inv: BatchInvoice) => batchRows([inv]).warnings;

describe('column tables', () => {
	it.each([
		['heads', BATCH_HEAD_COLUMNS],
		['lines', BATCH_LINE_COLUMNS],
	] as const)('%s: headers and keys are unique and every kind is known', (_, columns) => {
		expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
		expect(new Set(columns.map((c) => c.key)).size).toBe(columns.length);
		for (const c of columns) expect(['text', 'number', 'money']).toContain(c.kind);
	});

	it('rows carry exactly the keys of their table, so the writer can go by the table alone', () => {
		const { heads, lines } = batchRows([invoice()]);
		expect(Object.keys(heads[0]!).sort()).toEqual(BATCH_HEAD_COLUMNS.map((c) => c.key).sort());
		expect(Object.keys(lines[0]!).sort()).toEqual(BATCH_LINE_COLUMNS.map((c) => c.key).sort());
	});

	it('joins both sheets by 发票流水号, first in each', () => {
		expect(BATCH_HEAD_COLUMNS[0]).toEqual({ header: '发票流水号', key: 'serial', kind: 'text' });
		expect(BATCH_LINE_COLUMNS[0]).toEqual({ header: '发票流水号', key: 'serial', kind: 'text' });
	});
});

describe('batchRows', () => {
	it('produces the head and line of a complete 专票 without warnings', () => {
		expect(batchRows([invoice()])).toEqual({
			heads: [
				{
					serial: 'INV-2025-000001',
					type: '数电票（增值税专用发票）',
					tax_inclusive: '是',
					buyer_name: '上海某某机电有限公司',
					buyer_tax_id: '91350100M000100Y43',
					buyer_address: '上海市浦东新区张江路100号',
					buyer_phone: '021-58881234',
					buyer_bank: '中国工商银行上海张江支行',
					buyer_account: '1001234509876543210',
					remark: 'INV-2025-000001',
				},
			],
			lines: [
				{
					serial: 'INV-2025-000001',
					goods_name: '*电子元件*可编程控制器',
					tax_code: '1090511990000000000',
					spec: 'S7-1200',
					unit: '台',
					quantity: '2',
					unit_price: '113.00',
					total: '226.00',
					tax_rate: '0.13',
					tax: '26.00',
				},
			],
			warnings: [],
		});
	});

	it('returns nothing for no invoices', () => {
		expect(batchRows([])).toEqual({ heads: [], lines: [], warnings: [] });
	});

	it('keeps invoices and their lines in order, each line under its invoice number', () => {
		const { heads, lines } = batchRows([
			invoice({ number: 'INV-2025-000002', lines: [line({ sku: 'A' }), line({ sku: 'B', name: '伺服电机' })] }),
			invoice({ number: 'INV-2025-000003', type: 'vat_ordinary' }),
		]);
		expect(heads.map((h) => [h.serial, h.type])).toEqual([
			['INV-2025-000002', '数电票（增值税专用发票）'],
			['INV-2025-000003', '数电票（普通发票）'],
		]);
		expect(lines.map((l) => [l.serial, l.goods_name])).toEqual([
			['INV-2025-000002', '*电子元件*可编程控制器'],
			['INV-2025-000002', '*电子元件*伺服电机'],
			['INV-2025-000003', '*电子元件*可编程控制器'],
		]);
	});

	it.each([
		[null, 'INV-2025-000001'],
		['', 'INV-2025-000001'],
		['  合同 CT-2025-000009  ', 'INV-2025-000001 合同 CT-2025-000009'],
		['见 INV-2025-000001 附件', '见 INV-2025-000001 附件'],
	])('备注 %j always contains the invoice number: %s', (remark, expected) => {
		expect(batchRows([invoice({ remark })]).heads[0]!.remark).toBe(expected);
	});

	it.each([
		['上海市浦东新区张江路100号 021-58881234', '上海市浦东新区张江路100号', '021-58881234'],
		['上海市浦东新区张江路100号021-58881234', '上海市浦东新区张江路100号', '021-58881234'],
		['北京市海淀区中关村大街1号 电话：010-12345678', '北京市海淀区中关村大街1号', '010-12345678'],
		['深圳市南山区科技园1201室, 13800138000', '深圳市南山区科技园1201室', '13800138000'],
		['广州市天河路8号 (020)8888 6666', '广州市天河路8号', '(020)8888 6666'],
		['苏州工业园区星湖街328号 0512-66668888 转财务', '苏州工业园区星湖街328号 转财务', '0512-66668888'],
		['杭州市西湖区文三路90号', '杭州市西湖区文三路90号', ''],
		['13800138000', '', '13800138000'],
		['', '', ''],
		[null, '', ''],
	])('splits 地址电话 %j into address %j and phone %j', (addressPhone, address, phone) => {
		const head = batchRows([invoice({ type: 'vat_ordinary', buyer_address_phone: addressPhone })]).heads[0]!;
		expect([head.buyer_address, head.buyer_phone]).toEqual([address, phone]);
	});

	it.each([
		['中国工商银行上海张江支行 1001234509876543210', '中国工商银行上海张江支行', '1001234509876543210'],
		['招商银行深圳分行营业部755912345610801', '招商银行深圳分行营业部', '755912345610801'],
		['中国银行北京中关村支行 账号：3456 7890 1234 5678', '中国银行北京中关村支行', '3456 7890 1234 5678'],
		['建设银行第2支行 44050-1234567', '建设银行第2支行', '44050-1234567'],
		['中国农业银行', '中国农业银行', ''],
		[null, '', ''],
	])('splits 开户行及账号 %j into bank %j and account %j', (bankAccount, bank, account) => {
		const head = batchRows([invoice({ type: 'vat_ordinary', buyer_bank_account: bankAccount })]).heads[0]!;
		expect([head.buyer_bank, head.buyer_account]).toEqual([bank, account]);
	});

	it.each([
		['quantity with trailing zeros', { quantity: '2.500', total: '282.50', tax: '32.50' }, 'quantity', '2.5'],
		['a fraction of a unit', { quantity: '0.001', unit_price: '1000.00', total: '1.00', tax: '0.12' }, 'quantity', '0.001'],
		['a 9 % rate', { tax_rate: '0.0900', tax: '18.66' }, 'tax_rate', '0.09'],
		['a zero rate', { tax_rate: '0', tax: '0' }, 'tax_rate', '0'],
		['money read from a number', { unit_price: 113, total: 226 }, 'unit_price', '113.00'],
		['half a fen of float noise rounds away from zero', { total: '226.005' }, 'total', '226.01'],
		['a blank spec', { spec: null }, 'spec', ''],
		['a blank unit', { unit: '  ' }, 'unit', ''],
		['no category', { category: null }, 'goods_name', '可编程控制器'],
	])('formats %s', (_, over, key, expected) => {
		expect(batchRows([invoice({ lines: [line(over)] })]).lines[0]![key as keyof ReturnType<typeof batchRows>['lines'][number]]).toBe(
			expected,
		);
	});

	describe('warnings (rows are produced anyway)', () => {
		it.each([
			['no tax code', { tax_code: null }, 'tax_code', 'INV-2025-000001 SKU-001: no tax classification code (税收分类编码)'],
			['a blank tax code', { tax_code: ' ' }, 'tax_code', 'INV-2025-000001 SKU-001: no tax classification code (税收分类编码)'],
			[
				'a short tax code',
				{ tax_code: '109051199' },
				'tax_code',
				'INV-2025-000001 SKU-001: tax code (税收分类编码) must be 19 digits, got 109051199',
			],
			[
				'an amount off quantity × price by more than 0.01',
				{ total: '226.02', tax: '26.00' },
				'total',
				'INV-2025-000001 SKU-001: amount 226.02 is not quantity 2 × price 113.00 = 226.00',
			],
			['a tax off by more than 0.06', { tax: '26.07' }, 'tax', 'INV-2025-000001 SKU-001: tax 26.07 is not 26.00 (amount 226.00 at 0.13)'],
		])('%s', (_, over, field, message) => {
			const { lines, warnings } = batchRows([invoice({ lines: [line(over)] })]);
			expect(lines).toHaveLength(1);
			expect(warnings).toEqual([{ invoice: 'INV-2025-000001', field, message }]);
		});

		it.each([
			['an amount off by exactly 0.01', { total: '226.01', tax: '26.00' }],
			['a tax off by exactly 0.06', { tax: '26.06' }],
			['a tax off by −0.06', { tax: '25.94' }],
		])('tolerates %s, as the platform does', (_, over) => {
			expect(warningsOf(invoice({ lines: [line(over)] }))).toEqual([]);
		});

		it.each([
			['a wrong check character', '91350100M000100Y44', 'INV-2025-000001: taxpayer ID check character (position 18) should be 3, got 4'],
			[
				'a wrong length',
				'9135010000010012',
				'INV-2025-000001: taxpayer ID must have 18 characters (older IDs 15, 17 or 20 of 0-9 and A-Z), got 16: 9135010000010012',
			],
		])('a buyer taxpayer ID with %s', (_, id, message) => {
			const { heads, warnings } = batchRows([invoice({ buyer_tax_id: id })]);
			expect(heads[0]!.buyer_tax_id).toBe(id);
			expect(warnings).toEqual([{ invoice: 'INV-2025-000001', field: 'buyer_tax_id', message }]);
		});

		it('accepts a legacy taxpayer ID and trims the one written', () => {
			expect(warningsOf(invoice({ buyer_tax_id: '110108633702368' }))).toEqual([]);
			expect(batchRows([invoice({ buyer_tax_id: ' 91350100M000100Y43 ' })]).heads[0]!.buyer_tax_id).toBe('91350100M000100Y43');
		});

		it('a 专票 without the buyer taxpayer ID, address, phone, bank or account warns per group', () => {
			expect(warningsOf(invoice({ buyer_tax_id: null, buyer_address_phone: '杭州市文三路90号', buyer_bank_account: '' }))).toEqual([
				{ invoice: 'INV-2025-000001', field: 'buyer_tax_id', message: "INV-2025-000001: a 专票 needs the buyer's taxpayer ID" },
				{
					invoice: 'INV-2025-000001',
					field: 'buyer_address_phone',
					message: 'INV-2025-000001: a 专票 needs the buyer\'s phone, got "杭州市文三路90号"',
				},
				{
					invoice: 'INV-2025-000001',
					field: 'buyer_bank_account',
					message: 'INV-2025-000001: a 专票 needs the buyer\'s bank and account, got ""',
				},
			]);
		});

		it.each([
			['only a phone', 'address', '13800138000'],
			['nothing', 'address and phone', null],
		])('a 专票 with %s in 地址电话 misses its %s', (_, missing, addressPhone) => {
			expect(warningsOf(invoice({ buyer_address_phone: addressPhone }))).toEqual([
				{
					invoice: 'INV-2025-000001',
					field: 'buyer_address_phone',
					message: `INV-2025-000001: a 专票 needs the buyer's ${missing}, got "${addressPhone ?? ''}"`,
				},
			]);
		});

		it('a 普票 needs neither taxpayer ID nor address nor bank (a private buyer)', () => {
			expect(
				warningsOf(invoice({ type: 'vat_ordinary', buyer_tax_id: null, buyer_address_phone: null, buyer_bank_account: null })),
			).toEqual([]);
		});

		it('an invoice without lines', () => {
			const { heads, lines, warnings } = batchRows([invoice({ lines: [] })]);
			expect([heads.length, lines.length]).toEqual([1, 0]);
			expect(warnings).toEqual([{ invoice: 'INV-2025-000001', field: 'lines', message: 'INV-2025-000001: no lines to issue' }]);
		});

		it('collects the warnings of every invoice and line, each naming its invoice', () => {
			const { warnings } = batchRows([
				invoice({ lines: [line({ tax_code: null }), line({ sku: 'SKU-002', tax_code: null })] }),
				invoice({ number: 'INV-2025-000002', buyer_tax_id: 'X' }),
			]);
			expect(warnings.map((w) => [w.invoice, w.field])).toEqual([
				['INV-2025-000001', 'tax_code'],
				['INV-2025-000001', 'tax_code'],
				['INV-2025-000002', 'buyer_tax_id'],
			]);
		});
	});

	describe('bad input is refused, naming the invoice, line and field', () => {
		it.each([
			['quantity', { quantity: 'two' }, 'INV-2025-000001 SKU-001: quantity must be a decimal number like 123.45, got "two"'],
			['unit_price', { unit_price: '1e2' }, 'INV-2025-000001 SKU-001: unit_price must be a decimal number like 123.45, got "1e2"'],
			['total', { total: '' }, 'INV-2025-000001 SKU-001: total must be a decimal number like 123.45, got ""'],
			['tax', { tax: Number.NaN }, 'INV-2025-000001 SKU-001: tax must be a finite number, got NaN'],
			['tax_rate', { tax_rate: '13%' }, 'INV-2025-000001 SKU-001: tax_rate must be a decimal number like 123.45, got "13%"'],
			['tax_rate', { tax_rate: '13' }, 'INV-2025-000001 SKU-001: tax_rate must be between 0 and 1 (0.13 = 13%), got 13'],
			['tax_rate', { tax_rate: '-0.13' }, 'INV-2025-000001 SKU-001: tax_rate must be between 0 and 1 (0.13 = 13%), got -0.13'],
		])('%s: %j', (field, over, message) => {
			expect(() => batchRows([invoice({ lines: [line(over)] })])).toThrow(
				expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, message, extensions: { field } }),
			);
		});

		it('an unknown invoice type', () => {
			expect(() => batchRows([invoice({ type: 'paper' as BatchInvoice['type'] })])).toThrow(
				expect.objectContaining({
					code: 'INVALID_PAYLOAD',
					message: 'INV-2025-000001: type must be vat_special or vat_ordinary, got "paper"',
					extensions: { field: 'type' },
				}),
			);
		});
	});
});
