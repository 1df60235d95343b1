import { describe, expect, it } from 'vitest';
import { context, lines } from '../test-fixtures';
import { marginBelow } from './margin-below';

const run = (percent: unknown, ls: ReturnType<typeof lines>) =>
	marginBelow.evaluate(marginBelow.params.parse({ percent }), context({ lines: ls }));

describe('margin_below', () => {
	it.each([
		// price 113.00 incl. 13% → net revenue 100.00
		['75.69', true, 'margin 24.31% < 30%'],
		['70.01', true, 'margin 29.99% < 30%'],
		['70.00', false, null], // exactly 30%: not below
		['69.99', false, null],
		['0.00', false, null],
		['100.00', true, 'margin 0.00% < 30%'],
		['150.00', true, 'margin -50.00% < 30%'],
	])('net 100.00, cost %s → matched %s (%s)', (cost, matched, reason) => {
		expect(run(30, lines({ price: '113.00', cost }))).toEqual({ matched, reasons: reason ? [reason] : [] });
	});

	it('shows the margin rounded down, so it never reads as the threshold it is below', () => {
		// net 3000.00, cost 2100.01 → 29.99966…%
		expect(run(30, lines({ price: '3390.00', cost: '2100.01' })).reasons).toEqual(['margin 29.99% < 30%']);
		// net 300.00, cost 400.01 → −33.33666…%
		expect(run(30, lines({ price: '339.00', cost: '400.01' })).reasons).toEqual(['margin -33.34% < 30%']);
	});

	it('works on tax-exclusive revenue across rates and quantities', () => {
		// 2 × 54.50 at 9% → 100.00; 10 × 10.60 at 6% → 100.00; 1 × 50 at 0% → 50.00; net 250.00
		const ls = lines(
			{ qty: '2', price: '54.50', rate: '0.09', cost: '35.00' },
			{ qty: '10', price: '10.60', rate: '0.06', cost: '7.00' },
			{ price: '50.00', rate: '0', cost: '40.00' },
		);
		// cost 70 + 70 + 40 = 180 → margin 28%
		expect(run(30, ls)).toEqual({ matched: true, reasons: ['margin 28.00% < 30%'] });
		expect(run(28, ls)).toEqual({ matched: false, reasons: [] });
		expect(run('28.01', ls)).toEqual({ matched: true, reasons: ['margin 28.00% < 28.01%'] });
	});

	it('leaves lines without a cost out of both sums', () => {
		const ls = lines({ price: '113.00', cost: '80.00' }, { price: '1130.00', cost: null });
		expect(run(30, ls)).toEqual({ matched: true, reasons: ['margin 20.00% < 30%'] });
	});

	it.each([
		['no lines', lines()],
		['no costed line', lines({ price: '113.00', cost: null })],
	])('does not match with %s (nothing to judge)', (_name, ls) => {
		expect(run(30, ls)).toEqual({ matched: false, reasons: [] });
	});

	it.each([
		['a free line', lines({ price: '0.00', cost: '0.00' }), 'no margin: net revenue 0.00 ≤ 0, threshold 30%'],
		['a free line with cost', lines({ price: '0.00', cost: '5.00' }), 'no margin: net revenue 0.00 ≤ 0, threshold 30%'],
		['a negative line', lines({ qty: '-1', price: '113.00', cost: '10.00' }), 'no margin: net revenue -100.00 ≤ 0, threshold 30%'],
	])('matches %s: net revenue ≤ 0 has no margin', (_name, ls, reason) => {
		expect(run(30, ls)).toEqual({ matched: true, reasons: [reason] });
	});

	it.each([
		[0, '113.00', '100.00', false], // 0% margin is not below 0%
		[0, '113.00', '100.01', true],
		[100, '113.00', '0.00', false], // 100% is not below 100%
		[100, '113.00', '0.01', true],
		['12.5', '113.00', '87.50', false],
		['12.5', '113.00', '87.51', true],
	])('percent %s, price %s, cost %s → %s', (percent, price, cost, matched) => {
		expect(run(percent, lines({ price, cost })).matched).toBe(matched);
	});

	it.each([
		[{ percent: 30 }, 3000n],
		[{ percent: '30' }, 3000n],
		[{ percent: 12.34 }, 1234n],
		[{ percent: 0 }, 0n],
		[{ percent: 100 }, 10000n],
	])('params %j → %s hundredths', (params, hundredths) => {
		expect(marginBelow.params.parse(params)).toEqual({ percent: hundredths });
	});

	it.each([
		[{}, 'percent must be a decimal number (string or number)'],
		[{ percent: -1 }, 'percent must be between 0 and 100, got -1'],
		[{ percent: 100.01 }, 'percent must be between 0 and 100, got 100.01'],
		[{ percent: 'thirty' }, 'percent must be a decimal number like 123.45, got "thirty"'],
		[{ percent: NaN }, 'percent must be a decimal number (string or number)'],
		[{ percent: '1e2' }, 'percent must be a decimal number like 123.45, got "1e2"'],
	])('refuses params %j', (params, message) => {
		const r = marginBelow.params.safeParse(params);
		expect(r.success).toBe(false);
		expect(r.error!.issues[0]!.message).toContain(message);
	});
});
