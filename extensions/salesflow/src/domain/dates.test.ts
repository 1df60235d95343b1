import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, epochDay, isoDate, zIsoDate } from './dates';

describe('epochDay / isoDate', () => {
	it.each([
		['1970-01-01', 0],
		['1970-01-02', 1],
		['1969-12-31', -1],
		['2000-02-29', 11016],
		['2026-03-15', 20527],
	])('%s is day %i and back', (date, day) => {
		expect(epochDay(date)).toBe(day);
		expect(isoDate(day)).toBe(date);
	});

	it.each([
		['2026-03-15T23:59:59+08:00', '2026-03-15'],
		['2026-03-15 00:00:00', '2026-03-15'],
		[new Date('2026-03-15T00:00:00Z'), '2026-03-15'],
		[new Date('2026-03-15T23:59:59.999Z'), '2026-03-15'],
	])('reads %s as the date %s', (input, date) => {
		expect(isoDate(epochDay(input))).toBe(date);
	});

	it.each([
		['2026-02-29'],
		['2026-02-30'],
		['2026-13-01'],
		['2026-00-10'],
		['2026-04-31'],
		['26-01-01'],
		['2026-1-1'],
		['20260101'],
		[''],
		['yesterday'],
		[new Date('nope')],
		[123 as unknown as string],
	])('refuses %s with 400 naming the field', (input) => {
		expect(() => epochDay(input, 'due_date')).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field: 'due_date' } }),
		);
	});

	it('says what it expected', () => {
		expect(() => epochDay('2026-02-30')).toThrow('date must be a date YYYY-MM-DD, got "2026-02-30"');
	});
});

describe('addDays', () => {
	it.each([
		['2026-01-31', 1, '2026-02-01'],
		['2026-02-28', 1, '2026-03-01'],
		['2028-02-28', 1, '2028-02-29'], // leap year
		['2026-12-31', 1, '2027-01-01'],
		['2026-01-15', 0, '2026-01-15'],
		['2026-01-15', 30, '2026-02-14'],
		['2026-03-01', -1, '2026-02-28'],
		['2026-03-29', 1, '2026-03-30'], // no daylight-saving surprises
	])('%s + %i = %s', (date, days, result) => {
		expect(addDays(date, days)).toBe(result);
	});
});

describe('daysBetween', () => {
	it.each([
		['2026-01-01', '2026-01-01', 0],
		['2026-01-01', '2026-01-31', 30],
		['2026-01-31', '2026-01-01', -30],
		['2025-12-31', '2026-12-31', 365],
		['2027-12-31', '2028-12-31', 366],
	])('%s → %s = %i days', (from, to, days) => {
		expect(daysBetween(from, to)).toBe(days);
	});
});

describe('zIsoDate', () => {
	it.each([
		['2026-01-01', true],
		['2028-02-29', true],
		['2026-02-29', false],
		['2026-01-01T00:00:00', false],
		['01/01/2026', false],
		['', false],
	])('%s → %s', (s, ok) => {
		expect(zIsoDate.safeParse(s).success).toBe(ok);
	});
});
