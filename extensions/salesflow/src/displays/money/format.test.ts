import { describe, expect, it } from 'vitest';
import { isNegativeMoney, moneyInput, moneyText } from './format';

describe('money in the data app', () => {
	it('shows ¥, thousands separators and two decimals from SQLite numbers and PostgreSQL strings', () => {
		expect(moneyText(25600)).toBe('¥25,600.00');
		expect(moneyText('25600.00')).toBe('¥25,600.00');
		expect(moneyText('1234567.5')).toBe('¥1,234,567.50');
		expect(moneyText(0)).toBe('¥0.00');
		expect(moneyText(null)).toBeNull();
		expect(moneyText('')).toBeNull();
	});

	it('marks negatives (red invoices, credits)', () => {
		expect(moneyText('-12.5')).toBe('-¥12.50');
		expect(isNegativeMoney(-3)).toBe(true);
		expect(isNegativeMoney('0.00')).toBe(false);
		expect(isNegativeMoney(null)).toBe(false);
	});

	it('puts two decimals in an input without touching what is no amount', () => {
		expect(moneyInput(12800)).toBe('12800.00');
		expect(moneyInput('3680.5')).toBe('3680.50');
		expect(moneyInput('12.345')).toBe('12.345');
		expect(moneyInput('12,800')).toBe('12,800');
		expect(moneyInput(null)).toBe('');
	});
});
