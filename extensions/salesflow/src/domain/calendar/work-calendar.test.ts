import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	type CalendarOverride,
	chinaCalendar,
	type DueOptions,
	dueAt,
	instantAt,
	isWorkingDay,
	type WorkCalendar,
	zonedDateTime,
	zWorkingHours,
} from './work-calendar';

const china = chinaCalendar();
const plainWeeks: WorkCalendar = { rest: new Set(), work: new Set() };
const refusal = (field: string) => expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field } });

describe('isWorkingDay on the China calendar', () => {
	it.each([
		['2025-01-26', true], // Sunday, make-up day before Spring Festival
		['2025-01-28', false], // 除夕, Tuesday
		['2025-02-04', false], // Tuesday, last day of Spring Festival
		['2025-02-05', true],
		['2025-02-08', true], // Saturday, make-up day
		['2025-02-09', false], // ordinary Sunday
		['2025-10-06', false], // Monday, 中秋 inside National Day
		['2025-10-11', true], // Saturday, make-up day
		['2026-01-02', false], // Friday, 元旦 block
		['2026-01-04', true], // Sunday, make-up day
		['2026-02-14', true], // Saturday, make-up day
		['2026-02-23', false], // Monday, 正月初七
		['2026-02-24', true],
		['2026-03-07', false], // ordinary Saturday
		['2026-09-20', true], // Sunday, make-up day
		['2026-10-07', false], // Wednesday, National Day
		['2026-10-10', true], // Saturday, make-up day
		['2026-12-02', true], // ordinary Wednesday
	])('%s is a working day: %s', (day, working) => {
		expect(isWorkingDay(day, china)).toBe(working);
	});

	it('is plain Monday to Friday without data', () => {
		expect(['2026-10-05', '2026-10-10', '2026-10-11'].map((d) => isWorkingDay(d, plainWeeks))).toEqual([true, false, false]);
	});

	it.each([['2026-02-30'], ['2026-10-01T00:00'], ['1.10.2026'], [''], [20261001 as unknown as string]])('refuses the day %j', (day) => {
		expect(() => isWorkingDay(day, china)).toThrow(refusal('date'));
	});
});

describe('addWorkingDays', () => {
	it.each([
		['2026-11-23', 0, '2026-11-23'], // zero is the day itself
		['2026-10-03', 0, '2026-10-03'], // … even a rest day
		['2026-11-27', 1, '2026-11-30'], // Friday → Monday, over the weekend
		['2026-11-26', 3, '2026-12-01'], // Thursday → Tuesday
		['2026-11-28', 3, '2026-12-02'], // from a Saturday
		['2026-02-12', 3, '2026-02-24'], // Spring Festival: Fri 13, Sat 14 (make-up), then Tue 24
		['2026-02-13', 1, '2026-02-14'], // the make-up Saturday counts
		['2026-02-26', 2, '2026-02-28'], // Fri 27, Sat 28 (make-up)
		['2025-01-24', 1, '2025-01-26'], // Friday → make-up Sunday
		['2025-01-26', 2, '2025-02-05'], // Mon 27, then after the block Wed 5
		['2026-09-30', 3, '2026-10-10'], // National Day: Thu 8, Fri 9, Sat 10 (make-up)
		['2026-09-18', 1, '2026-09-20'], // Friday → make-up Sunday
		['2025-09-30', 3, '2025-10-11'], // 2025: Thu 9, Fri 10, Sat 11 (make-up)
		['2026-10-03', 1, '2026-10-08'], // from inside the block
	])('%s + %i working days = %s', (day, n, result) => {
		expect(addWorkingDays(day, n, china)).toBe(result);
	});

	it.each([[-1], [1.5], [Number.NaN], [3651]])('refuses %s days', (n) => {
		expect(() => addWorkingDays('2026-12-01', n, china)).toThrow(refusal('days'));
	});

	it('refuses a bad day', () => {
		expect(() => addWorkingDays('2026-13-01', 1, china)).toThrow(refusal('date'));
	});
});

describe('chinaCalendar overrides', () => {
	it.each([
		['a company holiday on a Monday', [{ date: '2026-11-30', kind: 'holiday' }], '2026-11-30', false],
		['a worked Saturday', [{ date: '2026-12-05', kind: 'workday' }], '2026-12-05', true],
		['a worked official holiday', [{ date: '2026-10-07', kind: 'workday' }], '2026-10-07', true],
		['an official make-up day taken off', [{ date: '2026-02-14', kind: 'holiday' }], '2026-02-14', false],
		// 2027 before its notice is built in: the administrator enters its days (here 春节, a Monday) and they count.
		['a 2027 holiday the administrator added', [{ date: '2027-02-08', kind: 'holiday' }], '2027-02-08', false],
		['a 2027 make-up Saturday the administrator added', [{ date: '2027-02-20', kind: 'workday' }], '2027-02-20', true],
		[
			'the same row twice',
			[
				{ date: '2026-11-30', kind: 'holiday' },
				{ date: '2026-11-30', kind: 'holiday' },
			],
			'2026-11-30',
			false,
		],
	] satisfies [string, CalendarOverride[], string, boolean][])('%s wins over the built-in day', (_, overrides, day, working) => {
		expect(isWorkingDay(day, chinaCalendar(overrides))).toBe(working);
	});

	it('moves deadlines: a company holiday on Monday makes Friday + 1 a Tuesday', () => {
		expect(addWorkingDays('2026-11-27', 1, chinaCalendar([{ date: '2026-11-30', kind: 'holiday' }]))).toBe('2026-12-01');
	});

	it('leaves the built-in calendar alone', () => {
		chinaCalendar([{ date: '2026-10-07', kind: 'workday' }]);
		expect(isWorkingDay('2026-10-07', chinaCalendar())).toBe(false);
	});

	it.each([
		[{ date: '2026-02-30', kind: 'holiday' }, 'date', 'calendar override 1: date must be a date YYYY-MM-DD, got'],
		[{ date: '2026-12-05T00:00', kind: 'holiday' }, 'date', 'date must be a date YYYY-MM-DD'],
		[{ date: 20261205, kind: 'holiday' }, 'date', 'date must be a date YYYY-MM-DD'],
		[{ kind: 'holiday' }, 'date', 'date must be a date YYYY-MM-DD'],
		[null, 'date', 'calendar override 1: must be an object { date, kind }, got null'],
		[{ date: '2026-12-05', kind: 'vacation' }, 'kind', `calendar override 1: kind must be 'holiday' or 'workday', got`],
		[{ date: '2026-12-05' }, 'kind', `kind must be 'holiday' or 'workday'`],
	])('refuses the row %j naming %s', (row, field, message) => {
		const overrides = [row as unknown as CalendarOverride];
		expect(() => chinaCalendar(overrides)).toThrow(refusal(field));
		expect(() => chinaCalendar(overrides)).toThrow(message);
	});

	it('names the row that is wrong', () => {
		const overrides = [{ date: '2026-12-05', kind: 'workday' }, { date: '2026-12-06' }] as CalendarOverride[];
		expect(() => chinaCalendar(overrides)).toThrow('calendar override 2: kind');
	});

	it('refuses one date overridden both ways', () => {
		const overrides: CalendarOverride[] = [
			{ date: '2026-12-05', kind: 'workday' },
			{ date: '2026-12-05', kind: 'holiday' },
		];
		expect(() => chinaCalendar(overrides)).toThrow(refusal('date'));
		expect(() => chinaCalendar(overrides)).toThrow('2026-12-05 is overridden both as holiday and as workday');
	});
});

describe('zonedDateTime / instantAt', () => {
	it.each([
		['2026-12-04T07:00:00Z', 'Asia/Shanghai', '2026-12-04', '15:00', 5],
		['2026-12-04T16:30:59Z', 'Asia/Shanghai', '2026-12-05', '00:30', 6], // past local midnight; seconds dropped
		['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08', '01:59', 0], // EST, a minute before the jump
		['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', '03:00', 0], // EDT: 02:00–02:59 never shows
		['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01', '01:30', 0], // EDT, first 01:30
		['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01', '01:30', 0], // EST, second 01:30
		['2026-01-01T03:00:00Z', 'America/New_York', '2025-12-31', '22:00', 3], // the day before
		['2026-07-01T00:00:00Z', 'Asia/Kolkata', '2026-07-01', '05:30', 3],
	])('%s in %s is %s %s, weekday %i', (instant, zone, date, time, weekday) => {
		expect(zonedDateTime(new Date(instant), zone)).toEqual({ date, time, weekday });
	});

	it.each([
		['2026-12-04', '15:00', 'Asia/Shanghai', '2026-12-04T07:00:00.000Z'],
		['2026-12-05', '00:30', 'Asia/Shanghai', '2026-12-04T16:30:00.000Z'],
		['2026-07-01', '09:00', 'America/New_York', '2026-07-01T13:00:00.000Z'], // EDT, −4
		['2026-12-01', '09:00', 'America/New_York', '2026-12-01T14:00:00.000Z'], // EST, −5
		['2026-03-08', '01:59', 'America/New_York', '2026-03-08T06:59:00.000Z'],
		['2026-03-08', '03:00', 'America/New_York', '2026-03-08T07:00:00.000Z'],
		['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'], // skipped: moves on by the hour, to 03:30 EDT
		['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'], // shown twice: the earlier one
		['2026-11-01', '02:00', 'America/New_York', '2026-11-01T07:00:00.000Z'],
		['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'], // shown twice: BST's
		['2026-04-05', '01:45', 'Australia/Lord_Howe', '2026-04-04T14:45:00.000Z'], // half-hour shift: +11 first
	])('%s %s in %s is %s', (date, time, zone, instant) => {
		expect(instantAt(date, time, zone).toISOString()).toBe(instant);
	});

	it.each([
		['Asia/Shanghai'],
		['America/New_York'],
		['Europe/London'],
		['Asia/Kolkata'],
		['Pacific/Chatham'],
		['Australia/Lord_Howe'],
		['UTC'],
	])('goes there and back in %s every 25 hours 15 minutes through 2026 (a repeated time gives its earlier instant)', (zone) => {
		for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 90_900_000) {
			const local = zonedDateTime(new Date(t), zone);
			const back = instantAt(local.date, local.time, zone);
			expect(zonedDateTime(back, zone), `${zone} ${local.date} ${local.time}`).toEqual(local);
			// 0, or the length of the clock change when the time shows twice (Lord Howe shifts by half an hour).
			expect(t - back.getTime(), `${zone} ${local.date} ${local.time}`).toBeOneOf([0, 1_800_000, 3_600_000]);
		}
	});

	it.each([['Mars/Olympus_Mons'], [''], [undefined as unknown as string]])('refuses the zone %j', (zone) => {
		expect(() => zonedDateTime(new Date(), zone)).toThrow(refusal('timeZone'));
		expect(() => instantAt('2026-12-01', '09:00', zone)).toThrow(refusal('timeZone'));
	});

	it('refuses an invalid instant', () => {
		expect(() => zonedDateTime(new Date('nope'), 'Asia/Shanghai')).toThrow(refusal('instant'));
	});

	it.each([
		['2026-02-30', '09:00', 'date'],
		['2026-12-01', '24:00', 'time'],
		['2026-12-01', '9:00', 'time'],
		['2026-12-01', '09:60', 'time'],
		['2026-12-01', '09:00:00', 'time'],
	])('refuses %s %s naming %s', (date, time, field) => {
		expect(() => instantAt(date, time, 'Asia/Shanghai')).toThrow(refusal(field));
	});
});

describe('dueAt', () => {
	const shanghai = (date: string, time: string) => instantAt(date, time, 'Asia/Shanghai');
	const inShanghai = (instant: Date) => {
		const { date, time } = zonedDateTime(instant, 'Asia/Shanghai');
		return `${date} ${time}`;
	};
	const working: DueOptions = { workingHours: true, calendar: china, timeZone: 'Asia/Shanghai' };

	it.each([
		[4, '2026-12-04 19:00'],
		[0.5, '2026-12-04 15:30'],
		[24, '2026-12-05 15:00'], // the clock does not care about weekends
		[72, '2026-12-07 15:00'],
	])('%s calendar hours from Friday 15:00 is %s', (hours, due) => {
		const start = shanghai('2026-12-04', '15:00');
		expect(inShanghai(dueAt(start, hours, { ...working, workingHours: false }))).toBe(due);
	});

	it('counts calendar hours as elapsed time across a DST change', () => {
		const start = new Date('2026-03-07T17:00:00Z'); // Saturday 12:00 EST
		const due = dueAt(start, 24, { workingHours: false, calendar: plainWeeks, timeZone: 'America/New_York' });
		expect(due.toISOString()).toBe('2026-03-08T17:00:00.000Z');
		expect(zonedDateTime(due, 'America/New_York').time).toBe('13:00');
	});

	it.each([
		['Friday 15:00, Monday works', '2026-12-04', '15:00', 4, '2026-12-07 10:00'],
		['before the window', '2026-12-02', '07:30', 4, '2026-12-02 13:00'],
		['after the window', '2026-12-02', '20:00', 4, '2026-12-03 13:00'],
		['at opening', '2026-12-02', '09:00', 9, '2026-12-02 18:00'],
		['ending exactly at closing', '2026-12-02', '14:00', 4, '2026-12-02 18:00'],
		['half an hour at 17:45', '2026-12-02', '17:45', 0.5, '2026-12-03 09:15'],
		['24 working hours from Wednesday 09:00', '2026-12-02', '09:00', 24, '2026-12-04 15:00'],
		['24 working hours over a weekend', '2026-12-03', '12:00', 24, '2026-12-07 18:00'],
		['Friday before 清明 (Sat–Mon)', '2026-04-03', '15:00', 4, '2026-04-07 10:00'],
		['Thursday before 中秋 (Fri–Sun)', '2026-09-24', '15:00', 4, '2026-09-28 10:00'],
		['Wednesday before National Day', '2026-09-30', '15:00', 4, '2026-10-08 10:00'],
		['Friday before Spring Festival, make-up Saturday next', '2026-02-13', '15:00', 4, '2026-02-14 10:00'],
		['Friday before 2025 National Day, make-up Sunday next', '2025-09-26', '15:00', 4, '2025-09-28 10:00'],
		['on a make-up Saturday', '2026-02-28', '10:00', 4, '2026-02-28 14:00'],
		['late on a make-up Saturday', '2026-02-28', '16:00', 4, '2026-03-02 11:00'],
		['on a holiday', '2026-10-03', '10:00', 1, '2026-10-08 10:00'],
	])('%s: %s %s + %s working hours = %s', (_, date, time, hours, due) => {
		expect(inShanghai(dueAt(shanghai(date, time), hours, working))).toBe(due);
	});

	it('keeps the seconds of a start inside the window', () => {
		const start = new Date('2026-12-02T02:00:30Z'); // 10:00:30 Shanghai
		expect(dueAt(start, 1, working).toISOString()).toBe('2026-12-02T03:00:30.000Z');
	});

	it('follows a custom window', () => {
		const start = shanghai('2026-12-04', '16:00');
		expect(inShanghai(dueAt(start, 4, { ...working, window: { start: '08:30', end: '17:30' } }))).toBe('2026-12-07 11:00');
	});

	it('follows admin overrides', () => {
		const calendar = chinaCalendar([{ date: '2026-12-07', kind: 'holiday' }]);
		expect(inShanghai(dueAt(shanghai('2026-12-04', '15:00'), 4, { ...working, calendar }))).toBe('2026-12-08 10:00');
	});

	it('counts working hours in New York wall time across the DST change', () => {
		const start = new Date('2026-03-06T20:00:00Z'); // Friday 15:00 EST
		const due = dueAt(start, 4, { workingHours: true, calendar: plainWeeks, timeZone: 'America/New_York' });
		expect(due.toISOString()).toBe('2026-03-09T14:00:00.000Z'); // Monday 10:00 EDT
	});

	it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], [8761], ['4' as unknown as number]])('refuses %s hours', (hours) => {
		expect(() => dueAt(shanghai('2026-12-02', '09:00'), hours, working)).toThrow(refusal('hours'));
	});

	it('refuses an invalid start', () => {
		expect(() => dueAt(new Date('nope'), 4, working)).toThrow(refusal('start'));
	});

	it.each([false, true])('refuses an unknown zone (working hours: %s)', (workingHours) => {
		expect(() => dueAt(new Date(), 4, { ...working, workingHours, timeZone: 'Asia/Beijing' })).toThrow(refusal('timeZone'));
	});

	it.each([
		[{ start: '18:00', end: '09:00' }, 'window.end', 'working hours: end must be after start'],
		[{ start: '09:00', end: '09:00' }, 'window.end', 'end must be after start'],
		[{ start: '9:00', end: '18:00' }, 'window.start', 'start must be a time HH:MM'],
		[{ start: '09:00', end: '24:00' }, 'window.end', 'end must be a time HH:MM'],
		[{ start: '09:00' }, 'window.end', 'end must be a time HH:MM'],
		['09:00-18:00', 'window', 'working hours: must be an object { start, end }, got "09:00-18:00"'],
	])('refuses the window %j naming %s', (window, field, message) => {
		const opts = { ...working, window: window as DueOptions['window'] };
		expect(() => dueAt(new Date(), 4, opts)).toThrow(refusal(field));
		expect(() => dueAt(new Date(), 4, opts)).toThrow(message);
	});
});

describe('zWorkingHours', () => {
	it('takes a valid window as it is', () => {
		expect(zWorkingHours.parse({ start: '08:30', end: '17:30' })).toEqual({ start: '08:30', end: '17:30' });
	});
});
