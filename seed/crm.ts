// Demo CRM history (issue #19): a year of opportunities per rep, one started each month, moved stage
// by stage through the real rules so their stage history makes the funnel's conversion meaningful;
// visits that name a contact of the customer and a place; satisfaction surveys; a daily report filled
// from its day's visit and a submitted monthly report with its figures. The API stamps every
// row "now", so the administrator then dates the opportunities and their stage changes back to when
// they would have happened. Fixed tables, dated from the seeding day: the same demo on every run.
import { addDays } from '../extensions/salesflow/src/domain/dates';
import { today, todayPlus } from '../extensions/salesflow/src/platform/clock';
import { currentMonth, monthStart } from '../extensions/salesflow/src/reports/report';
import type { AdminApi } from '../scripts/lib/admin-api';

type As = (key: string) => Promise<AdminApi>;

/** A stage move `after` days from the opportunity's start; lost ones carry their reason. */
type Step = { stage: string; after: number; lost_reason?: string };

/**
 * One opportunity a month for the last twelve: on the 5th of the month `months` ago (this month's
 * today) it started at discovery, then went through `path`. The older ones are closed (won or lost),
 * the recent ones still open.
 */
export const OPPORTUNITIES: Array<{ months: number; customer: 0 | 1 | 2; name: string; amount: string; path: Step[] }> = [
	{ months: 11, customer: 0, name: '数控车床批量采购', amount: '128000.00', path: steps('project', 'proposal', 'negotiation', 'won') },
	{
		months: 10,
		customer: 1,
		name: '车间照明节能改造',
		amount: '36000.00',
		path: [...steps('project', 'proposal'), lost(40, '预算被削减')],
	},
	{ months: 9, customer: 2, name: '立体仓库货架', amount: '75000.00', path: steps('project', 'proposal', 'negotiation', 'won') },
	{ months: 8, customer: 0, name: '焊接机器人试点', amount: '98000.00', path: [lost(15, '客户暂不立项')] },
	{
		months: 7,
		customer: 1,
		name: '伺服系统升级',
		amount: '54000.00',
		path: [...steps('project', 'proposal', 'negotiation'), lost(60, '选择了竞争对手')],
	},
	{ months: 6, customer: 2, name: '输送线扩建', amount: '66000.00', path: steps('project', 'proposal', 'negotiation', 'won') },
	{ months: 5, customer: 0, name: '检测工装定制', amount: '18000.00', path: [...steps('project'), lost(30, '需求变更')] },
	{ months: 4, customer: 1, name: '变频器年度框架', amount: '88000.00', path: steps('project', 'proposal', 'negotiation') },
	{ months: 3, customer: 2, name: '叉车电池更换', amount: '27000.00', path: steps('project', 'proposal') },
	{ months: 2, customer: 0, name: '产线MES对接', amount: '150000.00', path: steps('project', 'proposal', 'negotiation') },
	{ months: 1, customer: 1, name: '气动元件备货', amount: '12000.00', path: steps('project') },
	{ months: 0, customer: 2, name: '冷库温控改造', amount: '42000.00', path: [] },
];

/** Forward moves twelve days apart. */
function steps(...stages: string[]): Step[] {
	return stages.map((stage, i) => ({ stage, after: 12 * (i + 1) }));
}

function lost(after: number, reason: string): Step {
	return { stage: 'lost', after, lost_reason: reason };
}

/** Done visits, days ago, per customer (0–2 of the rep's), each meeting the customer's contact somewhere. */
const VISITS = [
	{ customer: 0, ago: 300, location: '客户工厂会议室', purpose: '初次拜访', result: '了解设备现状' },
	{ customer: 1, ago: 240, location: '客户办公楼', purpose: '需求调研', result: '确认改造范围' },
	{ customer: 2, ago: 180, location: '客户仓库现场', purpose: '现场勘察', result: '测量场地尺寸' },
	{ customer: 0, ago: 120, location: '公司展厅', purpose: '产品演示', result: '客户认可方案' },
	{ customer: 1, ago: 75, location: '客户车间', purpose: '技术交流', result: '约定下次报价' },
	{ customer: 2, ago: 45, location: '客户总部', purpose: '商务洽谈', result: '进入比价阶段' },
];

/** Satisfaction surveys, days ago, of the rep's customers. */
const SURVEYS = [
	{ customer: 0, ago: 200, score: 5, comments: '交货及时，安装服务专业' },
	{ customer: 1, ago: 150, score: 4, comments: '产品质量稳定，希望缩短交期' },
	{ customer: 2, ago: 90, score: 3, comments: '售后响应偏慢' },
	{ customer: 0, ago: 50, score: 4, comments: '技术支持到位' },
];

const startOf = (months: number) => (months === 0 ? today() : addDays(monthStart(currentMonth(), -months), 4));

/** 10:00 in Shanghai on `day`, as an instant; now for today and later (nothing is dated ahead). */
const at = (day: string) => (day >= today() ? new Date().toISOString() : `${day}T02:00:00.000Z`);

/**
 * Work reports: yesterday's daily report, its rows filled from that day's visits, and last month's
 * monthly report submitted, so its figures were computed for the month at submit.
 */
async function seedWorkReports(rep: AdminApi, customers: Array<{ id: number; contacts: Array<{ id: number }> }>) {
	const yesterday = todayPlus(-1);
	// Yesterday's round of calls: the customers the history dated back are followed up again, so the
	// daily pool job does not return them to the public pool.
	for (const customer of customers)
		await rep.post('/items/visits', {
			customer: customer.id,
			contact: customer.contacts[0]!.id,
			location: '客户工厂',
			visited_on: yesterday,
			kind: 'visit',
			state: 'done',
			purpose: '回访',
			result: '确认下月需求',
		});
	await rep.post('/items/work_reports', { kind: 'daily', period_start: yesterday, summary: '拜访老客户，确认下月需求', plan: '准备报价' });
	const monthly = await rep.post<any>('/items/work_reports', {
		kind: 'monthly',
		period_start: monthStart(currentMonth(), -1),
		summary: '本月推进三个商机，完成一次产品演示',
		plan: '下月重点跟进框架合同',
	});
	await rep.patch(`/items/work_reports/${monthly.id}`, { status: 'submitted' });
}

export async function seedCrm(as: As, reps: string[], log: (m: string) => void): Promise<void> {
	const admin = await as('admin');
	for (const repKey of reps) {
		const rep = await as(repKey);
		const customers = await rep.get<any[]>('/items/customers?sort=id&limit=3&fields=id,contacts.id');
		const dated: Array<{ id: number; date_created: string }> = [];
		const moves: string[] = [];
		for (const o of OPPORTUNITIES) {
			const start = startOf(o.months);
			const created = await rep.post<any>('/items/opportunities', {
				customer: customers[o.customer].id,
				name: o.name,
				stage: 'discovery',
				amount: o.amount,
				expected_close: addDays(start, 75),
			});
			for (const s of o.path)
				await rep.patch(`/items/opportunities/${created.id}`, { stage: s.stage, ...(s.lost_reason ? { lost_reason: s.lost_reason } : {}) });
			dated.push({ id: created.id, date_created: at(start) });
			moves.push(...o.path.map((s) => at(addDays(start, s.after))));
		}
		// The stage changes were just written in this order, one per move.
		const history = await admin.get<any[]>(
			`/items/opportunity_history?filter[opportunity][_in]=${dated.map((d) => d.id).join(',')}&sort=id&fields=id&limit=-1`,
		);
		if (history.length !== moves.length) throw new Error(`demo: ${history.length} stage changes recorded, ${moves.length} made`);
		await admin.patch(
			'/items/opportunity_history',
			history.map((h, i) => ({ id: h.id, date_created: moves[i] })),
		);
		await admin.patch('/items/opportunities', dated);

		for (const v of VISITS) {
			const c = customers[v.customer];
			await rep.post('/items/visits', {
				customer: c.id,
				contact: c.contacts[0].id,
				location: v.location,
				visited_on: todayPlus(-v.ago),
				kind: 'visit',
				state: 'done',
				purpose: v.purpose,
				result: v.result,
			});
		}
		for (const s of SURVEYS) {
			const c = customers[s.customer];
			await rep.post('/items/satisfaction_surveys', {
				customer: c.id,
				contact: c.contacts[0].id,
				surveyed_on: todayPlus(-s.ago),
				score: s.score,
				comments: s.comments,
			});
		}
		await seedWorkReports(rep, customers);
	}
	log('demo CRM history seeded');
}
