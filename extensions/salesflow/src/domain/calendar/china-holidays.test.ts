import { describe, expect, it } from 'vitest';
import { epochDay } from '../dates';
import { CHINA_FIXED_REST_DAYS_AHEAD, CHINA_HOLIDAY_NOTICES, CHINA_MAKE_UP_WORKDAYS, CHINA_REST_DAYS } from './china-holidays';

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 0 || weekday(day) === 6;
const years = Object.keys(CHINA_HOLIDAY_NOTICES).map(Number);

describe('China holiday data', () => {
	it('covers 2024, 2025 and 2026', () => {
		expect(years).toEqual([2024, 2025, 2026]);
	});

	it('has no day that is both a rest day and a make-up working day', () => {
		expect([...CHINA_MAKE_UP_WORKDAYS].filter((d) => CHINA_REST_DAYS.has(d))).toEqual([]);
	});

	it('has only Saturdays and Sundays as make-up working days', () => {
		expect([...CHINA_MAKE_UP_WORKDAYS].filter((d) => !isWeekend(d))).toEqual([]);
	});

	it('has only real dates, each block 1 to 9 days long with its make-up days close by', () => {
		for (const block of Object.values(CHINA_HOLIDAY_NOTICES).flat()) {
			const length = epochDay(block.to) - epochDay(block.from) + 1; // epochDay refuses a date that does not exist
			expect(length, `${block.festival} ${block.from}`).toBeGreaterThanOrEqual(1);
			expect(length, `${block.festival} ${block.from}`).toBeLessThanOrEqual(9);
			// A make-up day sits next to its block: within two weeks either side.
			for (const day of block.makeUpWorkdays) expect(Math.abs(epochDay(day) - epochDay(block.from))).toBeLessThanOrEqual(14);
		}
	});

	it.each([
		[2024, ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']],
		[2025, ['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节']],
		[2026, ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']],
	])('%i has a block for every festival', (year, festivals) => {
		expect(CHINA_HOLIDAY_NOTICES[year]!.map((b) => b.festival)).toEqual(festivals);
	});

	it.each([
		// Spring Festival and National Day, the two long blocks, with their make-up days, as the notices state them.
		[2024, '春节', '2024-02-10', '2024-02-17', ['2024-02-04', '2024-02-18']],
		[2024, '国庆节', '2024-10-01', '2024-10-07', ['2024-09-29', '2024-10-12']],
		[2025, '春节', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']],
		[2025, '国庆节、中秋节', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']],
		[2026, '春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']],
		[2026, '国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']],
	])('%i %s runs %s to %s, worked on %j', (year, festival, from, to, makeUpWorkdays) => {
		expect(CHINA_HOLIDAY_NOTICES[year]!.find((b) => b.festival === festival)).toEqual({ festival, from, to, makeUpWorkdays });
	});

	it.each([
		// 全国年节及纪念日放假办法: 11 statutory days until 2024, 13 from 2025 (除夕 and a second 劳动节 day added).
		// Whatever the shuffling, weekdays off minus weekend days worked is exactly that many.
		[2024, 11],
		[2025, 13],
		[2026, 13],
	])('%i costs %i working days net', (year, statutory) => {
		const blocks = CHINA_HOLIDAY_NOTICES[year]!;
		const restWeekdays = [...CHINA_REST_DAYS].filter(
			(d) => !isWeekend(d) && blocks.some((b) => epochDay(b.from) <= epochDay(d) && epochDay(d) <= epochDay(b.to)),
		);
		const worked = blocks.flatMap((b) => b.makeUpWorkdays);
		expect(restWeekdays.length - worked.length).toBe(statutory);
	});

	it.each([
		['2023-12-30', true], // 2024 元旦 "与周末连休": the weekend before it is part of the block
		['2024-06-08', true], // 2024 端午 likewise
		['2025-10-06', true], // 中秋 inside the merged National Day block
		['2026-02-23', true], // 正月初七, last day of the 2026 Spring Festival
		['2026-02-24', false],
		['2026-12-31', false],
		// 2027, before its notice: the days the law fixes by date rest, nothing else is guessed.
		['2027-01-01', true],
		['2027-05-01', true],
		['2027-05-02', true],
		['2027-05-03', false],
		['2027-10-03', true],
		['2027-10-04', false],
		['2027-02-08', false], // 春节 2027 comes with its notice (or the administrator's calendar changes)
		['2031-10-01', true],
		['2032-01-01', false], // beyond the years built in ahead
	])('%s is a rest day: %s', (day, rest) => {
		expect(CHINA_REST_DAYS.has(day)).toBe(rest);
	});

	it('builds in the fixed statutory days for five years after the last notice, none of them a make-up day', () => {
		expect(CHINA_FIXED_REST_DAYS_AHEAD).toHaveLength(5 * 6);
		expect(CHINA_FIXED_REST_DAYS_AHEAD.filter((d) => CHINA_MAKE_UP_WORKDAYS.has(d))).toEqual([]);
		for (const d of CHINA_FIXED_REST_DAYS_AHEAD) expect(Number(d.slice(0, 4))).toBeGreaterThan(Math.max(...years));
	});
});
