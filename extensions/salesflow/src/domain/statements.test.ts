import { describe, expect, it } from 'vitest';
import { parseMoney } from './money';
import { closingBalance, formatStatement, withClosing } from './statements';

const m = parseMoney;

describe('closingBalance', () => {
	it.each([
		['0', '0', '0', '0', '0'],
		['1000.00', '500.00', '0', '300.00', '1200.00'],
		['1000.00', '500.00', '-100.00', '300.00', '1100.00'],
		['0', '0', '-50.00', '0', '-50.00'], // a credit balance
		['100.00', '0', '0', '150.00', '-50.00'], // overpaid
		['0.01', '0.02', '-0.01', '0.02', '0.00'],
	])('opening %s + invoiced %s + red %s − received %s = %s', (opening, invoiced, red, received, closing) => {
		expect(closingBalance({ opening: m(opening), invoiced: m(invoiced), red: m(red), received: m(received) })).toBe(m(closing));
	});

	it('refuses a positive red total (a lost sign)', () => {
		expect(() => closingBalance({ opening: 0n, invoiced: 0n, red: 1n, received: 0n })).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', message: 'red invoices are negative; got 0.01', extensions: { field: 'red' } }),
		);
	});
});

describe('withClosing and formatStatement', () => {
	it('adds the closing balance and formats every figure, exact to the fen', () => {
		const f = { opening: m('1000'), shipped: m('700.10'), invoiced: m('500.10'), red: m('-100.20'), received: m('0.30') };
		expect(formatStatement(withClosing(f))).toEqual({
			opening: '1000.00',
			shipped: '700.10',
			invoiced: '500.10',
			red: '-100.20',
			received: '0.30',
			closing: '1399.60',
		});
	});

	it('zero everywhere is a zero statement', () => {
		expect(formatStatement(withClosing({ opening: 0n, shipped: 0n, invoiced: 0n, red: 0n, received: 0n }))).toEqual({
			opening: '0.00',
			shipped: '0.00',
			invoiced: '0.00',
			red: '0.00',
			received: '0.00',
			closing: '0.00',
		});
	});

	it('ignores shipped in the balance', () => {
		expect(withClosing({ opening: 0n, shipped: m('999.99'), invoiced: 0n, red: 0n, received: 0n }).closing).toBe(0n);
	});

	it('refuses a positive red total', () => {
		expect(() => withClosing({ opening: 0n, shipped: 0n, invoiced: 0n, red: 5n, received: 0n })).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'red' } }),
		);
	});
});
