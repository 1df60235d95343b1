// Work reports' contents. A daily report (日报, seed 001) lists each customer touched that day
// (customer, contact, phone, time, grade, memo), filled from the day's visits. A weekly or monthly
// report (周报/月报) gets its period's figures at submit, kept as they were then: the standard wants
// customers touched, new customers, grade changes (等级变化须在报告中体现), opportunities advanced,
// orders and their amount, and receipts.
import { addDays, epochDay, isoDate, type DateInput } from './dates';
import { OPPORTUNITY_STAGES } from './opportunities';
import { reportPeriod } from './crm';

/** The calendar days a report covers, as the half-open range [start, end). */
export function reportRange(kind: string, periodStart: DateInput): { start: string; end: string } {
	const { start } = reportPeriod(kind, periodStart);
	if (kind === 'daily') return { start, end: addDays(start, 1) };
	if (kind === 'weekly') return { start, end: addDays(start, 7) };
	const [y, m] = start.split('-').map(Number) as [number, number];
	return { start, end: isoDate(epochDay(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`)) };
}

/** Stage order of the pipeline; `lost` is not a step forward. */
const RANK: Record<string, number> = Object.fromEntries(OPPORTUNITY_STAGES.filter((s) => s !== 'lost').map((s, i) => [s, i]));

/** Opportunities with at least one move to a later stage (won included; lost and moves back are not advances). */
export function opportunitiesAdvanced(moves: Array<{ opportunity: unknown; from_stage: string | null; to_stage: string }>): number {
	const advanced = new Set<string>();
	for (const m of moves) {
		const to = RANK[m.to_stage];
		const from = m.from_stage === null ? undefined : RANK[m.from_stage];
		if (to !== undefined && from !== undefined && to > from) advanced.add(String(m.opportunity));
	}
	return advanced.size;
}

/** A done visit of the report's day as the daily rows read it (in the order the visits were recorded). */
export type DayVisit = {
	customer: number | string;
	contact: number | string | null;
	phone: string | null;
	grade: string | null;
	/** When it was recorded, 'HH:MM' in the company time zone. */
	time: string | null;
	result?: string | null;
	content?: string | null;
	purpose?: string | null;
};

export type DailyRow = {
	customer: number | string;
	contact: number | string | null;
	phone: string | null;
	visit_time: string | null;
	grade: string | null;
	memo: string | null;
};

const filled = (s: string | null | undefined) => (s ?? '').trim();

/**
 * One row per customer visited, in the order of the first visit, skipping customers the report already
 * has a row for: the first visit's time, the last contact met (and that contact's phone), the memo of
 * every visit (its result, else its content, else its purpose).
 */
export function dailyRows(visits: DayVisit[], alreadyListed: Iterable<unknown> = []): DailyRow[] {
	const skip = new Set([...alreadyListed].map(String));
	const rows = new Map<string, DailyRow & { memos: string[] }>();
	for (const v of visits) {
		const key = String(v.customer);
		if (skip.has(key)) continue;
		const row = rows.get(key) ?? {
			customer: v.customer,
			contact: null,
			phone: null,
			visit_time: v.time,
			grade: v.grade,
			memo: null,
			memos: [],
		};
		if (v.contact !== null) Object.assign(row, { contact: v.contact, phone: v.phone });
		const memo = filled(v.result) || filled(v.content) || filled(v.purpose);
		if (memo && !row.memos.includes(memo)) row.memos.push(memo);
		rows.set(key, row);
	}
	return [...rows.values()].map(({ memos, ...row }) => ({ ...row, memo: memos.join('；') || null }));
}

/** A row's time of day, 'HH:MM' (24 h). */
export const isTimeOfDay = (s: unknown): boolean => typeof s === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
