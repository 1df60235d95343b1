import { describe, expect, it } from 'vitest';
import { context, lines } from '../test-fixtures';
import { belowFloor } from './below-floor';

const run = (ctx: ReturnType<typeof context>) => belowFloor.evaluate({}, ctx);

describe('below_floor', () => {
	it('names every line below its floor, in line order', () => {
		const ctx = context({
			lines: lines(
				{ sku: 'SKU-009', price: '100.00', floor: '80.00' },
				{ sku: 'SKU-001', price: '79.50', floor: '80.00' },
				{ sku: 'SKU-002', qty: '3', price: '0.01', floor: '0.02' },
			),
		});
		expect(run(ctx)).toEqual({ matched: true, reasons: ['line 2: 79.50 < floor 80.00 (SKU-001)', 'line 3: 0.01 < floor 0.02 (SKU-002)'] });
	});

	it.each([
		['exactly at the floor', { price: '80.00', floor: '80.00' }],
		['above the floor', { price: '80.01', floor: '80.00' }],
		['without a floor', { price: '1.00', floor: null }],
		['below floor but covered by an approved quote', { price: '79.50', floor: '80.00', covered: true }],
		['free, with a zero floor', { price: '0.00', floor: '0.00' }],
	])('does not match a line %s', (_name, spec) => {
		expect(run(context({ lines: lines(spec) }))).toEqual({ matched: false, reasons: [] });
	});

	it('matches one fen below the floor', () => {
		expect(run(context({ lines: lines({ price: '79.99', floor: '80.00' }) }))).toEqual({
			matched: true,
			reasons: ['line 1: 79.99 < floor 80.00 (SKU-001)'],
		});
	});

	it('does not match a document without lines', () => {
		expect(run(context({}))).toEqual({ matched: false, reasons: [] });
	});

	it('counts only the uncovered lines', () => {
		const ctx = context({ lines: lines({ price: '70.00', floor: '80.00', covered: true }, { price: '75.00', floor: '80.00' }) });
		expect(run(ctx).reasons).toEqual(['line 2: 75.00 < floor 80.00 (SKU-002)']);
	});
});
