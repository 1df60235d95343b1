import { describe, expect, it } from 'vitest';
import { computeDocument, computeLine } from './document-totals';

describe('computeLine', () => {
	it.each([
		[
			{ quantity: '3', unit_price: '33.33', tax_rate: '0.13' },
			{ total: '99.99', amount_excl: '88.49', tax: '11.50' },
		],
		[
			{ quantity: 3, unit_price: 33.33, tax_rate: 0.13 },
			{ total: '99.99', amount_excl: '88.49', tax: '11.50' },
		],
		[
			{ quantity: '1.000', unit_price: '113.00', tax_rate: '0.1300' },
			{ total: '113.00', amount_excl: '100.00', tax: '13.00' },
		],
		[
			{ quantity: '2', unit_price: '54.50', tax_rate: '0.09' },
			{ total: '109.00', amount_excl: '100.00', tax: '9.00' },
		],
		[
			{ quantity: '10', unit_price: '10.60', tax_rate: '0.06' },
			{ total: '106.00', amount_excl: '100.00', tax: '6.00' },
		],
		[
			{ quantity: '1', unit_price: '100', tax_rate: '0' },
			{ total: '100.00', amount_excl: '100.00', tax: '0.00' },
		],
		[
			{ quantity: '1', unit_price: '100', tax_rate: null },
			{ total: '100.00', amount_excl: '100.00', tax: '0.00' },
		],
		[
			{ quantity: '1', unit_price: '100' },
			{ total: '100.00', amount_excl: '100.00', tax: '0.00' },
		],
		[
			{ quantity: '1.5', unit_price: '10.01', tax_rate: '0.13' },
			{ total: '15.02', amount_excl: '13.29', tax: '1.73' },
		],
		[
			{ quantity: '-3', unit_price: '33.33', tax_rate: '0.13' },
			{ total: '-99.99', amount_excl: '-88.49', tax: '-11.50' },
		],
		[
			{ quantity: 0.30000000000000004, unit_price: 0.1 + 0.2, tax_rate: 0.13 },
			{ total: '0.09', amount_excl: '0.08', tax: '0.01' },
		],
		[
			{ quantity: null, unit_price: '5', tax_rate: '0.13' },
			{ total: '0.00', amount_excl: '0.00', tax: '0.00' },
		],
	])('%j → %j', (line, amounts) => {
		expect(computeLine(line)).toEqual(amounts);
	});

	it.each([
		[{ quantity: 'x', unit_price: '1' }, 'quantity'],
		[{ quantity: '1', unit_price: 'free' }, 'unit_price'],
		[{ quantity: '1', unit_price: '1', tax_rate: '13%' }, 'tax_rate'],
	])('refuses %j naming %s', (line, field) => {
		expect(() => computeLine(line)).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field } }));
	});
});

describe('computeDocument', () => {
	it('sums the line figures, so the tax equals the sum of line taxes (not a re-split of the total)', () => {
		const doc = computeDocument([
			{ quantity: '1', unit_price: '0.05', tax_rate: '0.13' }, // 0.04 + 0.01
			{ quantity: '1', unit_price: '0.05', tax_rate: '0.13' },
			{ quantity: '1', unit_price: '0.05', tax_rate: '0.13' },
		]);
		expect(doc).toEqual({
			lines: Array(3).fill({ total: '0.05', amount_excl: '0.04', tax: '0.01' }),
			total: '0.15',
			amount_excl: '0.12', // a re-split of 0.15 would give 0.13
			tax: '0.03',
		});
	});

	it('mixes rates', () => {
		const doc = computeDocument([
			{ quantity: '3', unit_price: '33.33', tax_rate: '0.13' },
			{ quantity: '2', unit_price: '54.50', tax_rate: '0.09' },
			{ quantity: '10', unit_price: '10.60', tax_rate: '0.06' },
			{ quantity: '1', unit_price: '7.77', tax_rate: '0' },
		]);
		expect([doc.total, doc.amount_excl, doc.tax]).toEqual(['322.76', '296.26', '26.50']);
	});

	it('is zero for no lines', () => {
		expect(computeDocument([])).toEqual({ lines: [], total: '0.00', amount_excl: '0.00', tax: '0.00' });
	});

	it('10,000 lines match an independent decimal recomputation to the fen', () => {
		let seed = 42;
		const rnd = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		const rates = ['0.13', '0.09', '0.06', '0'];
		const lines = Array.from({ length: 10000 }, () => ({
			quantity: `${rnd(1000)}.${String(rnd(1000)).padStart(3, '0')}`,
			unit_price: `${rnd(100000)}.${String(rnd(100)).padStart(2, '0')}`,
			tax_rate: rates[rnd(4)]!,
		}));
		// Independent: integers scaled to 10^-5 fen, rounded by comparing twice the remainder.
		const digits = (s: string) => BigInt(s.replace('.', ''));
		const roundDiv = (a: bigint, b: bigint) => a / b + (2n * (a % b) >= b ? 1n : 0n);
		let total = 0n;
		let excl = 0n;
		for (const l of lines) {
			const t = roundDiv(digits(l.quantity) * digits(l.unit_price), 1000n);
			const rate100 = BigInt(Math.round(Number(l.tax_rate) * 100)); // 13, 9, 6, 0 exactly
			total += t;
			excl += roundDiv(t * 100n, 100n + rate100);
		}
		const doc = computeDocument(lines);
		const fmt = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
		expect(doc.total).toBe(fmt(total));
		expect(doc.amount_excl).toBe(fmt(excl));
		expect(doc.tax).toBe(fmt(total - excl));
		expect(doc.lines).toHaveLength(10000);
	});
});
