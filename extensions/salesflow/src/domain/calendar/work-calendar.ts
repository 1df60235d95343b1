// Working days (工作日) on China's public-holiday calendar with its make-up working days (调休), for promises like
// "ship within 3 working days of confirmation", and approval time limits (审批时限) in calendar or working hours.
// Local dates and wall times go through Intl with the IANA zone the caller names, never a fixed +08:00, so a zone
// with daylight saving (America/New_York) works as well as Asia/Shanghai.
import { z } from 'zod';
import { epochDay, isoDate, zIsoDate } from '../dates';
import { invalid } from '../errors';
import { CHINA_MAKE_UP_WORKDAYS, CHINA_REST_DAYS } from './china-holidays';

/** Days off on a weekday (holidays) and weekend days worked (make-up days), as 'YYYY-MM-DD'. */
export type WorkCalendar = { rest: ReadonlySet<string>; work: ReadonlySet<string> };

/** An admin's correction to the built-in calendar: a company holiday, or a day worked after all. */
export type CalendarOverride = { date: string; kind: 'holiday' | 'workday' };

/** The daily window working hours count in, local wall times 'HH:MM'. */
export type WorkingHours = { start: string; end: string };

export type DueOptions = {
	/** false: N calendar hours; true: N hours inside `window` on working days. */
	workingHours: boolean;
	calendar: WorkCalendar;
	/** IANA zone of the company, e.g. 'Asia/Shanghai'. */
	timeZone: string;
	/** Defaults to 09:00–18:00. */
	window?: WorkingHours;
};

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '18:00' };

// Limits that keep the day-by-day walks short whatever a misconfigured setting says.
const MAX_WORKING_DAYS = 3650;
const MAX_HOURS = 8760; // a year

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const CLOCK_RULE = 'must be a time HH:MM (00:00 to 23:59)';
const zClock = z.string({ error: CLOCK_RULE }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, CLOCK_RULE);

/** Working hours as a settings form would send them: two wall times, the start before the end. */
export const zWorkingHours = z
	.object({ start: zClock, end: zClock }, { error: 'must be an object { start, end }' })
	// 'HH:MM' strings order like the times they name.
	.refine((w) => w.start < w.end, { error: 'must be after start', path: ['end'] });

const zOverride = z.object(
	{
		date: z.string({ error: 'must be a date YYYY-MM-DD' }).pipe(zIsoDate),
		kind: z.enum(['holiday', 'workday'], { error: "must be 'holiday' or 'workday'" }),
	},
	{ error: 'must be an object { date, kind }' },
);

/** The first problem of a failed parse as 400 naming the field `fieldOf` picks, with what was given. */
function refuse(error: z.ZodError, fieldOf: (path: PropertyKey[]) => string, label: string, given: unknown) {
	const issue = error.issues[0]!;
	return invalid(fieldOf(issue.path), `${label}: ${[...issue.path, issue.message].join(' ')}, got ${JSON.stringify(given)}`);
}

/**
 * The built-in State Council calendar with the admin's overrides on top: an override wins over the built-in day.
 * A row with a bad date or kind is 400 naming 'date' or 'kind'; one date overridden both ways is 400 on 'date'.
 */
export function chinaCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
	const rest = new Set(CHINA_REST_DAYS);
	const work = new Set(CHINA_MAKE_UP_WORKDAYS);
	const kindOf = new Map<string, CalendarOverride['kind']>();
	for (const [i, row] of overrides.entries()) {
		const parsed = zOverride.safeParse(row);
		if (!parsed.success) throw refuse(parsed.error, (path) => (path[0] === 'kind' ? 'kind' : 'date'), `calendar override ${i + 1}`, row);
		const { date, kind } = parsed.data;
		if (kindOf.has(date) && kindOf.get(date) !== kind) throw invalid('date', `${date} is overridden both as holiday and as workday`);
		kindOf.set(date, kind);
		(kind === 'holiday' ? rest : work).add(date);
		(kind === 'holiday' ? work : rest).delete(date);
	}
	return { rest, work };
}

/** Epoch day of a strict 'YYYY-MM-DD' (no time part: it would never match the calendar's keys). */
function dayNumber(day: unknown, field: string): number {
	if (!zIsoDate.safeParse(day).success) throw invalid(field, `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
	return epochDay(day as string, field);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
const weekdayOf = (epochDays: number) => (((epochDays + 4) % 7) + 7) % 7;

function isWorking(epochDays: number, cal: WorkCalendar): boolean {
	const day = isoDate(epochDays);
	if (cal.work.has(day)) return true;
	if (cal.rest.has(day)) return false;
	const weekday = weekdayOf(epochDays);
	return weekday !== 0 && weekday !== 6;
}

/** A make-up working day is working, a rest day is not, any other day is working Monday to Friday. */
export const isWorkingDay = (day: string, cal: WorkCalendar) => isWorking(dayNumber(day, 'date'), cal);

/** The n-th working day after `day` ('YYYY-MM-DD'); n = 0 is `day` itself, working or not. */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar): string {
	let d = dayNumber(day, 'date');
	if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS)
		throw invalid('days', `days must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
	for (let left = n; left > 0; ) {
		d += 1;
		if (isWorking(d, cal)) left -= 1;
	}
	return isoDate(d);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter for wall-clock parts in `timeZone`; an unknown zone is 400 on 'timeZone'. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
	const cached = formats.get(timeZone);
	if (cached) return cached;
	const refused = invalid('timeZone', `timeZone must be an IANA time zone like Asia/Shanghai, got ${JSON.stringify(timeZone)}`);
	// Intl would take a missing zone as the server's own.
	if (typeof timeZone !== 'string' || timeZone === '') throw refused;
	let format: Intl.DateTimeFormat;
	try {
		const parts = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
		format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...parts });
	} catch {
		throw refused;
	}
	formats.set(timeZone, format);
	return format;
}

/** The wall time `instantMs` shows in `timeZone`, as milliseconds of a UTC clock showing the same (whole seconds). */
function wallClockMs(instantMs: number, timeZone: string): number {
	const part: Record<string, number> = {};
	for (const { type, value } of wallClockFormat(timeZone).formatToParts(instantMs)) part[type] = Number(value);
	return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

/** The instant that wall time `wallMs` (see wallClockMs) names in `timeZone`. */
function instantOfWallClock(wallMs: number, timeZone: string): number {
	// Zone offsets stay within ±14 h and do not change twice in two days: the offsets a day either side are
	// the only candidates.
	const candidates = [wallMs - DAY_MS, wallMs + DAY_MS].map((probe) => wallMs - (wallClockMs(probe, timeZone) - probe));
	const fitting = candidates.filter((t) => wallClockMs(t, timeZone) === wallMs);
	// Clocks set back show the time twice: the earlier instant. Clocks set forward skip it: the offset before
	// the jump, which lands as much later as the gap is long (02:30 in a 02:00→03:00 jump is 03:30).
	return fitting.length ? Math.min(...fitting) : candidates[0]!;
}

function instantMs(instant: unknown, field: string): number {
	if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw invalid(field, `${field} must be a valid date-time`);
	return instant.getTime();
}

/** Minutes since midnight of a checked 'HH:MM'. */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function clockMinutes(time: unknown, field: string): number {
	const parsed = zClock.safeParse(time);
	if (!parsed.success) throw invalid(field, `${field} ${CLOCK_RULE}, got ${JSON.stringify(time)}`);
	return minutesOf(parsed.data);
}

/** The local date, wall time (minutes, seconds dropped) and weekday (0 = Sunday) of an instant in `timeZone`. */
export function zonedDateTime(instant: Date, timeZone: string): { date: string; time: string; weekday: number } {
	const wall = new Date(wallClockMs(instantMs(instant, 'instant'), timeZone));
	return { date: isoDate(Math.floor(wall.getTime() / DAY_MS)), time: wall.toISOString().slice(11, 16), weekday: wall.getUTCDay() };
}

/** The instant the local wall time `time` on `date` names in `timeZone` (a skipped time moves on by the gap). */
export function instantAt(date: string, time: string, timeZone: string): Date {
	const wallMs = dayNumber(date, 'date') * DAY_MS + clockMinutes(time, 'time') * MINUTE_MS;
	return new Date(instantOfWallClock(wallMs, timeZone));
}

/**
 * When an approval step falls due: `hours` after `start`, either on the clock or counting only time inside the
 * working-hours window on working days in `timeZone` (a start outside the window counts from the next opening;
 * a limit that ends exactly at closing time is due at closing, not at the next opening).
 */
export function dueAt(start: Date, hours: number, opts: DueOptions): Date {
	const from = instantMs(start, 'start');
	if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS)
		throw invalid('hours', `hours must be a number greater than 0 and at most ${MAX_HOURS}, got ${hours}`);
	wallClockFormat(opts.timeZone); // a bad zone is refused in both modes, not only when working hours need it
	let left = Math.round(hours * HOUR_MS);
	if (!opts.workingHours) return new Date(from + left);

	const window = opts.window ?? DEFAULT_WORKING_HOURS;
	const parsed = zWorkingHours.safeParse(window);
	if (!parsed.success) throw refuse(parsed.error, (path) => ['window', ...path].join('.'), 'working hours', window);
	const [opening, closing] = [minutesOf(parsed.data.start), minutesOf(parsed.data.end)];

	// Walk the local days from the start's own; the hours cap keeps this to a few hundred working days.
	for (let day = Math.floor(wallClockMs(from, opts.timeZone) / DAY_MS); ; day++) {
		if (!isWorking(day, opts.calendar)) continue;
		const opens = Math.max(from, instantOfWallClock(day * DAY_MS + opening * MINUTE_MS, opts.timeZone));
		const closes = instantOfWallClock(day * DAY_MS + closing * MINUTE_MS, opts.timeZone);
		if (opens >= closes) continue;
		if (left <= closes - opens) return new Date(opens + left);
		left -= closes - opens;
	}
}
