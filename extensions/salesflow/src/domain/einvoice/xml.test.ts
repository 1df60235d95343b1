import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultFromXml } from './results';
import { parseXml } from './xml';

describe('parseXml', () => {
	it('keeps text as strings, repeated children as arrays, and skips attributes, comments and declarations', () => {
		const doc = parseXml(
			'\uFEFF<?xml version="1.0"?><!-- c --><a x="1"><n>25312000000000000001</n><i>1</i><i>2</i><e/><t>A &amp; B &#x4E2D;<![CDATA[<raw>]]></t></a>',
		);
		expect(doc).toEqual({ a: { n: '25312000000000000001', i: ['1', '2'], e: '', t: 'A & B 中<raw>' } });
	});

	it.each([
		['<a><b></a>', '</a> closes <b>'],
		['<a>', '<a> is not closed'],
		['<a/><b/>', 'a second root element <b>'],
		['text', 'text outside the root element'],
		['', 'no root element'],
		['<a><</a>', 'unexpected'],
	])('%s is refused naming the file', (xml, why) => {
		expect(() => parseXml(xml)).toThrow(why);
		try {
			parseXml(xml);
		} catch (e) {
			expect((e as { extensions: unknown }).extensions).toEqual({ field: 'file' });
		}
	});

	it('reads the sample invoice XML of the integration tests', () => {
		const xml = readFileSync(new URL('../../../../../test/fixtures/einvoice-result.xml', import.meta.url), 'utf8');
		expect(resultFromXml(parseXml(xml))).toEqual({
			row: 1,
			number: '25442000000012345678',
			buyerTaxId: '91440300MA5G2LQH8C',
			buyerName: '深圳数电样例科技有限公司',
			sellerTaxId: '91310000132200821H',
			date: '2025-01-05',
			amountExcl: '200.00',
			tax: '26.00',
			total: '226.00',
			positive: true,
			redConfirmationNo: null,
			remark: '合同号 HT-2025-0105 & 随货发票',
		});
	});
});
