import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseField, zWholeNumber } from './field-checks';

describe('zWholeNumber', () => {
	it.each([
		[0, true],
		[100, true],
		[37, true],
		[-1, false],
		[101, false],
		[0.5, false],
		[-0, true],
	])('0–100: %s → %s', (v, ok) => {
		expect(zWholeNumber('probability', 0, 100).safeParse(v).success).toBe(ok);
	});

	it.each([
		[101, 'probability must be a whole number from 0 to 100, got 101'],
		[2.5, 'probability must be a whole number from 0 to 100, got 2.5'],
		['50', 'probability must be a whole number from 0 to 100, got "50"'],
		[Number.NaN, 'probability must be a whole number from 0 to 100, got NaN'],
		[Number.POSITIVE_INFINITY, 'probability must be a whole number from 0 to 100, got Infinity'],
		[null, 'probability must be a whole number from 0 to 100, got null'],
		[true, 'probability must be a whole number from 0 to 100, got true'],
	])('refuses %j: %s', (v, message) => {
		const r = zWholeNumber('probability', 0, 100).safeParse(v);
		expect(r.success ? null : r.error.issues[0]!.message).toBe(message);
	});

	it('without a maximum, any whole number from the minimum up', () => {
		expect(zWholeNumber('count', 0).parse(1_000_000_000)).toBe(1_000_000_000);
		const r = zWholeNumber('count', 0).safeParse(-1);
		expect(r.success ? null : r.error.issues[0]!.message).toBe('count must be a whole number ≥ 0, got -1');
	});
});

describe('parseField', () => {
	it('returns the parsed value', () => {
		expect(
			parseField(
				z.string().transform((s) => s.length),
				'name',
				'abc',
			),
		).toBe(3);
	});

	it('refuses with 400 INVALID_PAYLOAD naming the field and the first message', () => {
		expect(() => parseField(zWholeNumber('score', 1, 5), 'score', 6)).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				status: 400,
				extensions: { field: 'score' },
				message: 'score must be a whole number from 1 to 5, got 6',
			}),
		);
	});
});
