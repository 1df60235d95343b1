import { describe, expect, it } from 'vitest';
import { checkTaxpayerId, goodsName, zEinvoiceNumber, zTaxCode } from './identifiers';

describe('zTaxCode', () => {
	it.each(['1090511990000000000', '3040407990000000000'])('accepts the 19 digits %s', (code) => {
		expect(zTaxCode.parse(code)).toBe(code);
	});

	it.each([
		['18 digits', '109051199000000000'],
		['20 digits', '10905119900000000000'],
		['a letter', '109051199000000000A'],
		['spaces', ' 1090511990000000000'],
		['empty', ''],
	])('refuses %s with its own message', (_, code) => {
		expect(zTaxCode.safeParse(code).error?.issues[0]?.message).toBe('tax code (税收分类编码) must be exactly 19 digits');
	});

	it('refuses a number (digits would be lost) with its own message', () => {
		expect(zTaxCode.safeParse(1090511990000000000).error?.issues[0]?.message).toBe('tax code (税收分类编码) must be a string of 19 digits');
	});
});

describe('zEinvoiceNumber', () => {
	it('accepts 20 digits', () => {
		expect(zEinvoiceNumber.parse('25312000000012345678')).toBe('25312000000012345678');
	});

	it.each([['2531200000001234567'], ['253120000000123456789'], ['2531200000001234567X'], ['']])('refuses %j', (n) => {
		expect(zEinvoiceNumber.safeParse(n).error?.issues[0]?.message).toBe('e-invoice number (数电票号码) must be exactly 20 digits');
	});

	it('refuses a number with its own message', () => {
		expect(zEinvoiceNumber.safeParse(12345).error?.issues[0]?.message).toBe('e-invoice number (数电票号码) must be a string of 20 digits');
	});
});

describe('checkTaxpayerId', () => {
	it.each([
		['91350100M000100Y43'], // the example of GB 32100-2015
		['91440300708461136T'],
		['91330100799655058B'],
		['91110000802100433B'],
		['12100000400010398P'], // a public institution (事业单位), category 1
	])('%s is a valid unified social credit code', (id) => {
		expect(checkTaxpayerId(id)).toBe('ok');
	});

	it.each([
		['15 characters (old 税务登记号)', '110108633702368'],
		['17 characters', '11010819800101123'],
		['20 characters (ID card + 2)', '11010819800101123X01'],
	])('accepts %s as legacy', (_, id) => {
		expect(checkTaxpayerId(id)).toBe('legacy');
	});

	it.each([
		['empty', '', 'taxpayer ID is empty'],
		['a wrong check character', '91350100M000100Y44', 'taxpayer ID check character (position 18) should be 3, got 4'],
		['a check character that should be a letter', '91440300708461136X', 'taxpayer ID check character (position 18) should be T, got X'],
		[
			'a letter left out of the alphabet (I)',
			'91350100MI00100Y43',
			'taxpayer ID has "I" at position 10; allowed are 0-9 and ABCDEFGHJKLMNPQRTUWXY',
		],
		['lower case', '91440300708461136t', 'taxpayer ID has "t" at position 18; allowed are 0-9 and ABCDEFGHJKLMNPQRTUWXY'],
		['a letter in the region code', '9135A100M000100Y43', 'taxpayer ID positions 3-8 must be the region code (6 digits), got 35A100'],
		[
			'16 characters',
			'9135010000010012',
			'taxpayer ID must have 18 characters (older IDs 15, 17 or 20 of 0-9 and A-Z), got 16: 9135010000010012',
		],
		[
			'19 characters',
			'91350100M000100Y431',
			'taxpayer ID must have 18 characters (older IDs 15, 17 or 20 of 0-9 and A-Z), got 19: 91350100M000100Y431',
		],
		[
			'a legacy length with a dash',
			'110108-63370236',
			'taxpayer ID must have 18 characters (older IDs 15, 17 or 20 of 0-9 and A-Z), got 15: 110108-63370236',
		],
	])('%s → a reason', (_, id, reason) => {
		expect(checkTaxpayerId(id)).toBe(reason);
	});

	it('computes 0 when the weighted sum is a multiple of 31', () => {
		// 0…0 weighs 0, so 31 − 0 = 31 becomes 0 rather than an index past the alphabet.
		expect(checkTaxpayerId('000000000000000000')).toBe('ok');
	});
});

describe('goodsName', () => {
	it.each([
		['电子元件', '可编程控制器', '*电子元件*可编程控制器'],
		[null, '可编程控制器', '可编程控制器'],
		['', '可编程控制器', '可编程控制器'],
		['  ', '可编程控制器', '可编程控制器'],
		[' 电子元件 ', ' 可编程控制器 ', '*电子元件*可编程控制器'],
		['电子元件', '*计算机配套产品*可编程控制器', '*电子元件*可编程控制器'],
		[null, '*电子元件*可编程控制器', '*电子元件*可编程控制器'],
		['*电子元件*', '可编程控制器', '*电子元件*可编程控制器'],
	])('category %j, name %j → %s', (category, name, expected) => {
		expect(goodsName(category, name)).toBe(expected);
	});
});
