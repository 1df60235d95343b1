import { describe, expect, it } from 'vitest';
import { markdownHref, markdownText, singleLine, truncateUtf8, utf8Bytes } from './markdown';

describe('markdownText', () => {
	it.each([
		// The customer name from the brief, in each dialect.
		['wecom', '*A&B_<Co>*', '＊A&B＿＜Co＞＊'],
		['dingtalk', '*A&B_<Co>*', '＊A&B＿＜Co＞＊'],
		['feishu', '*A&B_<Co>*', '&#42;A&#38;B&#95;&#60;Co&#62;&#42;'],
		// Mentions and tags cannot be forged.
		['wecom', '<@zhangsan> 请付款', '＜@zhangsan＞ 请付款'],
		['wecom', '<font color="warning">急</font>', '＜font color="warning"＞急＜/font＞'],
		['dingtalk', '<font color=#ff0000>红</font>', '＜font color=#ff0000＞红＜/font＞'],
		['feishu', '<at id=all></at>', '&#60;at id=all&#62;&#60;&#47;at&#62;'],
		// Links, code and emphasis stay text.
		['wecom', '[点我](http://evil.example)', '［点我］(http://evil.example)'],
		['feishu', '[点我](http://x)', '&#91;点我&#93;&#40;http&#58;&#47;&#47;x&#41;'],
		['wecom', '`code` **bold**', '｀code｀ ＊＊bold＊＊'],
		['dingtalk', '~~删除~~ a|b', '～～删除～～ a｜b'],
		['wecom', '~~not wecom syntax~~ a|b', '~~not wecom syntax~~ a|b'],
		['feishu', ':OK: $5 !#+-"\'\\', '&#58;OK&#58; &#36;5 &#33;&#35;&#43;&#45;&#34;&#39;&#92;'],
		// A typed entity stays as typed in Feishu.
		['feishu', '&lt;b&gt;', '&#38;lt;b&#38;gt;'],
		// Ordinary text is left alone.
		['wecom', '合同 HT-2026-001 金额 12.50 元, No.#12 (已审批)', '合同 HT-2026-001 金额 12.50 元, No.#12 (已审批)'],
		['dingtalk', '客户：上海某某贸易有限公司 👍', '客户：上海某某贸易有限公司 👍'],
		['feishu', '', ''],
	] as const)('%s: %j → %j', (dialect, text, out) => {
		expect(markdownText(dialect, text)).toBe(out);
	});

	it.each([
		['wecom', '# 标题', '＃ 标题'],
		['wecom', '> 引用', '＞ 引用'],
		['dingtalk', '- 列表', '－ 列表'],
		['dingtalk', '+ 列表', '＋ 列表'],
		['dingtalk', '-5.00 元', '－5.00 元'],
		['dingtalk', '1. 有序', '1． 有序'],
		['wecom', '12) 有序', '12） 有序'],
		['dingtalk', '3.', '3．'],
		['dingtalk', '===', '＝=='],
		['dingtalk', '---', '－--'],
		['feishu', '1. 有序', '1&#46; 有序'],
		['feishu', '12) 有序', '12&#41; 有序'],
		['feishu', '===', '&#61;=='],
		['feishu', '# 标题', '&#35; 标题'],
		// Not a list item: the marker needs a space after it.
		['dingtalk', '12.50 元已收', '12.50 元已收'],
		['dingtalk', '2026年回款', '2026年回款'],
		// Only the start of the line is special.
		['dingtalk', '收款 - 第1期', '收款 - 第1期'],
		['wecom', '单号 #12', '单号 #12'],
	] as const)('line start in %s: %j → %j', (dialect, text, out) => {
		expect(markdownText(dialect, text)).toBe(out);
	});

	it.each([
		['a\n# b', 'a # b'],
		['a\r\n> b', 'a ＞ b'],
		['a\u2028b\u2029c', 'a b c'],
		['    缩进', '缩进'],
		['\t- 项', '－ 项'],
		['a\u0000b\u0007c', 'a b c'],
	])('one line: %j → %j (no new block can start)', (text, out) => {
		expect(markdownText('wecom', text)).toBe(out);
	});
});

describe('singleLine', () => {
	it.each([
		['  多行\n文本  ', '多行 文本'],
		['\uD800x', '\uFFFDx'], // a lone high surrogate
		['x\uDC00', 'x\uFFFD'], // a lone low surrogate
		['😀', '😀'], // a proper pair stays
		['', ''],
	])('%j → %j', (text, out) => {
		expect(singleLine(text)).toBe(out);
	});
});

describe('markdownHref', () => {
	it.each([
		['https://app.example/admin/content/contracts/12', 'https://app.example/admin/content/contracts/12'],
		['https://app.example/items/(1) x', 'https://app.example/items/%281%29%20x'],
		['https://app.example/search?q=a b', 'https://app.example/search?q=a%20b'],
		['https://app.example/客户', 'https://app.example/%E5%AE%A2%E6%88%B7'],
	])('%s → %s', (url, href) => {
		expect(markdownHref(new URL(url))).toBe(href);
	});
});

describe('utf8Bytes', () => {
	it.each([
		['', 0],
		['a', 1],
		['é', 2],
		['中', 3],
		['＊', 3],
		['😀', 4],
		['\uD800', 3], // sent as U+FFFD
		['a中😀', 8],
	])('%j is %i bytes, as TextEncoder counts', (text, bytes) => {
		expect(utf8Bytes(text)).toBe(bytes);
		expect(new TextEncoder().encode(text).length).toBe(bytes);
	});
});

describe('truncateUtf8', () => {
	const family = '👨‍👩‍👧'; // one grapheme, 18 bytes
	it.each([
		['中文', 6, '中文'], // fits exactly
		['中文字', 8, '中…'],
		['中文字', 9, '中文字'],
		['abc', 2, ''], // no room even for …
		['abcd', 3, '…'],
		['abcd', 4, 'abcd'],
		[`ab${family}c`, 10, 'ab…'], // the emoji sequence is not split
		[`ab${family}cdef`, 23, `ab${family}…`],
		[`ab${family}c`, 21, `ab${family}c`],
		['＊＊加粗＊＊', 10, '＊＊…'], // a full-width escape is never half-kept
		['', 0, ''],
	])('%j in %i bytes → %j', (text, max, out) => {
		expect(truncateUtf8(text, max)).toBe(out);
	});

	it.each([0, 1, 2, 3, 4, 5, 7, 11, 17, 29, 64])('never exceeds %i bytes', (max) => {
		const text = `合同${family}A＊_é${'长'.repeat(30)}`;
		const cut = truncateUtf8(text, max);
		expect(utf8Bytes(cut)).toBeLessThanOrEqual(max);
		expect(text.startsWith(cut.replace(/…$/, ''))).toBe(true);
	});
});
