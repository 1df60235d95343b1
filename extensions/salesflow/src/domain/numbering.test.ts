import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, NUMBER_PREFIXES, parseDocumentNumber } from './numbering';

describe('NUMBER_PREFIXES', () => {
	it('are unique and valid prefixes', () => {
		const prefixes = Object.values(NUMBER_PREFIXES);
		expect(new Set(prefixes).size).toBe(prefixes.length);
		for (const p of prefixes) expect(p).toMatch(/^[A-Z]{2,5}$/);
	});

	it.each([
		['sales_orders', 'SO'],
		['shipments', 'DN'],
		['invoices', 'INV'],
		['customers', 'CUS'],
		['approval_requests', 'AR'],
	])('%s → %s', (collection, prefix) => {
		expect(NUMBER_PREFIXES[collection]).toBe(prefix);
	});
});

describe('formatDocumentNumber', () => {
	it.each([
		['SO', 2026, 123, 'SO-2026-000123'],
		['SO', 2026, 1, 'SO-2026-000001'],
		['INV', 2025, 999999, 'INV-2025-999999'],
		['INV', 2025, 1000000, 'INV-2025-1000000'],
		['CUS', 1000, 42, 'CUS-1000-000042'],
		['ABCDE', 9999, 7, 'ABCDE-9999-000007'],
	])('%s %i %i → %s', (prefix, year, seq, number) => {
		expect(formatDocumentNumber(prefix, year, seq)).toBe(number);
	});

	it.each([
		['S', 2026, 1, 'number prefix must be 2–5 capital letters, got "S"'],
		['ABCDEF', 2026, 1, 'number prefix must be 2–5 capital letters, got "ABCDEF"'],
		['so', 2026, 1, 'number prefix must be 2–5 capital letters, got "so"'],
		['S1', 2026, 1, 'number prefix must be 2–5 capital letters, got "S1"'],
		['SO', 999, 1, 'year must have 4 digits, got 999'],
		['SO', 10000, 1, 'year must have 4 digits, got 10000'],
		['SO', 2026.5, 1, 'year must have 4 digits, got 2026.5'],
		['SO', 2026, 0, 'sequence must be a positive integer, got 0'],
		['SO', 2026, -1, 'sequence must be a positive integer, got -1'],
		['SO', 2026, 1.5, 'sequence must be a positive integer, got 1.5'],
		['SO', 2026, NaN, 'sequence must be a positive integer, got NaN'],
		['SO', 2026, 2 ** 53, 'sequence must be a positive integer, got 9007199254740992'],
	])('refuses %s %s %s', (prefix, year, seq, message) => {
		expect(() => formatDocumentNumber(prefix, year, seq)).toThrow(new RangeError(message));
	});
});

describe('parseDocumentNumber', () => {
	it.each([
		['SO-2026-000123', { prefix: 'SO', year: 2026, seq: 123 }],
		['INV-2025-1000000', { prefix: 'INV', year: 2025, seq: 1000000 }],
		['ABCDE-9999-000001', { prefix: 'ABCDE', year: 9999, seq: 1 }],
	])('%s → %j', (s, parts) => {
		expect(parseDocumentNumber(s)).toEqual(parts);
		expect(formatDocumentNumber(parts.prefix, parts.year, parts.seq)).toBe(s);
	});

	it.each([
		['SO-2026-000000'], // sequence 0
		['SO-2026-00123'], // five digits
		['SO-2026-0123456'], // a leading zero past six digits is not what we generate
		['SO-0999-000001'],
		['so-2026-000001'],
		['S-2026-000001'],
		['ABCDEF-2026-000001'],
		['SO-26-000001'],
		['SO2026000001'],
		['SO-2026-000001 '],
		[' SO-2026-000001'],
		['SO-2026-00000a'],
		[''],
	])('%j → null', (s) => {
		expect(parseDocumentNumber(s)).toBeNull();
	});
});
