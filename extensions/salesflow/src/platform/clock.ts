// The company clock: "now", "today" and the working calendar for every date Salesflow stamps or
// compares. Today is the date in the company's time zone (default Asia/Shanghai), not the server's:
// a server in UTC would otherwise stamp anything done in Shanghai before 08:00 with the day before.
// Test runs (SALESFLOW_TEST_CLOCK=true) may send the instant a request happens at: it holds for that
// request and the work it starts, so tests running side by side keep their own clocks.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { chinaCalendar, instantAt, type WorkCalendar, zonedDateTime } from '../domain/calendar/work-calendar';
import { businessTimeZone } from '../domain/crm';
import { addDays } from '../domain/dates';

const pinned = new AsyncLocalStorage<Date>();
let zoneSource: () => string = () => businessTimeZone(process.env);
let calendarSource: () => WorkCalendar = (() => {
	const builtIn = chinaCalendar();
	return () => builtIn;
})();

/** Where the time zone comes from (the settings row once it is read); the default reads the environment. */
export function useTimeZone(source: () => string): void {
	zoneSource = source;
}

/** Where the working calendar comes from (the built-in holidays plus the administrator's overrides). */
export function useWorkCalendar(source: () => WorkCalendar): void {
	calendarSource = source;
}

/** The request header carrying a test's "now" (an ISO instant). */
export const CLOCK_HEADER = 'x-salesflow-clock';

/** Runs the rest of a request at the instant its CLOCK_HEADER names (mounted only in test runs, after body parsing). */
export function requestClock(req: Request, _res: Response, next: NextFunction): void {
	const at = new Date(String(req.headers[CLOCK_HEADER] ?? ''));
	if (Number.isNaN(at.getTime())) next();
	else pinned.run(at, next);
}

export const now = (): Date => {
	const at = pinned.getStore();
	return at ? new Date(at.getTime()) : new Date();
};

export const timeZone = (): string => zoneSource();

export const workCalendar = (): WorkCalendar => calendarSource();

/** The company's calendar date and hour of an instant. */
export function clockAt(at: Date): { date: string; hour: number } {
	const z = zonedDateTime(at, timeZone());
	return { date: z.date, hour: Number(z.time.slice(0, 2)) };
}

/** The company's date of an instant ('YYYY-MM-DD'). */
export const dateAt = (at: Date): string => zonedDateTime(at, timeZone()).date;

/** Today in the company's time zone. */
export const today = (): string => dateAt(now());

/** Today + n days on the company calendar. */
export const todayPlus = (days: number): string => addDays(today(), days);

/** The instant the company's day begins (its local midnight), for comparing timestamps by company day. */
export const startOfDay = (day: string): Date => instantAt(day, '00:00', timeZone());

/** An instant as people in the company read it: 'YYYY-MM-DD HH:MM'. */
export function wallTime(at: Date): string {
	const z = zonedDateTime(at, timeZone());
	return `${z.date} ${z.time}`;
}
