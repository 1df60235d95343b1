import { describe, expect, it } from 'vitest';
import { availability, lineAvailability, type StockFigures } from './availability';
import { displayQty, parseQty } from './money';

const q = (s: string) => parseQty(s);
const shown = (f: StockFigures | undefined) => f && [f.onHand, f.reserved, f.available].map(displayQty);

describe('availability', () => {
	const levels = [
		{ product: 1, warehouse: 10, onHandMilli: q('8') },
		{ product: 1, warehouse: 20, onHandMilli: q('2.5') },
		{ product: 2, warehouse: 10, onHandMilli: q('1') },
	];

	it('totals a product over its warehouses and subtracts reservations per warehouse', () => {
		const stock = availability(levels, [
			{ product: 1, warehouse: 10, quantityMilli: q('3') },
			{ product: 1, warehouse: 10, quantityMilli: q('1.5') },
			{ product: 1, warehouse: 20, quantityMilli: q('0.5') },
		]);
		const p1 = stock.get(1)!;
		expect(shown(p1)).toEqual(['10.5', '5', '5.5']);
		expect(shown(p1.warehouses.get(10))).toEqual(['8', '4.5', '3.5']);
		expect(shown(p1.warehouses.get(20))).toEqual(['2.5', '0.5', '2']);
	});

	it('counts a reservation without a warehouse against the product total only', () => {
		const p1 = availability(levels, [{ product: 1, warehouse: null, quantityMilli: q('4') }]).get(1)!;
		expect(shown(p1)).toEqual(['10.5', '4', '6.5']);
		expect(shown(p1.warehouses.get(10))).toEqual(['8', '0', '8']);
		expect(shown(p1.warehouses.get(20))).toEqual(['2.5', '0', '2.5']);
	});

	it('shows over-reserved stock as negative available', () => {
		const p2 = availability(levels, [{ product: 2, warehouse: 10, quantityMilli: q('3') }]).get(2)!;
		expect(shown(p2)).toEqual(['1', '3', '-2']);
		expect(shown(p2.warehouses.get(10))).toEqual(['1', '3', '-2']);
	});

	it('lists a product that is reserved but not in stock anywhere', () => {
		const p3 = availability(levels, [
			{ product: 3, warehouse: 30, quantityMilli: q('2') },
			{ product: 3, warehouse: null, quantityMilli: q('1') },
		]).get(3)!;
		expect(shown(p3)).toEqual(['0', '3', '-3']);
		expect([...p3.warehouses.keys()]).toEqual([30]);
		expect(shown(p3.warehouses.get(30))).toEqual(['0', '2', '-2']);
	});

	it('has no warehouses for a product reserved only without one', () => {
		const p4 = availability([], [{ product: 4, warehouse: null, quantityMilli: q('1') }]).get(4)!;
		expect(shown(p4)).toEqual(['0', '1', '-1']);
		expect(p4.warehouses.size).toBe(0);
	});

	it('adds up two levels of the same product and warehouse', () => {
		const stock = availability(
			[
				{ product: 1, warehouse: 10, onHandMilli: q('1') },
				{ product: 1, warehouse: 10, onHandMilli: q('2') },
			],
			[],
		);
		expect(shown(stock.get(1)!.warehouses.get(10))).toEqual(['3', '0', '3']);
	});

	it('is empty without levels or reservations', () => {
		expect(availability([], []).size).toBe(0);
	});
});

describe('lineAvailability', () => {
	const stock = availability(
		[
			{ product: 1, warehouse: 10, onHandMilli: q('10') },
			{ product: 2, warehouse: 10, onHandMilli: q('1') },
		],
		[
			{ product: 1, warehouse: 10, quantityMilli: q('5') },
			{ product: 2, warehouse: null, quantityMilli: q('3') },
		],
	);
	const line = (index: number, product: number, qty: string) => ({ index, product, sku: `SKU-00${product}`, quantityMilli: q(qty) });

	it.each([
		['5', false, '0'],
		['4.999', false, '0'],
		['5.001', true, '0.001'],
		['8', true, '3'],
	])('a line of %s against 5 available: shortage %s of %s', (qty, shortage, shortageQty) => {
		expect(lineAvailability([line(1, 1, qty)], stock)).toEqual([
			{ index: 1, sku: 'SKU-001', on_hand: '10', reserved: '5', available: '5', requested: qty, shortage, shortage_qty: shortageQty },
		]);
	});

	it('counts all lines of the same product together', () => {
		const result = lineAvailability([line(1, 1, '3'), line(2, 2, '0.5'), line(3, 1, '3')], stock);
		expect(result.map((r) => [r.index, r.requested, r.shortage, r.shortage_qty])).toEqual([
			[1, '6', true, '1'],
			[2, '0.5', true, '0.5'],
			[3, '6', true, '1'],
		]);
	});

	it('finds the whole request short when the product is already over-reserved', () => {
		expect(lineAvailability([line(1, 2, '2')], stock)[0]).toMatchObject({
			available: '-2',
			requested: '2',
			shortage: true,
			shortage_qty: '2',
		});
	});

	it('treats a product without stock or reservations as nothing available', () => {
		expect(lineAvailability([line(4, 9, '1')], stock)).toEqual([
			{ index: 4, sku: 'SKU-009', on_hand: '0', reserved: '0', available: '0', requested: '1', shortage: true, shortage_qty: '1' },
		]);
	});

	it('has no shortage for a zero quantity on an empty product', () => {
		expect(lineAvailability([line(1, 9, '0')], stock)[0]).toMatchObject({ shortage: false, shortage_qty: '0' });
	});

	it('returns nothing for no lines', () => {
		expect(lineAvailability([], stock)).toEqual([]);
	});
});
