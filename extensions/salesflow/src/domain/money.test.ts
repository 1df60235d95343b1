import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
	decimalsProblem,
	displayQty,
	displayScaled,
	formatMoney,
	formatQty,
	formatRate,
	formatScaled,
	lineTotal,
	mulDivRound,
	parseMoney,
	parseQty,
	parseRate,
	parseScaled,
	splitTax,
	sumMoney,
	nonNegativeMoney,
	positiveMoney,
	positiveQty,
	zId,
	zMoney,
	zNonNegativeMoney,
	zPositiveMoney,
	zPositiveQty,
	zRate,
} from './money';
import { thrown } from '../../../../test/support/thrown';

describe('parseMoney', () => {
	it.each([
		['123.45', 12345n],
		['0', 0n],
		['0.00', 0n],
		['-0', 0n],
		['-0.5', -50n],
		['+7.1', 710n],
		['  12.30  ', 1230n],
		['007.50', 750n],
		['99999999999999999999.99', 9999999999999999999999n],
		[79.5, 7950n],
		[0, 0n],
		[-0, 0n],
		[-12.34, -1234n],
		[100, 10000n],
		[5n, 500n],
		[-3n, -300n],
		[null, 0n],
		[undefined, 0n],
	])('%s → %s fen', (input, fen) => {
		expect(parseMoney(input)).toBe(fen);
	});

	it.each([
		// SQLite REAL noise comes back as the decimal it prints as, then rounds to the fen.
		[0.30000000000000004, 30n],
		[0.1 + 0.7, 80n], // 0.7999999999999999
		[1.005, 101n], // prints as "1.005" though its binary value is 1.00499…
		[2.675, 268n],
		[-2.675, -268n],
		[1e-7, 0n],
		[-2.5e-8, 0n],
		[1.5e21, 150000000000000000000000n],
		[123456789012.345, 12345678901235n],
	])('number %s → %s fen, rounded as a decimal, never with float maths', (input, fen) => {
		expect(parseMoney(input)).toBe(fen);
	});

	it.each([
		['0.005', 1n],
		['0.004', 0n],
		['0.0049999', 0n],
		['-0.005', -1n],
		['-0.004', 0n],
		['1.994', 199n],
		['1.995', 200n],
		['-1.995', -200n],
		['9.999', 1000n],
		['0.30000000000000004', 30n],
	])('string %s with more than 2 decimals rounds half away from zero → %s', (input, fen) => {
		expect(parseMoney(input)).toBe(fen);
	});

	it.each([
		['abc'],
		[''],
		['   '],
		['1e2'],
		['1E2'],
		['1.'],
		['.5'],
		['1,000.00'],
		['12.3.4'],
		['--1'],
		['0x10'],
		['¥12'],
		['Infinity'],
		['NaN'],
		[NaN],
		[Infinity],
		[-Infinity],
	])('refuses %j with 400 INVALID_PAYLOAD naming the field', (input) => {
		const e = thrown(() => parseMoney(input, 'unit_price'));
		expect(e).toBeInstanceOf(DomainError);
		expect(e.code).toBe('INVALID_PAYLOAD');
		expect(e.status).toBe(400);
		expect(e.extensions).toEqual({ field: 'unit_price' });
		expect(e.message).toMatch(/^unit_price must be a (decimal|finite) number/);
	});

	it('uses "amount" as the default field name', () => {
		expect(thrown(() => parseMoney('x')).message).toBe('amount must be a decimal number like 123.45, got "x"');
	});
});

describe('formatMoney', () => {
	it.each([
		[12345n, '123.45'],
		[-50n, '-0.50'],
		[0n, '0.00'],
		[1n, '0.01'],
		[-1n, '-0.01'],
		[100n, '1.00'],
		[-100000000n, '-1000000.00'],
		[123456789012345678901234567890n, '1234567890123456789012345678.90'],
	])('%s → %s', (fen, s) => {
		expect(formatMoney(fen)).toBe(s);
	});

	it.each(['0.00', '123.45', '-0.50', '1000000.01'])('round-trips %s', (s) => {
		expect(formatMoney(parseMoney(s))).toBe(s);
	});
});

describe('quantities (thousandths)', () => {
	it.each([
		['1.5', 1500n, '1.500', '1.5'],
		['3', 3000n, '3.000', '3'],
		['0.001', 1n, '0.001', '0.001'],
		['0.0005', 1n, '0.001', '0.001'],
		['0.0004', 0n, '0.000', '0'],
		['-2.25', -2250n, '-2.250', '-2.25'],
		[10, 10000n, '10.000', '10'],
		[0.1 + 0.2, 300n, '0.300', '0.3'],
		[2n, 2000n, '2.000', '2'],
		[null, 0n, '0.000', '0'],
	])('%s → %s, formatted %s, displayed %s', (input, milli, formatted, displayed) => {
		expect(parseQty(input)).toBe(milli);
		expect(formatQty(milli)).toBe(formatted);
		expect(displayQty(milli)).toBe(displayed);
	});

	it('names the quantity field by default', () => {
		expect(thrown(() => parseQty('lots')).extensions).toEqual({ field: 'quantity' });
	});
});

describe('rates (ten-thousandths)', () => {
	it.each([
		['0.13', 1300n, '0.1300'],
		['0.09', 900n, '0.0900'],
		['0.06', 600n, '0.0600'],
		['0', 0n, '0.0000'],
		[0.13, 1300n, '0.1300'],
		['0.12345', 1235n, '0.1235'],
		[null, 0n, '0.0000'],
	])('%j → %s, formatted %s', (input, r, s) => {
		expect(parseRate(input)).toBe(r);
		expect(formatRate(r)).toBe(s);
	});

	it('names the tax_rate field by default', () => {
		expect(thrown(() => parseRate('13%')).extensions).toEqual({ field: 'tax_rate' });
	});
});

describe('parseScaled / formatScaled / displayScaled', () => {
	it.each([
		['12.5', 0, 13n, '13', '13'],
		['-12.5', 0, -13n, '-13', '-13'],
		['12.4', 0, 12n, '12', '12'],
		['1.23456', 4, 12346n, '1.2346', '1.2346'],
		['30', 2, 3000n, '30.00', '30'],
		['100.10', 2, 10010n, '100.10', '100.1'],
		['-0.50', 2, -50n, '-0.50', '-0.5'],
	])('%s at scale %i → %s, %s, %s', (input, scale, n, formatted, displayed) => {
		expect(parseScaled(input, scale, 'x')).toBe(n);
		expect(formatScaled(n, scale)).toBe(formatted);
		expect(displayScaled(n, scale)).toBe(displayed);
	});
});

describe('mulDivRound', () => {
	it.each([
		[1n, 1n, 2n, 1n], // 0.5 → 1
		[-1n, 1n, 2n, -1n], // −0.5 → −1 (away from zero)
		[1n, -1n, 2n, -1n],
		[-1n, -1n, 2n, 1n],
		[1n, 1n, -2n, -1n],
		[1n, 1n, 3n, 0n], // 0.333
		[2n, 1n, 3n, 1n], // 0.667
		[-2n, 1n, 3n, -1n],
		[5n, 3n, 2n, 8n], // 7.5 → 8
		[7n, 1n, 2n, 4n], // 3.5 → 4
		[0n, 5n, 7n, 0n],
		[10n ** 30n, 3n, 7n, 428571428571428571428571428571n],
	])('round(%s × %s / %s) = %s', (a, b, c, r) => {
		expect(mulDivRound(a, b, c)).toBe(r);
	});

	it('refuses division by zero', () => {
		expect(() => mulDivRound(1n, 1n, 0n)).toThrow(RangeError);
	});
});

describe('lineTotal', () => {
	it.each([
		['3', '33.33', '99.99'],
		['1.5', '10.01', '15.02'], // 15.015 → 15.02
		['0.333', '0.10', '0.03'], // 0.0333
		['0.005', '1.00', '0.01'], // 0.005 → 0.01
		['0.004', '1.00', '0.00'],
		['-0.005', '1.00', '-0.01'], // symmetric
		['-3', '33.33', '-99.99'],
		['1000000', '999999.99', '999999990000.00'],
		['0', '12.34', '0.00'],
		['2', '0', '0.00'],
	])('%s × %s = %s', (q, p, total) => {
		expect(formatMoney(lineTotal(parseQty(q), parseMoney(p)))).toBe(total);
	});
});

describe('splitTax (tax-inclusive prices)', () => {
	it('3 × 33.33 at 13%: total 99.99, excl 88.49, tax 11.50', () => {
		const total = lineTotal(parseQty('3'), parseMoney('33.33'));
		expect(formatMoney(total)).toBe('99.99');
		const { excl, tax } = splitTax(total, parseRate('0.13'));
		expect(formatMoney(excl)).toBe('88.49');
		expect(formatMoney(tax)).toBe('11.50');
	});

	it.each([
		// total, rate, excl, tax
		['113.00', '0.13', '100.00', '13.00'],
		['109.00', '0.09', '100.00', '9.00'],
		['106.00', '0.06', '100.00', '6.00'],
		['100.00', '0', '100.00', '0.00'],
		['0.01', '0.13', '0.01', '0.00'], // 0.00885 → 0.01
		['0.05', '0.13', '0.04', '0.01'], // 0.04425
		['1.00', '0.13', '0.88', '0.12'], // 0.88496
		['1.00', '0.09', '0.92', '0.08'], // 0.91743
		['1.00', '0.06', '0.94', '0.06'], // 0.94339
		['0.00', '0.13', '0.00', '0.00'],
		['56.50', '0.13', '50.00', '6.50'],
		['5.65', '0.13', '5.00', '0.65'],
		['0.53', '0.06', '0.50', '0.03'], // 0.5 exactly
		['0.565', '0.13', '0.50', '0.07'], // input rounds to 0.57 → 0.50442
		['999999999999.99', '0.13', '884955752212.38', '115044247787.61'],
	])('total %s at %s → excl %s, tax %s', (total, rate, excl, tax) => {
		const r = splitTax(parseMoney(total), parseRate(rate));
		expect([formatMoney(r.excl), formatMoney(r.tax)]).toEqual([excl, tax]);
	});

	it.each([
		['-99.99', '0.13', '-88.49', '-11.50'],
		['-113.00', '0.13', '-100.00', '-13.00'],
		['-0.05', '0.13', '-0.04', '-0.01'],
		['-1.00', '0.09', '-0.92', '-0.08'],
		['-1.00', '0.06', '-0.94', '-0.06'],
		['-7.77', '0', '-7.77', '0.00'],
	])('negative (red) total %s at %s mirrors the blue split: excl %s, tax %s', (total, rate, excl, tax) => {
		const red = splitTax(parseMoney(total), parseRate(rate));
		const blue = splitTax(-parseMoney(total), parseRate(rate));
		expect([formatMoney(red.excl), formatMoney(red.tax)]).toEqual([excl, tax]);
		expect(red.excl).toBe(-blue.excl);
		expect(red.tax).toBe(-blue.tax);
	});

	it('excl + tax always equals the total', () => {
		for (let fen = -2000n; fen <= 2000n; fen += 7n) {
			for (const rate of [1300n, 900n, 600n, 0n]) {
				const { excl, tax } = splitTax(fen, rate);
				expect(excl + tax).toBe(fen);
			}
		}
	});

	it('refuses a negative rate', () => {
		const e = thrown(() => splitTax(100n, -1300n));
		expect([e.code, e.status, e.message]).toEqual(['INVALID_PAYLOAD', 400, 'tax_rate must not be negative, got -0.1300']);
	});
});

describe('sumMoney', () => {
	it.each([
		[[], 0n],
		[[1n], 1n],
		[[10n, -3n, 5n], 12n],
		[[10n ** 20n, 10n ** 20n], 2n * 10n ** 20n],
	])('%s → %s', (values, sum) => {
		expect(sumMoney(values)).toBe(sum);
	});

	it('adds 10,000 lines of 0.01 to exactly 100.00', () => {
		expect(formatMoney(sumMoney(Array.from({ length: 10000 }, () => parseMoney(0.01))))).toBe('100.00');
	});
});

const issues = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
	r.error?.issues.map((i) => i.message).join('; ');

describe('zMoney', () => {
	it.each([
		['123.45', 12345n],
		[79.5, 7950n],
		['-10', -1000n],
		['0', 0n],
		['1000000000000', 100000000000000n],
		['-1000000000000.00', -100000000000000n],
		[0.30000000000000004, 30n],
	])('accepts %j → %s', (input, fen) => {
		expect(zMoney.parse(input)).toBe(fen);
	});

	it.each([
		['abc', 'amount must be a decimal number like 123.45, got "abc"'],
		['', 'amount must be a decimal number like 123.45, got ""'],
		['1e3', 'amount must be a decimal number like 123.45, got "1e3"'],
		[NaN, 'amount must be a decimal number (string or number)'],
		[Infinity, 'amount must be a decimal number (string or number)'],
		[null, 'amount must be a decimal number (string or number)'],
		[true, 'amount must be a decimal number (string or number)'],
		[{}, 'amount must be a decimal number (string or number)'],
		['1000000000000.01', 'amount is out of range (largest allowed 1000000000000), got 1000000000000.01'],
		['-1000000000000.01', 'amount is out of range (largest allowed 1000000000000), got -1000000000000.01'],
		[1e13, 'amount is out of range (largest allowed 1000000000000), got 10000000000000'],
	])('refuses %j: %s', (input, message) => {
		const r = zMoney.safeParse(input);
		expect(r.success).toBe(false);
		expect(issues(r)).toBe(message);
	});
});

describe('zNonNegativeMoney / zPositiveMoney', () => {
	it.each([
		['0', 0n, false],
		['0.00', 0n, false],
		['0.01', 1n, true],
		['1000000000000', 100000000000000n, true],
	])('%s → %s (positive: %s)', (input, fen, positive) => {
		expect(zNonNegativeMoney.parse(input)).toBe(fen);
		expect(zPositiveMoney.safeParse(input).success).toBe(positive);
	});

	it.each([
		['-0.01', 'amount must not be negative, got -0.01', 'amount must be greater than 0, got -0.01'],
		['0.004', 'amount has more than 2 decimals, got "0.004"', 'amount has more than 2 decimals, got "0.004"'],
		['1.001', 'amount has more than 2 decimals, got "1.001"', 'amount has more than 2 decimals, got "1.001"'],
		[1.001, 'amount has more than 2 decimals, got 1.001', 'amount has more than 2 decimals, got 1.001'],
		[
			'1000000000000.01',
			'amount is out of range (largest allowed 1000000000000), got 1000000000000.01',
			'amount is out of range (largest allowed 1000000000000), got 1000000000000.01',
		],
	])('%s: non-negative says %s; positive says %s', (input, nonNeg, pos) => {
		const a = zNonNegativeMoney.safeParse(input);
		expect(a.success ? null : issues(a)).toBe(nonNeg);
		expect(issues(zPositiveMoney.safeParse(input))).toBe(pos);
	});
});

describe('input decimals', () => {
	it.each([
		['1.50', 2, null],
		['1.500', 2, null],
		[0.30000000000000004, 2, null],
		['2.125', 2, 'x has more than 2 decimals, got "2.125"'],
		[2.125, 2, 'x has more than 2 decimals, got 2.125'],
		['0.1235', 4, null],
		['0.12345', 4, 'x has more than 4 decimals, got "0.12345"'],
	])('%j at scale %s: %s', (input, scale, problem) => {
		expect(decimalsProblem(input, scale, 'x')).toBe(problem);
	});

	it('rates are 0–1 with 4 decimals, and the field is named', () => {
		expect(zRate().parse('0.13')).toBe(1300n);
		expect(issues(zRate().safeParse('-0.01'))).toBe('tax_rate must be between 0 and 1 (0.13 = 13%), got -0.0100');
		expect(issues(zRate('new_rate').safeParse('1.5'))).toBe('new_rate must be between 0 and 1 (0.13 = 13%), got 1.5000');
		expect(issues(positiveMoney('unit_price').safeParse('-1'))).toBe('unit_price must be greater than 0, got -1.00');
		expect(issues(nonNegativeMoney('unit_price').safeParse('-1'))).toBe('unit_price must not be negative, got -1.00');
		expect(issues(positiveQty('new_quantity').safeParse('0'))).toBe('new_quantity must be greater than 0, got 0');
	});
});

describe('zPositiveQty', () => {
	it.each([
		['1', 1000n],
		[2.5, 2500n],
		['0.001', 1n],
		['1000000000', 1000000000000n],
	])('accepts %j → %s', (input, milli) => {
		expect(zPositiveQty.parse(input)).toBe(milli);
	});

	it.each([
		['0', 'quantity must be greater than 0, got 0'],
		[0, 'quantity must be greater than 0, got 0'],
		['-1', 'quantity must be greater than 0, got -1'],
		['0.0004', 'quantity has more than 3 decimals, got "0.0004"'],
		['1.0005', 'quantity has more than 3 decimals, got "1.0005"'],
		['1e309', 'quantity must be a decimal number like 123.45, got "1e309"'],
		['1,000.00', 'quantity must be a decimal number like 123.45, got "1,000.00"'],
		['０１', 'quantity must be a decimal number like 123.45, got "０１"'],
		['NaN', 'quantity must be a decimal number like 123.45, got "NaN"'],
		['1000000000.001', 'quantity is out of range (largest allowed 1000000000), got 1000000000.001'],
		['abc', 'quantity must be a decimal number like 123.45, got "abc"'],
		[NaN, 'quantity must be a decimal number (string or number)'],
		[-Infinity, 'quantity must be a decimal number (string or number)'],
	])('refuses %j: %s', (input, message) => {
		expect(issues(zPositiveQty.safeParse(input))).toBe(message);
	});
});

describe('zId', () => {
	it.each([
		[1, 1],
		[42, 42],
		['7', 7],
		['123456', 123456],
	])('accepts %j → %s', (input, id) => {
		expect(zId.parse(input)).toBe(id);
	});

	it.each([
		[0],
		[-1],
		[1.5],
		['0'],
		['007'],
		['-3'],
		['1.0'],
		['abc'],
		[''],
		[' 5'],
		[NaN],
		[null],
		['99999999999999999999'],
		[2 ** 53],
		[2 ** 31],
		['2147483648'],
	])('refuses %j', (input) => {
		expect(zId.safeParse(input).success).toBe(false);
	});
});
