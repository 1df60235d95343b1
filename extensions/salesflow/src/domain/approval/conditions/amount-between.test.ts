import { describe, expect, it } from 'vitest';
import { context } from '../test-fixtures';
import { amountBetween } from './amount-between';

const run = (params: unknown, amount: string) =>
	amountBetween.evaluate(amountBetween.params.parse(params), context({ collection: 'contracts', amount }));

describe('amount_between', () => {
	it.each([
		[{ min: '100000.00', max: '500000.00' }, '150000.00', 'amount 150000.00 in (100000.00, 500000.00]'],
		[{ min: '100000.00', max: '500000.00' }, '100000.01', 'amount 100000.01 in (100000.00, 500000.00]'],
		[{ min: '100000.00', max: '500000.00' }, '500000.00', 'amount 500000.00 in (100000.00, 500000.00]'],
		[{ min: '100000.00', max: '500000.00' }, '100000.00', null], // min is exclusive
		[{ min: '100000.00', max: '500000.00' }, '500000.01', null], // max is inclusive
		[{ max: '100000.00' }, '0.00', 'amount 0.00 in (−∞, 100000.00]'],
		[{ max: '100000.00' }, '100000.00', 'amount 100000.00 in (−∞, 100000.00]'],
		[{ max: '100000.00' }, '100000.01', null],
		[{ min: null, max: '100000.00' }, '-5.00', 'amount -5.00 in (−∞, 100000.00]'],
		[{ min: '500000.00' }, '500000.01', 'amount 500000.01 in (500000.00, ∞)'],
		[{ min: '500000.00', max: null }, '500000.00', null],
		[{ min: 500000 }, '999999999.99', 'amount 999999999.99 in (500000.00, ∞)'],
		[{}, '0.00', 'amount 0.00 in (−∞, ∞)'],
	])('%j with amount %s → %s', (params, amount, reason) => {
		expect(run(params, amount)).toEqual({ matched: reason !== null, reasons: reason ? [reason] : [] });
	});

	it('parses bounds exactly into fen', () => {
		expect(amountBetween.params.parse({ min: '100000', max: 500000.5 })).toEqual({ min: 10000000n, max: 50000050n });
	});

	it.each([
		[{ min: '500000.00', max: '100000.00' }, 'min must be below max'],
		[{ min: '100000.00', max: '100000.00' }, 'min must be below max'],
		[{ min: 'lots' }, 'amount must be a decimal number like 123.45, got "lots"'],
		[{ max: '1e6' }, 'amount must be a decimal number like 123.45, got "1e6"'],
		[{ max: true }, 'amount must be a decimal number (string or number)'],
	])('refuses params %j: %s', (params, message) => {
		const r = amountBetween.params.safeParse(params);
		expect(r.success).toBe(false);
		expect(r.error!.issues[0]!.message).toBe(message);
	});
});
