// 销售漏斗 / Pipeline: customers by grade and intent, quotes by status with their amounts, how many
// approved quotes became orders, and the opportunities (商机) by stage — count, amount and amount
// weighted by probability, in total and per rep — with the conversion from stage to stage.
import type { Knex } from 'knex';
import { formatMoney, sumMoney } from '../domain/money';
import { pipelineSummary, stageConversion } from '../domain/opportunities';
import type { Row } from '../platform/database';
import type { Viewer } from '../platform/row-scope';
import { defineReport, int, money, moneyFen, percent, personName, zFilters, zOwner, type ReportData } from './report';

export const GRADES = ['A', 'B', 'C', 'D'];
export const INTENTS = ['high', 'medium', 'low'];
export const QUOTE_STATUSES = ['draft', 'submitted', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'expired'];
/** Quotes that passed approval: the base of the conversion rate. */
export const APPROVED_OR_LATER = ['approved', 'sent', 'accepted', 'expired'];
const DEAD_ORDER = ['cancelled', 'rejected'];

/** Opportunities in the caller's scope by stage, per rep, and the stage-to-stage conversion from their histories. */
async function opportunityFigures(db: Knex, viewer: Viewer) {
	const scoped = () => viewer.apply(db('opportunities as p'), 'opportunities', 'p.owner');
	const [rows, moves] = await Promise.all([
		scoped().orderBy('p.id').select('p.id', 'p.owner', 'p.stage', 'p.amount', 'p.probability'),
		db('opportunity_history as h')
			.whereIn('h.opportunity', scoped().select('p.id'))
			.orderBy('h.id')
			.select('h.opportunity', 'h.from_stage', 'h.to_stage'),
	]);
	const figures = (of: Row[]) =>
		pipelineSummary(of.map((r) => ({ stage: r.stage, amountFen: moneyFen(r.amount), probability: r.probability ?? null })));
	const owners = [...new Set((rows as Row[]).map((r) => r.owner).filter(Boolean))] as string[];
	const users: Row[] = owners.length
		? await db('directus_users').whereIn('id', owners).select('id', 'first_name', 'last_name', 'email')
		: [];
	// The stages each opportunity passed through: where its history starts, then every move; none moved = its stage.
	const paths = new Map<string, string[]>((rows as Row[]).map((r) => [String(r.id), []]));
	for (const m of moves as Row[]) {
		const path = paths.get(String(m.opportunity))!;
		if (!path.length && m.from_stage) path.push(m.from_stage);
		path.push(m.to_stage);
	}
	for (const r of rows as Row[]) if (!paths.get(String(r.id))!.length) paths.get(String(r.id))!.push(r.stage);
	const { stages, open, total } = figures(rows);
	return {
		by_stage: stages,
		open,
		total,
		by_rep: owners
			.map((owner) => {
				const { stages: repStages, open: repOpen, total: repTotal } = figures((rows as Row[]).filter((r) => r.owner === owner));
				return { rep: owner, name: personName(users.find((u) => u.id === owner)), by_stage: repStages, open: repOpen, total: repTotal };
			})
			.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.rep.localeCompare(b.rep)),
		conversion: stageConversion([...paths.values()]),
	};
}

const report = defineReport({
	name: 'pipeline',
	collections: ['customers', 'quotes', 'sales_orders', 'opportunities'],
	filters: zFilters({ owner: zOwner.optional() }),
	async run(db, viewer) {
		const [customerRows, quoteRows, conversion, opportunities] = await Promise.all([
			viewer
				.apply(db('customers as c'), 'customers', 'c.owner')
				.where((w) => w.whereNull('c.status').orWhereNot('c.status', 'inactive'))
				.select('c.grade', 'c.intent')
				.count({ n: '*' })
				.groupBy('c.grade', 'c.intent'),
			viewer
				.apply(db('quotes as q'), 'quotes', 'q.owner')
				.select('q.status')
				.count({ n: '*' })
				.sum({ amount: 'q.total' })
				.groupBy('q.status'),
			viewer
				.apply(db('quotes as q'), 'quotes', 'q.owner')
				.whereIn('q.status', APPROVED_OR_LATER)
				.select(
					db.raw('count(*) as approved'),
					db.raw(
						`sum(case when exists (select 1 from sales_orders o where o.quote = q.id and o.status not in (${DEAD_ORDER.map(() => '?').join(', ')})) then 1 else 0 end) as converted`,
						DEAD_ORDER,
					),
				)
				.first(),
			opportunityFigures(db, viewer),
		]);

		const grid = GRADES.map((grade) => ({ grade, high: 0, medium: 0, low: 0, other: 0, total: 0 }));
		for (const r of customerRows as Row[]) {
			let row = grid.find((g) => g.grade === r.grade);
			if (!row) {
				row = { grade: r.grade ?? '-', high: 0, medium: 0, low: 0, other: 0, total: 0 };
				grid.push(row);
			}
			const key = INTENTS.includes(r.intent) ? (r.intent as 'high' | 'medium' | 'low') : 'other';
			row[key] += int(r.n);
			row.total += int(r.n);
		}
		const quotes = QUOTE_STATUSES.map((status) => {
			const r = (quoteRows as Row[]).find((q) => q.status === status);
			return { status, count: int(r?.n), amount: money(r?.amount) };
		});
		const approved = int(conversion?.approved);
		const converted = int(conversion?.converted);
		return {
			customers: { by_grade: grid, total: grid.reduce((a, g) => a + g.total, 0) },
			quotes: {
				by_status: quotes,
				count: quotes.reduce((a, q) => a + q.count, 0),
				amount: formatMoney(sumMoney(quotes.map((q) => moneyFen(q.amount)))),
				open_amount: formatMoney(
					sumMoney(
						quotes.filter((q) => ['submitted', 'pending_approval', 'approved', 'sent'].includes(q.status)).map((q) => moneyFen(q.amount)),
					),
				),
			},
			conversion: { approved, converted, rate: percent(BigInt(converted), BigInt(approved)) },
			opportunities,
		};
	},
});

export default report;

export type PipelineReport = ReportData<typeof report>;
