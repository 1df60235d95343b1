import { describe, expect, it } from 'vitest';
import { byteSize, excessOf, isListExcess, queryExcessOf, REQUEST_LIMITS } from './request-limits';

/** `{ a: { a: … { a: 1 } } }` with `levels` objects. */
const nested = (levels: number): unknown => {
	let v: unknown = 1;
	for (let i = 0; i < levels; i++) v = { a: v };
	return v;
};
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('excessOf', () => {
	it.each([
		['a scalar', 'text'],
		['null', null],
		['32 levels', nested(32)],
		['5,000 items', ids(5_000)],
		['an order with lines', { customer: 3, lines: [{ product: 1, quantity: '2' }] }],
		['1,000 values in _in', { filter: { id: { _in: ids(1_000) } } }],
		['1,000 comma-separated values', { filter: { id: { _nin: ids(1_000).join(',') } } }],
	])('accepts %s', (_label, value) => {
		expect(excessOf(value)).toBeNull();
	});

	it('refuses 33 levels, naming the depth and the limit', () => {
		expect(excessOf(nested(33))?.message).toBe(`body is nested 33 levels deep at ${'a.'.repeat(31)}a, more than 32`);
	});

	it('stops at the limit on a body nested 100,000 deep', () => {
		expect(excessOf(nested(100_000))?.message).toMatch(/nested 33 levels deep/);
	});

	it('refuses 5,001 items of a list and names the list', () => {
		expect(excessOf({ keys: ids(5_001), data: {} })).toEqual({ path: 'keys', message: 'keys has 5001 entries, more than 5000' });
	});

	it('refuses an object with 5,001 keys at the top', () => {
		const wide = Object.fromEntries(ids(5_001).map((i) => [`f${i}`, i]));
		expect(excessOf(wide)?.message).toBe('body has 5001 entries, more than 5000');
	});

	it.each([
		[{ query: { filter: { id: { _in: ids(1_001) } } } }, 'query.filter.id._in lists 1001 values, more than 1000'],
		[
			{ query: { filter: { _and: [{ id: { _nin: ids(2_000).join(',') } }] } } },
			'query.filter._and.0.id._nin lists 2000 values, more than 1000',
		],
	])('refuses a long filter list %#', (value, message) => {
		const e = excessOf(value)!;
		expect(e.message).toBe(message);
		expect(isListExcess(e)).toBe(true);
	});

	it('tells shape excesses from list excesses', () => {
		expect(isListExcess(excessOf(ids(5_001))!)).toBe(false);
		expect(isListExcess(excessOf({ _input: ids(5_001) })!)).toBe(false);
	});

	it('takes other limits', () => {
		expect(excessOf([[1]], { ...REQUEST_LIMITS, depth: 1 })?.message).toBe('body is nested 2 levels deep at 0, more than 1');
	});
});

describe('queryExcessOf', () => {
	it('reads the JSON Directus accepts in a query parameter', () => {
		const q = { filter: JSON.stringify({ id: { _in: ids(1_001) } }), fields: 'id' };
		expect(queryExcessOf(q)?.message).toBe('filter.id._in lists 1001 values, more than 1000');
	});

	it('reads parameters in bracket form', () => {
		expect(queryExcessOf({ filter: { id: { _in: ids(1_001).join(',') } } })?.path).toBe('filter.id._in');
	});

	it('measures nesting inside a JSON parameter', () => {
		expect(queryExcessOf({ filter: JSON.stringify(nested(40)) })?.message).toMatch(/^query is nested 33 levels deep/);
	});

	it('leaves malformed JSON and plain text to Directus', () => {
		expect(queryExcessOf({ filter: '{"id":', fields: '*.*', search: '[abc' })).toBeNull();
	});
});

describe('byteSize', () => {
	it.each([
		['10mb', 10 * 1024 * 1024],
		['512kb', 512 * 1024],
		['1.5GB', 1.5 * 1024 ** 3],
		['2048', 2048],
		[4096, 4096],
	])('%s → %d bytes', (setting, bytes) => {
		expect(byteSize(setting)).toBe(bytes);
	});

	it('refuses what is not a size', () => {
		expect(() => byteSize('ten megabytes')).toThrow('MAX_PAYLOAD_SIZE must be a size such as 10mb, got "ten megabytes"');
	});
});
