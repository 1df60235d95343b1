// 客户满意度 / Satisfaction: survey count and average score (1–5, exact to 2 decimals) per rep — the
// owner of the surveyed customer — and quarter of a year, in the caller's scope.
import { averageScores } from '../domain/surveys';
import { dayOf, dayRange, type Row } from '../platform/database';
import { today } from '../platform/clock';
import { defineReport, personName, zFilters, zOwner, type ReportData } from './report';
import { z } from 'zod';

const zYear = z.string({ error: 'year must be one year YYYY' }).regex(/^[1-9]\d{3}$/, 'year must be a year YYYY');

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;

const report = defineReport({
	name: 'satisfaction',
	collections: ['satisfaction_surveys'],
	filters: zFilters({ year: zYear.optional(), owner: zOwner.optional() }),
	async run(db, viewer, f) {
		const year = f.year ?? today().slice(0, 4);
		const surveyed = dayRange(db, 's.surveyed_on', 'date', `${year}-01-01`, `${Number(year) + 1}-01-01`);
		const rows: Row[] = await viewer
			.apply(db('satisfaction_surveys as s').join('customers as c', 'c.id', 's.customer'), 'satisfaction_surveys', 'c.owner')
			.whereNotNull('c.owner')
			.whereRaw(surveyed.sql, surveyed.bindings)
			.orderBy(['c.owner', 's.surveyed_on', 's.id'])
			.select('c.owner as rep', 's.surveyed_on', 's.score');
		const scores = rows.map((r) => ({ rep: String(r.rep), quarter: quarterOf(dayOf(r.surveyed_on)!), score: Number(r.score) }));
		const reps = [...new Set(scores.map((s) => s.rep))];
		const users: Row[] = reps.length ? await db('directus_users').whereIn('id', reps).select('id', 'first_name', 'last_name', 'email') : [];
		const name = (rep: string) => personName(users.find((u) => u.id === rep));
		return {
			year,
			count: scores.length,
			rows: averageScores(scores)
				.sort((a, b) => a.rep.localeCompare(b.rep) || a.quarter.localeCompare(b.quarter))
				.map((q) => ({ ...q, name: name(q.rep) })),
		};
	},
});

export default report;

export type SatisfactionReport = ReportData<typeof report>;
