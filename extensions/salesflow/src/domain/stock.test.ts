import { describe, expect, it } from 'vitest';
import { parseQty } from './money';
import {
	applyMove,
	assertDeliverable,
	assertLoanReturnable,
	assertReturnable,
	insufficientStockError,
	MOVE_TYPES,
	type MoveType,
	orderStatusFromRollups,
	percent,
	remainingToDeliver,
	signedMoveQuantity,
} from './stock';

const q = (s: string) => parseQty(s);

describe('MOVE_TYPES', () => {
	it.each([
		['sales_out', -1, '销售出库'],
		['return_in', 1, '退货入库'],
		['loan_out', -1, '借出出库'],
		['loan_return_in', 1, '借出归还入库'],
		['loan_convert_in', 1, '借出转换其他入库'],
		['adjust_in', 1, '盘盈'],
		['adjust_out', -1, '盘亏'],
		['purchase_in', 1, '采购/生产入库'],
	] as const)('%s has sign %i and label %s', (type, sign, zh) => {
		expect(MOVE_TYPES[type].sign).toBe(sign);
		expect(MOVE_TYPES[type].zh).toBe(zh);
		expect(MOVE_TYPES[type].en).not.toBe('');
	});

	it('lists exactly the eight contract move types', () => {
		expect(Object.keys(MOVE_TYPES)).toHaveLength(8);
	});
});

describe('signedMoveQuantity', () => {
	it.each(Object.keys(MOVE_TYPES) as MoveType[])('%s signs the quantity by its direction', (type) => {
		expect(signedMoveQuantity(type, q('2.5'))).toBe(BigInt(MOVE_TYPES[type].sign) * 2500n);
	});

	it.each([['0'], ['-1']])('refuses quantity %s', (qty) => {
		expect(() => signedMoveQuantity('sales_out', q(qty))).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				status: 400,
				message: `stock move quantity must be greater than 0, got ${qty}`,
				extensions: { field: 'quantity' },
			}),
		);
	});
});

describe('insufficientStockError / applyMove', () => {
	it('says product, warehouse, on hand and requested without trailing zeros', () => {
		const e = insufficientStockError({ sku: 'SKU-001', warehouse: 'WH-SH', onHand: q('3'), requested: q('5') });
		expect([e.code, e.status, e.message]).toEqual(['INSUFFICIENT_STOCK', 409, 'SKU-001 at WH-SH: on hand 3, requested 5']);
		expect(e.extensions).toEqual({ sku: 'SKU-001', warehouse: 'WH-SH', on_hand: '3', requested: '5' });
	});

	it.each([
		['3', '-2.5', '0.5'],
		['3', '-3', '0'],
		['0', '4', '4'],
		['1.25', '0.75', '2'],
	])('on hand %s + %s = %s', (onHand, delta, next) => {
		expect(applyMove(q(onHand), q(delta), { sku: 'S', warehouse: 'W' })).toBe(q(next));
	});

	it.each([
		['3', '-5', 'SKU-001 at WH-SH: on hand 3, requested 5'],
		['2.5', '-2.501', 'SKU-001 at WH-SH: on hand 2.5, requested 2.501'],
		['0', '-0.001', 'SKU-001 at WH-SH: on hand 0, requested 0.001'],
	])('refuses on hand %s + %s: %s', (onHand, delta, message) => {
		expect(() => applyMove(q(onHand), q(delta), { sku: 'SKU-001', warehouse: 'WH-SH' })).toThrow(
			expect.objectContaining({ code: 'INSUFFICIENT_STOCK', message }),
		);
	});

	it('lets exactly on-hand units out of 100 one-unit issues', () => {
		let onHand = q('100');
		let refused = 0;
		for (let i = 0; i < 200; i++) {
			try {
				onHand = applyMove(onHand, signedMoveQuantity('sales_out', q('1')), { sku: 'S', warehouse: 'W' });
			} catch {
				refused++;
			}
		}
		expect([onHand, refused]).toEqual([0n, 100]);
	});
});

describe('delivery', () => {
	it.each([
		['10', '4', '2', '4'],
		['10', '0', '0', '10'],
		['10', '10', '0', '0'],
		['10', '8', '5', '0'], // never below zero
		['1.5', '0.5', '0.25', '0.75'],
	])('ordered %s, shipped %s, open elsewhere %s → remaining %s', (ordered, shipped, open, remaining) => {
		expect(remainingToDeliver(q(ordered), q(shipped), q(open))).toBe(q(remaining));
	});

	const line = { sku: 'SKU-001', ordered: q('10'), shipped: q('4'), openOther: q('2') };

	it.each([['4'], ['0.001'], ['3.999']])('allows delivering %s of the 4 left', (requested) => {
		expect(() => assertDeliverable(line, q(requested))).not.toThrow();
	});

	it.each([
		['5', '5'],
		['4.001', '4.001'],
	])('refuses delivering %s with OVER_DELIVERY and the figures', (requested, shown) => {
		expect(() => assertDeliverable(line, q(requested))).toThrow(
			expect.objectContaining({
				code: 'OVER_DELIVERY',
				status: 409,
				message: `SKU-001: ordered 10, shipped 4, on open delivery notes 2, requested ${shown}`,
				extensions: { sku: 'SKU-001', ordered: '10', shipped: '4', open_other: '2', requested: shown },
			}),
		);
	});

	it('refuses delivering anything of a fully shipped line', () => {
		expect(() => assertDeliverable({ ...line, shipped: q('10'), openOther: 0n }, q('1'))).toThrow(
			expect.objectContaining({ code: 'OVER_DELIVERY' }),
		);
	});

	it.each([['0'], ['-1']])('refuses a delivery quantity of %s as bad input', (requested) => {
		expect(() => assertDeliverable(line, q(requested))).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', message: `delivery quantity must be greater than 0, got ${requested}` }),
		);
	});
});

describe('returns', () => {
	const line = { sku: 'SKU-002', shipped: q('10'), returned: q('3'), pending: q('2') };

	it.each([['5'], ['0.5']])('allows returning %s of the 5 left', (requested) => {
		expect(() => assertReturnable(line, q(requested))).not.toThrow();
	});

	it('refuses returning more, counting pending requests', () => {
		expect(() => assertReturnable(line, q('5.001'))).toThrow(
			expect.objectContaining({
				code: 'OVER_RETURN',
				status: 409,
				message: 'SKU-002: shipped 10, returned 3, on pending return requests 2, requested 5.001',
				extensions: { sku: 'SKU-002', shipped: '10', returned: '3', pending: '2', requested: '5.001' },
			}),
		);
	});

	it('refuses a zero return quantity as bad input', () => {
		expect(() => assertReturnable(line, 0n)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', message: 'return quantity must be greater than 0, got 0' }),
		);
	});
});

describe('loan returns and conversions', () => {
	const line = { sku: 'SKU-003', lent: q('5'), returned: q('1'), converted: q('2') };

	it.each([['2'], ['0.001']])('allows giving back %s of the 2 outstanding', (requested) => {
		expect(() => assertLoanReturnable(line, q(requested))).not.toThrow();
	});

	it('refuses more than outstanding with the numbers', () => {
		expect(() => assertLoanReturnable(line, q('3'))).toThrow(
			expect.objectContaining({
				code: 'OVER_RETURN',
				message: 'SKU-003: lent 5, returned 1, converted 2, requested 3',
				extensions: { sku: 'SKU-003', lent: '5', returned: '1', converted: '2', requested: '3' },
			}),
		);
	});

	it('refuses anything of a settled loan line', () => {
		expect(() => assertLoanReturnable({ ...line, returned: q('3') }, q('0.001'))).toThrow(expect.objectContaining({ code: 'OVER_RETURN' }));
	});

	it('refuses a negative quantity as bad input', () => {
		expect(() => assertLoanReturnable(line, q('-1'))).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD' }));
	});
});

describe('orderStatusFromRollups', () => {
	it.each([
		[
			[
				['10', '0'],
				['5', '0'],
			],
			'confirmed',
		],
		[[], 'confirmed'],
		[
			[
				['10', '0.001'],
				['5', '0'],
			],
			'partially_shipped',
		],
		[
			[
				['10', '10'],
				['5', '0'],
			],
			'partially_shipped',
		],
		[
			[
				['10', '10'],
				['5', '4.999'],
			],
			'partially_shipped',
		],
		[
			[
				['10', '10'],
				['5', '5'],
			],
			'shipped',
		],
		[[['10', '10']], 'shipped'],
		[[['10', '12']], 'shipped'],
	])('ordered/shipped %j → %s', (lines, status) => {
		expect(orderStatusFromRollups(lines.map(([ordered, shipped]) => ({ ordered: q(ordered!), shipped: q(shipped!) })))).toBe(status);
	});
});

describe('percent', () => {
	it.each([
		['2', '3', '66.7'],
		['1', '3', '33.3'],
		['0', '3', '0.0'],
		['3', '3', '100.0'],
		['1', '8', '12.5'],
		['1', '16', '6.3'], // 6.25 rounds half away from zero
		['0.001', '1000', '0.0'],
		['5', '0', '0.0'],
		['4', '3', '133.3'],
	])('%s of %s = %s%', (part, whole, pct) => {
		expect(percent(q(part), q(whole))).toBe(pct);
	});
});
