import { describe, expect, it } from 'vitest';
import { compactMoney, fen, langOf, money, optionKey, qty } from './format';

describe('panel formatting', () => {
	it('shows money exactly from the decimal strings, grouped', () => {
		expect(money('1234567.5')).toBe('¥1,234,567.50');
		expect(money('-0.05')).toBe('-¥0.05');
		expect(money('0')).toBe('¥0.00');
		expect(money(null)).toBe('—');
		expect(fen('12.34')).toBe(1234n);
		expect(fen('-7.1')).toBe(-710n);
	});

	it('shortens money for tiles and axes in the viewer language', () => {
		expect(compactMoney('158600.00', 'zh')).toBe('¥15.9万');
		expect(compactMoney('158600.00', 'en')).toBe('¥158.6k');
		expect(compactMoney('300000000', 'zh')).toBe('¥3亿');
		expect(compactMoney('950.40', 'zh')).toBe('¥950');
		expect(compactMoney('-25000', 'en')).toBe('-¥25k');
	});

	it('groups quantities, reads options and picks the language', () => {
		expect(qty('12345.5')).toBe('12,345.5');
		expect(qty(3)).toBe('3');
		expect(optionKey({ key: 'abc', collection: 'directus_users' })).toBe('abc');
		expect(optionKey({ key: null })).toBeUndefined();
		expect(optionKey('')).toBeUndefined();
		expect(optionKey(2)).toBe('2');
		expect(langOf('zh-CN')).toBe('zh');
		expect(langOf('en-US')).toBe('en');
		expect(langOf(null)).toBe('en');
	});
});
