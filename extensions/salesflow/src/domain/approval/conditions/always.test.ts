import { describe, expect, it } from 'vitest';
import { context, lines } from '../test-fixtures';
import { always } from './always';

describe('always', () => {
	it.each([
		['an empty document', context({})],
		['a priced document', context({ amount: '99.99', lines: lines({ price: '99.99', floor: '120.00' }) })],
	])('matches %s with reason "always"', (_name, ctx) => {
		expect(always.evaluate(always.params.parse({}), ctx)).toEqual({ matched: true, reasons: ['always'] });
	});

	it('takes no params and ignores leftovers from another condition', () => {
		expect(always.params.parse({ percent: 30 })).toEqual({});
	});
});
