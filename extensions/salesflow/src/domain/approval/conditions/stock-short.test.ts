import { describe, expect, it } from 'vitest';
import { availability, lineAvailability } from '../../availability';
import { parseQty } from '../../money';
import { context } from '../test-fixtures';
import { stockShort } from './stock-short';

const q = (s: string) => parseQty(s);
// SKU-001: 10 on hand, 4 promised to other orders, 3 to a loan → 3 available. SKU-002: 5 on hand, nothing promised.
const stock = availability(
	[
		{ product: 1, warehouse: 7, onHandMilli: q('10') },
		{ product: 2, warehouse: 7, onHandMilli: q('5') },
	],
	[
		{ product: 1, warehouse: null, quantityMilli: q('4') },
		{ product: 1, warehouse: 7, quantityMilli: q('3') },
	],
);
const run = (...lines: Array<[number, string]>) =>
	stockShort.evaluate(
		{},
		{
			...context({ collection: 'sales_orders' }),
			stock: lineAvailability(
				lines.map(([product, quantity], i) => ({ index: i + 1, product, sku: `SKU-00${product}`, quantityMilli: q(quantity) })),
				stock,
			),
		},
	);

describe('stock_short', () => {
	it('names each short product once, with on hand, reserved and what the order asks', () => {
		expect(run([1, '5'])).toEqual({ matched: true, reasons: ['SKU-001: short by 2 (on hand 10, reserved 7, ordering 5)'] });
		expect(run([1, '2'], [2, '1'], [1, '2.5'])).toEqual({
			matched: true,
			reasons: ['SKU-001: short by 1.5 (on hand 10, reserved 7, ordering 4.5)'],
		});
		expect(run([3, '1'])).toEqual({ matched: true, reasons: ['SKU-003: short by 1 (on hand 0, reserved 0, ordering 1)'] });
	});

	it('does not match when everything is available, exactly up to the last unit', () => {
		expect(run([1, '3'], [2, '5'])).toEqual({ matched: false, reasons: [] });
		expect(stockShort.evaluate({}, context({ collection: 'sales_orders' }))).toEqual({ matched: false, reasons: [] });
	});
});
