import { describe, expect, it } from 'vitest';
import { context } from '../test-fixtures';
import { creditExceeded } from './credit-exceeded';

const run = (amount: string, credit?: { limit: string | null; exposure: string }) =>
	creditExceeded.evaluate({}, context({ collection: 'sales_orders', amount, credit }));

describe('credit_exceeded', () => {
	it.each([
		['30000.00', { limit: '100000.00', exposure: '80000.00' }, 'credit: exposure 80000.00 + 30000.00 > limit 100000.00'],
		['20000.01', { limit: '100000.00', exposure: '80000.00' }, 'credit: exposure 80000.00 + 20000.01 > limit 100000.00'],
		['20000.00', { limit: '100000.00', exposure: '80000.00' }, null], // exactly at the limit is fine
		['0.01', { limit: '0.00', exposure: '0.00' }, 'credit: exposure 0.00 + 0.01 > limit 0.00'],
		['0.00', { limit: '0.00', exposure: '0.00' }, null],
		['1.00', { limit: '100.00', exposure: '150.00' }, 'credit: exposure 150.00 + 1.00 > limit 100.00'],
		['1000000.00', { limit: null, exposure: '5000000.00' }, null], // no limit set
		['1000000.00', undefined, null], // no credit data for this document type
	])('amount %s with %j → %s', (amount, credit, reason) => {
		expect(run(amount, credit)).toEqual({ matched: reason !== null, reasons: reason ? [reason] : [] });
	});
});
