import { describe, expect, it } from 'vitest';
import { followUpDueDate, GRADES, normalizeCustomerName, normalizeTaxId } from './customers';

describe('normalizeCustomerName', () => {
	it.each([
		['上海华东电子有限公司', '上海华东电子'],
		['上海华东电子公司', '上海华东电子'],
		['上海华东电子股份有限公司', '上海华东电子'],
		['上海华东电子有限责任公司', '上海华东电子'],
		['上海华东电子', '上海华东电子'],
		['  上海 华东 电子 有限公司  ', '上海华东电子'],
		['上海\u3000华东电子（有限公司）', '上海华东电子(有限公司)'], // a suffix in brackets is part of the name
		['ＡＢＣ　Ｔｅｃｈ有限公司', 'abctech'], // full-width letters and space
		['ABC Tech Co., Ltd.', 'abctech'],
		['ABC Tech Co.,Ltd', 'abctech'],
		['ABC Tech co.,ltd.', 'abctech'],
		['ABC TECH CO LTD', 'abctech'],
		['ABC Tech Co. Ltd.', 'abctech'],
		['ＡＢＣ Ｔｅｃｈ Ｃｏ．，Ｌｔｄ．', 'abctech'],
		['ABC Tech, Inc.', 'abctech'],
		['ABC Tech Inc', 'abctech'],
		['ABC Tech LLC', 'abctech'],
		['ABC Tech Limited', 'abctech'],
		['ABC Tech Corporation', 'abctech'],
		['abc tech', 'abctech'],
		['华东电子Co.,Ltd.', '华东电子'],
		['Costco', 'costco'], // "co" inside a word is not a suffix
		['Tesco Stores', 'tescostores'],
		['Incoming Ltd', 'incoming'],
		['有限公司', '有限公司'], // nothing but a suffix: kept
		['公司', '公司'],
		['Ltd.', 'ltd'],
		['', ''],
	])('%j → %j', (name, normalized) => {
		expect(normalizeCustomerName(name)).toBe(normalized);
	});

	it.each([
		['上海华东电子有限公司', '上海华东电子公司'],
		['上海华东电子有限公司', ' 上海华东 电子 '],
		['ABC Tech Co., Ltd.', 'abc tech'],
		['ABC Tech Co., Ltd.', 'ＡＢＣ　ＴＥＣＨ　ＣＯ．，ＬＴＤ．'],
	])('%j and %j are the same customer', (a, b) => {
		expect(normalizeCustomerName(a)).toBe(normalizeCustomerName(b));
	});

	it.each([
		['上海华东电子有限公司', '上海华东电子集团有限公司'],
		['ABC Tech', 'ABC Technologies'],
	])('%j and %j are different customers', (a, b) => {
		expect(normalizeCustomerName(a)).not.toBe(normalizeCustomerName(b));
	});
});

describe('normalizeTaxId', () => {
	it.each([
		['91310000MA1FL0XX2K', '91310000MA1FL0XX2K'],
		['91310000ma1fl0xx2k', '91310000MA1FL0XX2K'],
		[' 9131 0000-MA1F L0XX-2K ', '91310000MA1FL0XX2K'],
		['９１３１００００ＭＡ１ＦＬ０ＸＸ２Ｋ', '91310000MA1FL0XX2K'],
		['9131－0000', '91310000'], // full-width dash
		['', null],
		['  -  ', null],
		[null, null],
		[undefined, null],
	])('%j → %j', (input, id) => {
		expect(normalizeTaxId(input)).toBe(id);
	});
});

describe('GRADES', () => {
	it('defines A–D in both languages', () => {
		expect(Object.keys(GRADES)).toEqual(['A', 'B', 'C', 'D']);
		for (const g of Object.values(GRADES)) expect(g.en && g.zh).toBeTruthy();
		expect(GRADES.A.zh).toContain('1个月');
	});
});

describe('followUpDueDate', () => {
	it.each([
		['2026-03-01T10:00:00Z', '2026-03-04T10:00:00.000Z', '2026-03-08T10:00:00.000Z'],
		['2026-02-26T23:30:00Z', '2026-03-01T23:30:00.000Z', '2026-03-05T23:30:00.000Z'],
		['2026-12-28T00:00:00Z', '2026-12-31T00:00:00.000Z', '2027-01-04T00:00:00.000Z'],
	])('accepted %s → between %s and %s', (accepted, earliest, latest) => {
		const r = followUpDueDate(new Date(accepted));
		expect([r.earliest.toISOString(), r.latest.toISOString()]).toEqual([earliest, latest]);
	});

	it('refuses an invalid date', () => {
		expect(() => followUpDueDate(new Date('nope'))).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'accepted_at' } }),
		);
	});
});
