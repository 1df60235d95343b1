// CRM rules as plain functions (seed 001 客户管理 / 工作计划和报告制度, PROCESS.md §2): work
// report periods and deadlines, who still owes a report, the complaint response SLA, follow-up
// dates from visits and stale customers. The Directus glue lives in hooks/customers.ts,
// hooks/crm-activities.ts and hooks/crm-schedule.ts.
import { addDays, epochDay, isoDate, type DateInput } from './dates';
import { invalid } from './errors';

export const REPORT_KINDS = ['daily', 'weekly', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const isReportKind = (k: unknown): k is ReportKind => typeof k === 'string' && (REPORT_KINDS as readonly string[]).includes(k);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (date: DateInput) => (((epochDay(date) + 4) % 7) + 7) % 7;

export const isWorkingDay = (date: DateInput) => ![0, 6].includes(weekday(date));

function lastDayOfMonth(date: DateInput): string {
	const day = isoDate(epochDay(date));
	const [y, m] = day.split('-').map(Number) as [number, number];
	return isoDate(Date.UTC(y, m, 0) / 86_400_000); // day 0 of the next month
}

/**
 * The period a work report covers and its deadline: a daily report is due the same day; a weekly
 * report covers Monday–Sunday and is due that Friday (每周五下班前); a monthly report covers the
 * calendar month and is due on its last day (每月最后一天). `start` is the period's first day.
 */
export function reportPeriod(kind: string, periodStart: DateInput): { start: string; due: string } {
	if (!isReportKind(kind)) throw invalid('kind', `kind must be one of ${REPORT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
	const day = epochDay(periodStart, 'period_start');
	if (kind === 'daily') return { start: isoDate(day), due: isoDate(day) };
	if (kind === 'weekly') {
		const monday = day - ((weekday(isoDate(day)) + 6) % 7);
		return { start: isoDate(monday), due: isoDate(monday + 4) };
	}
	return { start: `${isoDate(day).slice(0, 7)}-01`, due: lastDayOfMonth(isoDate(day)) };
}

/** When a report of `kind` for the period containing `periodStart` is due. */
export const reportDueDate = (kind: string, periodStart: DateInput): string => reportPeriod(kind, periodStart).due;

/** Local hour from which a report due today is reminded; weekly and monthly while there is still time to write them. */
export const REMINDER_HOURS: Record<ReportKind, number> = { daily: 18, weekly: 15, monthly: 15 };
/** A weekly or monthly report still missing after its deadline is reminded once, from this hour of the next working day on. */
export const OVERDUE_REMINDER_HOUR = 9;

export type ReportRow = { owner: string; kind: string; due_on: DateInput; status: string };
export type Reminder = { rep: string; kind: ReportKind; due_on: string; overdue: boolean; subject: string; message: string };

const KIND_LABEL: Record<ReportKind, { zh: string; en: string }> = {
	daily: { zh: '日报', en: 'Daily report' },
	weekly: { zh: '周报', en: 'Weekly report' },
	monthly: { zh: '月报', en: 'Monthly report' },
};

/** A report counts once it is submitted (a draft is not handed in). */
const HANDED_IN = ['submitted', 'reviewed'];

/** The subject doubles as the idempotency key: one reminder per rep, kind, deadline and state. */
export function reminderSubject(kind: ReportKind, due: string, overdue: boolean): string {
	const l = KIND_LABEL[kind];
	return overdue ? `${l.zh}逾期未交 / ${l.en} overdue (due ${due})` : `${l.zh}待提交 / ${l.en} due ${due}`;
}

/**
 * Which reps to remind, at local date `today` and local `hour`:
 *  - daily: on a working day from 18:00, today's daily report is not submitted;
 *  - weekly: on Friday from 15:00, this week's report is not submitted; on a working day after
 *    that Friday (from 09:00), last week's report is still missing → overdue;
 *  - monthly: on the last day of the month from 15:00; on a working day after it (from 09:00) the
 *    last month's report still missing → overdue.
 * Only the current and the immediately previous deadline are looked at, so a rep is never
 * reminded about ancient periods. The caller drops reminders whose subject was already sent.
 */
export function reportReminders(input: {
	today: string;
	hour: number;
	reps: string[];
	reports: ReportRow[];
	hours?: Record<ReportKind, number>;
}): Reminder[] {
	const { today, hour, reps } = input;
	const hours = input.hours ?? REMINDER_HOURS;
	const handedIn = new Set(
		input.reports.filter((r) => HANDED_IN.includes(r.status)).map((r) => `${r.owner}|${r.kind}|${isoDate(epochDay(r.due_on))}`),
	);
	const working = isWorkingDay(today);
	const wanted: Array<{ kind: ReportKind; due: string; overdue: boolean }> = [];

	if (working && hour >= hours.daily) wanted.push({ kind: 'daily', due: today, overdue: false });

	const friday = reportDueDate('weekly', today);
	if (friday === today && hour >= hours.weekly) wanted.push({ kind: 'weekly', due: friday, overdue: false });
	const lastFriday = friday < today ? friday : addDays(friday, -7);
	if (working && hour >= OVERDUE_REMINDER_HOUR) wanted.push({ kind: 'weekly', due: lastFriday, overdue: true });

	const monthEnd = reportDueDate('monthly', today);
	if (monthEnd === today && hour >= hours.monthly) wanted.push({ kind: 'monthly', due: monthEnd, overdue: false });
	const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
	if (working && hour >= OVERDUE_REMINDER_HOUR) wanted.push({ kind: 'monthly', due: lastMonthEnd, overdue: true });

	const out: Reminder[] = [];
	for (const rep of reps) {
		for (const w of wanted) {
			if (handedIn.has(`${rep}|${w.kind}|${w.due}`)) continue;
			const l = KIND_LABEL[w.kind];
			out.push({
				rep,
				kind: w.kind,
				due_on: w.due,
				overdue: w.overdue,
				subject: reminderSubject(w.kind, w.due, w.overdue),
				message: w.overdue
					? `${l.zh}（截止 ${w.due}）尚未提交，请尽快补交。 / Your ${l.en.toLowerCase()} due ${w.due} has not been submitted yet.`
					: `请在今天下班前提交${l.zh}（截止 ${w.due}）。 / Please submit your ${l.en.toLowerCase()} before you leave today (due ${w.due}).`,
			});
		}
	}
	return out;
}

/**
 * An instant as drivers hand it back: a Date, epoch milliseconds (SQLite), an ISO string, or
 * 'YYYY-MM-DD HH:MM:SS' without a zone (stored in UTC). Null when there is none.
 */
export function parseInstant(v: unknown): Date | null {
	if (v === null || v === undefined || v === '') return null;
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
	if (typeof v === 'number') return new Date(v);
	if (typeof v === 'string') {
		const s = v.trim();
		if (/^\d+$/.test(s)) return new Date(Number(s));
		const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
		const zone = (m?.[3] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
		const d = m ? new Date(`${m[1]}T${m[2]}${zone}`) : new Date(s);
		return Number.isNaN(d.getTime()) ? null : d;
	}
	return null;
}

/** Hours within which a complaint gets its first response (首次响应 24 小时). */
export const COMPLAINT_RESPONSE_HOURS = 24;

/** True when a complaint received at `receivedAt` has gone more than `hours` without a first response at `now`. */
export function slaBreached(receivedAt: unknown, now: Date, hours = COMPLAINT_RESPONSE_HOURS): boolean {
	const received = parseInstant(receivedAt);
	if (!received) throw invalid('received_at', `received_at must be a date and time, got ${JSON.stringify(receivedAt)}`);
	if (!(hours > 0)) throw new RangeError(`hours must be positive, got ${hours}`);
	return now.getTime() - received.getTime() > hours * 3_600_000;
}

/** Days without contact after which a customer is flagged (跟进提醒); SALESFLOW_STALE_CUSTOMER_DAYS overrides. */
export const STALE_CUSTOMER_DAYS_DEFAULT = 30;

export function staleCustomerDays(env: Record<string, string | undefined> = {}): number {
	const raw = env.SALESFLOW_STALE_CUSTOMER_DAYS;
	if (raw === undefined || raw === '') return STALE_CUSTOMER_DAYS_DEFAULT;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1)
		throw new RangeError(`SALESFLOW_STALE_CUSTOMER_DAYS must be a whole number of days ≥ 1, got ${JSON.stringify(raw)}`);
	return n;
}

/**
 * Whole days since a customer was last contacted at `asOf`, counting from registration when it
 * was never contacted (a customer registered yesterday is not neglected).
 */
export function daysWithoutContact(lastContactedOn: DateInput | null | undefined, registeredOn: DateInput, asOf: DateInput): number {
	return epochDay(asOf) - epochDay(lastContactedOn ?? registeredOn);
}

export const isStale = (lastContactedOn: DateInput | null | undefined, registeredOn: DateInput, asOf: DateInput, days: number) =>
	daysWithoutContact(lastContactedOn, registeredOn, asOf) >= days;

export type VisitRow = { id: number | string; visited_on: DateInput; state: string; next_date?: DateInput | null };

/**
 * A customer's follow-up dates from its visits (客户信息更新): last contacted = the latest done
 * visit; next follow-up = the earliest of the next date set by that latest done visit and the
 * planned visits from then on. Null when nothing says.
 */
export function customerFollowUp(visits: VisitRow[]): { last_contacted_on: string | null; next_follow_up_on: string | null } {
	const day = (d: DateInput) => isoDate(epochDay(d));
	const done = visits
		.filter((v) => v.state === 'done')
		.sort((a, b) => day(a.visited_on).localeCompare(day(b.visited_on)) || Number(a.id) - Number(b.id));
	const latest = done[done.length - 1];
	const last = latest ? day(latest.visited_on) : null;
	const candidates: string[] = [];
	if (latest?.next_date) candidates.push(day(latest.next_date));
	for (const v of visits) if (v.state === 'planned' && (!last || day(v.visited_on) >= last)) candidates.push(day(v.visited_on));
	candidates.sort();
	return { last_contacted_on: last, next_follow_up_on: candidates[0] ?? null };
}

/** The latest done visit per contact met (拜访对象), by contact id; contacts never visited are absent. */
export function lastVisitPerContact(visits: Array<VisitRow & { contact?: unknown }>): Map<string, string> {
	const last = new Map<string, string>();
	for (const v of visits) {
		if (v.state !== 'done' || v.contact === null || v.contact === undefined) continue;
		const day = isoDate(epochDay(v.visited_on));
		const key = String(v.contact);
		if (!last.has(key) || last.get(key)! < day) last.set(key, day);
	}
	return last;
}

/** Local calendar date, hour and weekday of an instant in the company's time zone (China: no DST). */
export function localClock(now: Date, timeZone = 'Asia/Shanghai'): { date: string; hour: number } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
			.formatToParts(now)
			.map((p) => [p.type, p.value]),
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** A person's name as colleagues write it: 陈晨 (family name first, no space) or "Chen Li". */
export function personName(u: { first_name?: string | null; last_name?: string | null; email?: string | null } | null | undefined): string {
	if (!u) return 'unknown user';
	const first = (u.first_name ?? '').trim();
	const last = (u.last_name ?? '').trim();
	if (!first && !last) return u.email ?? 'unknown user';
	const han = /\p{Script=Han}/u;
	return han.test(first + last) ? `${last}${first}` : [first, last].filter(Boolean).join(' ');
}

/**
 * The refusal of a second registration (报备制度). It names the customer as the caller typed it,
 * who owns it and since when — and nothing else of the other record (no id, contacts or amounts).
 */
export function duplicateCustomerMessage(input: {
	name: string;
	matchedBy: 'tax_id' | 'name';
	ownerName: string | null;
	ownerRole: string | null;
	registeredOn: string | null;
	self: boolean;
}): string {
	const who = input.self
		? `you (${input.ownerName})`
		: input.ownerName
			? `${input.ownerName}${input.ownerRole ? ` (${input.ownerRole})` : ''}`
			: 'another user';
	const how = input.matchedBy === 'tax_id' ? 'same taxpayer ID' : 'same name';
	const when = input.registeredOn ? ` on ${input.registeredOn}` : '';
	return `${input.name} is already registered by ${who}${when} (${how}); ask a sales manager to transfer it if you should own it`;
}

/** A phone number needs at least 7 digits (landline, mobile, with area code, +86 or an extension). */
export function isPlausiblePhone(s: unknown): boolean {
	if (typeof s !== 'string') return false;
	const main = s.trim().replace(/\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$/iu, '');
	return (main.match(/\d/g) ?? []).length >= 7 && /^\+?[\d\s()\-–—/.]+$/u.test(main);
}

/** The company's time zone for "today" and office hours; SALESFLOW_TIMEZONE overrides (an IANA name). */
export function businessTimeZone(env: Record<string, string | undefined> = {}): string {
	const tz = env.SALESFLOW_TIMEZONE || 'Asia/Shanghai';
	new Intl.DateTimeFormat('en', { timeZone: tz }); // throws RangeError on an unknown zone
	return tz;
}
