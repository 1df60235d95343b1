import { describe, expect, it } from 'vitest';
import {
	businessTimeZone,
	customerFollowUp,
	daysWithoutContact,
	duplicateCustomerMessage,
	isPlausiblePhone,
	isStale,
	lastVisitPerContact,
	localClock,
	parseInstant,
	personName,
	reminderSubject,
	reportDueDate,
	reportPeriod,
	reportReminders,
	slaBreached,
	staleCustomerDays,
	weekday,
} from './crm';

describe('reportDueDate / reportPeriod', () => {
	it('daily: due the same day', () => {
		expect(reportDueDate('daily', '2026-11-25')).toBe('2026-11-25');
		expect(reportPeriod('daily', '2026-11-28')).toEqual({ start: '2026-11-28', due: '2026-11-28' });
	});

	it.each([
		['2026-11-23', '2026-11-27'], // Monday
		['2026-11-25', '2026-11-27'], // Wednesday
		['2026-11-27', '2026-11-27'], // Friday itself
		['2026-11-29', '2026-11-27'], // Sunday belongs to the week that started on Monday 23rd
		['2026-12-30', '2027-01-01'], // a week across the new year
	])('weekly: a week containing %s is due on Friday %s', (start, due) => {
		expect(reportDueDate('weekly', start)).toBe(due);
	});

	it('weekly: the period runs Monday to Sunday', () => {
		expect(reportPeriod('weekly', '2026-11-29')).toEqual({ start: '2026-11-23', due: '2026-11-27' });
		expect(reportPeriod('weekly', '2026-11-30')).toEqual({ start: '2026-11-30', due: '2026-12-04' });
	});

	it.each([
		['2026-11-01', '2026-11-30'],
		['2026-11-17', '2026-11-30'],
		['2026-12-05', '2026-12-31'],
		['2026-02-10', '2026-02-28'],
		['2028-02-01', '2028-02-29'], // leap year
	])('monthly: %s → last day %s', (start, due) => {
		expect(reportDueDate('monthly', start)).toBe(due);
	});

	it('monthly: the period starts on the 1st', () => {
		expect(reportPeriod('monthly', '2026-11-17').start).toBe('2026-11-01');
	});

	it('refuses unknown kinds and bad dates with INVALID_PAYLOAD naming the field', () => {
		expect(() => reportDueDate('yearly', '2026-11-01')).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'kind' } }),
		);
		expect(() => reportDueDate('daily', '2026-02-30')).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', extensions: { field: 'period_start' } }),
		);
		expect(() => reportDueDate('weekly', 'next week')).toThrow(/period_start/);
	});

	it('weekday: 0 Sunday … 6 Saturday', () => {
		expect(weekday('2026-11-22')).toBe(0);
		expect(weekday('2026-11-27')).toBe(5);
		expect(weekday('1969-12-31')).toBe(3);
	});
});

describe('reportReminders', () => {
	const reps = ['r1', 'r2'];
	const subjects = (rs: ReturnType<typeof reportReminders>) =>
		rs.map((r) => `${r.rep} ${r.kind} ${r.due_on}${r.overdue ? ' overdue' : ''}`).sort();

	it('daily: nobody before 18:00; from 18:00 everyone without a submitted report for today', () => {
		const reports = [
			{ owner: 'r1', kind: 'daily', due_on: '2026-11-24', status: 'submitted' },
			{ owner: 'r2', kind: 'daily', due_on: '2026-11-24', status: 'draft' }, // a draft is not handed in
		];
		// Tuesday 2026-11-24; previous week and month handed in so only the daily report is in play.
		const handed = reps.flatMap((r) => [
			{ owner: r, kind: 'weekly', due_on: '2026-11-20', status: 'reviewed' },
			{ owner: r, kind: 'monthly', due_on: '2026-10-31', status: 'submitted' },
		]);
		expect(reportReminders({ today: '2026-11-24', hour: 17, reps, reports: [...reports, ...handed] })).toEqual([]);
		expect(subjects(reportReminders({ today: '2026-11-24', hour: 18, reps, reports: [...reports, ...handed] }))).toEqual([
			'r2 daily 2026-11-24',
		]);
	});

	it('daily: no reminder on a weekend', () => {
		const rs = reportReminders({ today: '2026-11-28', hour: 20, reps: ['r1'], reports: [] });
		expect(rs.filter((r) => r.kind === 'daily')).toEqual([]);
	});

	it('weekly: due on Friday from 15:00; overdue on the next working day', () => {
		const base = [{ owner: 'r1', kind: 'monthly', due_on: '2026-10-31', status: 'submitted' }];
		const friday = reportReminders({
			today: '2026-11-27',
			hour: 15,
			reps: ['r1'],
			reports: [...base, { owner: 'r1', kind: 'weekly', due_on: '2026-11-20', status: 'submitted' }],
		});
		expect(subjects(friday)).toEqual(['r1 weekly 2026-11-27']);
		expect(
			reportReminders({
				today: '2026-11-27',
				hour: 14,
				reps: ['r1'],
				reports: [...base, { owner: 'r1', kind: 'weekly', due_on: '2026-11-20', status: 'submitted' }],
			}),
		).toEqual([]);
		const saturday = reportReminders({ today: '2026-11-28', hour: 10, reps: ['r1'], reports: base });
		expect(saturday).toEqual([]); // nobody is reminded at the weekend
		const monday = reportReminders({ today: '2026-11-30', hour: 9, reps: ['r1'], reports: base });
		expect(subjects(monday)).toEqual(['r1 weekly 2026-11-27 overdue']);
		const handedIn = reportReminders({
			today: '2026-11-30',
			hour: 9,
			reps: ['r1'],
			reports: [...base, { owner: 'r1', kind: 'weekly', due_on: '2026-11-27', status: 'reviewed' }],
		});
		expect(handedIn).toEqual([]);
	});

	it('monthly: due on the last day from 15:00, even on a weekend; overdue the next working day', () => {
		const weekly = [{ owner: 'r1', kind: 'weekly', due_on: '2026-11-27', status: 'submitted' }];
		// 2026-11-30 is a Monday and the last day of November.
		const lastDay = reportReminders({
			today: '2026-11-30',
			hour: 16,
			reps: ['r1'],
			reports: [...weekly, { owner: 'r1', kind: 'monthly', due_on: '2026-10-31', status: 'submitted' }],
		});
		expect(subjects(lastDay)).toEqual(['r1 monthly 2026-11-30']);
		const sundayEnd = reportReminders({ today: '2027-01-31', hour: 15, reps: ['r1'], reports: [] });
		expect(subjects(sundayEnd)).toEqual(['r1 monthly 2027-01-31']);
		const nextDay = reportReminders({ today: '2026-12-01', hour: 9, reps: ['r1'], reports: weekly });
		expect(subjects(nextDay)).toEqual(['r1 monthly 2026-11-30 overdue']);
	});

	it('matches reports by deadline whatever the driver hands back, and gives stable subjects', () => {
		const rs = reportReminders({
			today: '2026-11-24',
			hour: 19,
			reps: ['r1'],
			reports: [
				{ owner: 'r1', kind: 'daily', due_on: new Date('2026-11-24T00:00:00Z'), status: 'submitted' },
				{ owner: 'r1', kind: 'weekly', due_on: '2026-11-20', status: 'submitted' },
				{ owner: 'r1', kind: 'monthly', due_on: '2026-10-31', status: 'submitted' },
			],
		});
		expect(rs).toEqual([]);
		const one = reportReminders({ today: '2026-11-24', hour: 19, reps: ['r1'], reports: [] }).find((r) => r.kind === 'daily')!;
		expect(one.subject).toBe(reminderSubject('daily', '2026-11-24', false));
		expect(one.subject).toContain('日报');
		expect(one.subject).toContain('2026-11-24');
		expect(reminderSubject('weekly', '2026-11-27', true)).not.toBe(reminderSubject('weekly', '2026-11-27', false));
	});
});

describe('slaBreached', () => {
	const now = new Date('2026-11-25T12:00:00Z');
	it('more than 24 hours without a first response breaches the SLA', () => {
		expect(slaBreached(new Date('2026-11-24T11:59:59Z'), now)).toBe(true);
		expect(slaBreached('2026-11-24T12:00:00Z', now)).toBe(false); // exactly 24 h is still in time
		expect(slaBreached('2026-11-25T08:00:00Z', now)).toBe(false);
		expect(slaBreached(Date.parse('2026-11-23T12:00:00Z'), now)).toBe(true); // SQLite hands back epoch ms
		expect(slaBreached('2026-11-24 11:00:00', now)).toBe(true); // no zone: UTC
	});
	it('takes another window', () => {
		expect(slaBreached('2026-11-25T07:00:00Z', now, 4)).toBe(true);
		expect(slaBreached('2026-11-25T09:00:00Z', now, 4)).toBe(false);
	});
	it('refuses a missing or unreadable time', () => {
		expect(() => slaBreached(null, now)).toThrow(/received_at/);
		expect(() => slaBreached('yesterday', now)).toThrow(/received_at/);
		expect(() => slaBreached(now, now, 0)).toThrow(RangeError);
	});
});

describe('parseInstant', () => {
	it.each([
		['2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z'],
		['2026-11-24 10:00:00', '2026-11-24T10:00:00.000Z'],
		['2026-11-24T18:00:00+08:00', '2026-11-24T10:00:00.000Z'],
		['2026-11-24T18:00:00+0800', '2026-11-24T10:00:00.000Z'],
		[String(Date.parse('2026-11-24T10:00:00Z')), '2026-11-24T10:00:00.000Z'],
		[Date.parse('2026-11-24T10:00:00Z'), '2026-11-24T10:00:00.000Z'],
	])('%s', (v, iso) => {
		expect(parseInstant(v)!.toISOString()).toBe(iso);
	});
	it('null for nothing or nonsense', () => {
		expect(parseInstant(null)).toBeNull();
		expect(parseInstant('')).toBeNull();
		expect(parseInstant('soon')).toBeNull();
		expect(parseInstant(new Date('x'))).toBeNull();
	});
});

describe('stale customers', () => {
	it('defaults to 30 days; the environment may say otherwise', () => {
		expect(staleCustomerDays({})).toBe(30);
		expect(staleCustomerDays({ SALESFLOW_STALE_CUSTOMER_DAYS: '14' })).toBe(14);
		expect(() => staleCustomerDays({ SALESFLOW_STALE_CUSTOMER_DAYS: '0' })).toThrow(RangeError);
		expect(() => staleCustomerDays({ SALESFLOW_STALE_CUSTOMER_DAYS: 'soon' })).toThrow(RangeError);
	});
	it('counts from the last contact, or from registration when never contacted', () => {
		expect(daysWithoutContact('2026-10-01', '2026-01-01', '2026-11-01')).toBe(31);
		expect(daysWithoutContact(null, '2026-10-20', '2026-11-01')).toBe(12);
		expect(isStale('2026-10-02', '2026-01-01', '2026-11-01', 30)).toBe(true);
		expect(isStale('2026-10-03', '2026-01-01', '2026-11-01', 30)).toBe(false);
		expect(isStale(null, '2026-10-30', '2026-11-01', 30)).toBe(false);
	});
});

describe('customerFollowUp', () => {
	it('last contacted = latest done visit; next = its next date', () => {
		expect(
			customerFollowUp([
				{ id: 1, visited_on: '2026-11-01', state: 'done', next_date: '2026-11-08' },
				{ id: 2, visited_on: '2026-11-10', state: 'done', next_date: '2026-11-20' },
			]),
		).toEqual({ last_contacted_on: '2026-11-10', next_follow_up_on: '2026-11-20' });
	});
	it('an earlier planned visit comes first; planned visits before the last contact are ignored', () => {
		expect(
			customerFollowUp([
				{ id: 1, visited_on: '2026-11-10', state: 'done', next_date: '2026-11-20' },
				{ id: 2, visited_on: '2026-11-15', state: 'planned' },
				{ id: 3, visited_on: '2026-11-05', state: 'planned' },
			]),
		).toEqual({ last_contacted_on: '2026-11-10', next_follow_up_on: '2026-11-15' });
	});
	it('only planned visits: not contacted yet, next = the first planned one', () => {
		expect(customerFollowUp([{ id: 1, visited_on: '2026-11-15', state: 'planned', next_date: '2026-11-30' }])).toEqual({
			last_contacted_on: null,
			next_follow_up_on: '2026-11-15',
		});
	});
	it('a done visit without a next date leaves no follow-up; ties on the same day go to the later record', () => {
		expect(
			customerFollowUp([
				{ id: 1, visited_on: '2026-11-10', state: 'done', next_date: '2026-11-11' },
				{ id: 2, visited_on: '2026-11-10', state: 'done', next_date: null },
			]),
		).toEqual({
			last_contacted_on: '2026-11-10',
			next_follow_up_on: null,
		});
		expect(customerFollowUp([])).toEqual({ last_contacted_on: null, next_follow_up_on: null });
	});
});

describe('lastVisitPerContact', () => {
	it('keeps the latest done visit per contact, ignoring planned visits and visits without a contact', () => {
		const last = lastVisitPerContact([
			{ id: 1, state: 'done', visited_on: '2026-11-03', contact: 7 },
			{ id: 2, state: 'done', visited_on: '2026-11-10', contact: 7 },
			{ id: 3, state: 'done', visited_on: '2026-11-05', contact: 7 },
			{ id: 4, state: 'planned', visited_on: '2026-11-20', contact: 7 },
			{ id: 5, state: 'planned', visited_on: '2026-11-20', contact: 8 },
			{ id: 6, state: 'done', visited_on: '2026-11-12', contact: null },
			{ id: 7, state: 'done', visited_on: '2026-11-01', contact: 9 },
		]);
		expect(Object.fromEntries(last)).toEqual({ '7': '2026-11-10', '9': '2026-11-01' });
	});
});

describe('localClock', () => {
	it('puts New Year in the company time zone: 16:30 UTC on 31 December is already next year in Shanghai', () => {
		expect(localClock(new Date('2026-12-31T16:30:00Z')).date).toBe('2027-01-01');
		expect(localClock(new Date('2026-12-31T16:30:00Z'), 'UTC').date).toBe('2026-12-31');
	});

	it('is the date and hour in China by default', () => {
		expect(localClock(new Date('2026-11-24T10:30:00Z'))).toEqual({ date: '2026-11-24', hour: 18 });
		expect(localClock(new Date('2026-11-24T16:30:00Z'))).toEqual({ date: '2026-11-25', hour: 0 });
		expect(localClock(new Date('2026-11-24T16:30:00Z'), 'UTC')).toEqual({ date: '2026-11-24', hour: 16 });
	});
});

describe('duplicate registration message', () => {
	it('names the customer as typed, the owner and the date — no ids or contacts', () => {
		const m = duplicateCustomerMessage({
			name: '上海华东精密机械公司',
			matchedBy: 'name',
			ownerName: '陈晨',
			ownerRole: '销售代表 / Sales rep',
			registeredOn: '2026-11-22',
			self: false,
		});
		expect(m).toBe(
			'上海华东精密机械公司 is already registered by 陈晨 (销售代表 / Sales rep) on 2026-11-22 (same name); ask a sales manager to transfer it if you should own it',
		);
		expect(
			duplicateCustomerMessage({ name: 'X', matchedBy: 'tax_id', ownerName: '陈晨', ownerRole: null, registeredOn: null, self: true }),
		).toContain('by you (陈晨) (same taxpayer ID)');
	});
	it('personName: family name first for Chinese names', () => {
		expect(personName({ first_name: '晨', last_name: '陈' })).toBe('陈晨');
		expect(personName({ first_name: 'Li', last_name: 'Chen' })).toBe('Li Chen');
		expect(personName({ email: 'a@b.c' })).toBe('a@b.c');
		expect(personName(null)).toBe('unknown user');
	});
});

describe('isPlausiblePhone', () => {
	it.each(['13801680001', '021-68888888', '+86 138 0168 0001', '(021) 6888-8888 转 123', '0571-88886666 ext. 12'])('%s is a phone', (p) =>
		expect(isPlausiblePhone(p)).toBe(true),
	);
	it.each(['', '123', 'call me', '1380168000x', null, 13801680001])('%s is not', (p) => expect(isPlausiblePhone(p)).toBe(false));
});

describe('businessTimeZone', () => {
	it('China unless configured; an unknown zone is refused', () => {
		expect(businessTimeZone({})).toBe('Asia/Shanghai');
		expect(businessTimeZone({ SALESFLOW_TIMEZONE: 'Europe/Berlin' })).toBe('Europe/Berlin');
		expect(() => businessTimeZone({ SALESFLOW_TIMEZONE: 'Mars/Base' })).toThrow(RangeError);
	});
});
