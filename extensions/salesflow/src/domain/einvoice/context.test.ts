import { describe, expect, it } from 'vitest';
import { DomainError, invalid } from '../errors';
import { parseMoney } from '../money';
import { inContext } from './context';

describe('inContext', () => {
	it('returns what the reader returns', () => {
		expect(inContext('INV-2025-000001', () => parseMoney('1.50'))).toBe(150n);
	});

	it('prefixes a bad-input message with where it happened and keeps the field', () => {
		expect(() => inContext('INV-2025-000001 SKU-1', () => parseMoney('abc', 'unit_price'))).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				status: 400,
				message: 'INV-2025-000001 SKU-1: unit_price must be a decimal number like 123.45, got "abc"',
				extensions: { field: 'unit_price' },
			}),
		);
	});

	it.each([
		['a business refusal', new DomainError('OVER_INVOICE', 'too much')],
		['a programming error', new RangeError('boom')],
	])('passes %s through unchanged', (_, error) => {
		expect(() =>
			inContext('X', () => {
				throw error;
			}),
		).toThrow(error);
	});

	it('keeps the field of an invalid() it wraps', () => {
		expect(() =>
			inContext('RC-2025-000001', () => {
				throw invalid('date', 'date must be a date YYYY-MM-DD, got "x"');
			}),
		).toThrow(
			expect.objectContaining({ message: 'RC-2025-000001: date must be a date YYYY-MM-DD, got "x"', extensions: { field: 'date' } }),
		);
	});
});
