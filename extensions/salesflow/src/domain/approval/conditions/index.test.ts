import { describe, expect, it } from 'vitest';
import { context, lines } from '../test-fixtures';
import { CONDITIONS, conditionParamsSchema, evaluateCondition } from './index';

describe('CONDITIONS', () => {
	it('registers every condition type under its own name, with labels in both languages', () => {
		expect(Object.keys(CONDITIONS).sort()).toEqual([
			'always',
			'amount_between',
			'below_floor',
			'credit_exceeded',
			'customer_grade',
			'first_order_unreviewed',
			'margin_below',
			'stock_short',
		]);
		for (const [type, c] of Object.entries(CONDITIONS)) {
			expect(c.type).toBe(type);
			expect(c.label.en).not.toBe('');
			expect(c.label.zh).not.toBe('');
		}
	});
});

describe('conditionParamsSchema', () => {
	it('is the condition type’s params schema', () => {
		expect(conditionParamsSchema('margin_below')).toBe(CONDITIONS.margin_below!.params);
	});

	it('refuses an unknown type with 400 naming the known ones', () => {
		expect(() => conditionParamsSchema('weekday_is')).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				status: 400,
				message:
					'unknown approval condition "weekday_is" (known: always, below_floor, margin_below, amount_between, credit_exceeded, stock_short, first_order_unreviewed, customer_grade)',
				extensions: { field: 'condition' },
			}),
		);
	});
});

describe('evaluateCondition', () => {
	const ctx = context({
		amount: '150000.00',
		lines: lines({ price: '79.50', floor: '80.00', cost: '70.00' }),
		credit: { limit: '100000.00', exposure: '0.00' },
	});

	it.each([
		['always', {}, ['always']],
		['always', null, ['always']],
		['always', undefined, ['always']],
		['below_floor', {}, ['line 1: 79.50 < floor 80.00 (SKU-001)']],
		['margin_below', { percent: 30 }, ['margin 0.49% < 30%']],
		['amount_between', { min: '100000.00', max: '500000.00' }, ['amount 150000.00 in (100000.00, 500000.00]']],
		['amount_between', { max: '100000.00' }, []],
		['credit_exceeded', {}, ['credit: exposure 0.00 + 150000.00 > limit 100000.00']],
	])('%s %j → %j', (type, params, reasons) => {
		expect(evaluateCondition(type, params, ctx)).toEqual({ matched: reasons.length > 0, reasons });
	});

	it.each([
		['margin_below', {}, 'approval condition margin_below: invalid params: percent: percent must be a decimal number (string or number)'],
		[
			'margin_below',
			{ percent: 120 },
			'approval condition margin_below: invalid params: percent: percent must be between 0 and 100, got 120',
		],
		['amount_between', { min: '9', max: '1' }, 'approval condition amount_between: invalid params: max: min must be below max'],
		['amount_between', 'oops', 'approval condition amount_between: invalid params: Invalid input: expected object, received string'],
	])('%s with bad params %j → 400', (type, params, message) => {
		expect(() => evaluateCondition(type, params, ctx)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, message, extensions: { field: 'params' } }),
		);
	});

	it('refuses an unknown type', () => {
		expect(() => evaluateCondition('nope', {}, ctx)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'condition' } }),
		);
	});
});
