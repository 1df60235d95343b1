// Calendar dates as 'YYYY-MM-DD' with whole-day UTC arithmetic, so no time zone shifts a due date.
import { z } from 'zod';
import { invalid } from './errors';

export type DateInput = string | Date;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const DAY_MS = 86_400_000;

function dayOf(s: string): number | null {
	const m = ISO_DATE.exec(s);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const back = new Date(Date.UTC(y, mo - 1, d));
	// Date.UTC rolls 2026-02-30 over into March; a date that does not come back unchanged does not exist.
	return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? back.getTime() / DAY_MS : null;
}

/**
 * Days since 1970-01-01 of a date: 'YYYY-MM-DD' (a time part after it is ignored — the written
 * date counts) or a Date (its UTC calendar day, as drivers hand back DATE columns in a UTC process).
 */
export function epochDay(date: DateInput, field = 'date'): number {
	const day =
		date instanceof Date
			? Number.isNaN(date.getTime())
				? null
				: Math.floor(date.getTime() / DAY_MS)
			: typeof date === 'string'
				? dayOf(date)
				: null;
	if (day === null) throw invalid(field, `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
	return day;
}

export const isoDate = (epochDays: number) => new Date(epochDays * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: DateInput, days: number, field = 'date') => isoDate(epochDay(date, field) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: DateInput, to: DateInput) => epochDay(to) - epochDay(from);

export const zIsoDate = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && dayOf(s) !== null, 'must be a date YYYY-MM-DD');
