// What the demo (seed/documents.ts) must show of contracts and money before goods (the "Done when" of the
// contracts and payments issues): a signed contract with lines and an order against it, a lapsed quote
// that can no longer become an order, a delivery waiting for its prepayment, an advance still held and
// one applied to its invoice. Checked without changing the demo: the attempts below are refused.
import { describe, expect, it } from 'vitest';
import { OPPORTUNITY_STAGES } from '../../extensions/salesflow/src/domain/opportunities';
import { dateAt, today, todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { currentMonth, monthStart } from '../../extensions/salesflow/src/reports/report';
import { ensure } from '../../scripts/ensure';
import { OPPORTUNITIES } from '../../seed/crm';
import { call, count, env, errorCode, ok, userId } from './helpers';

const qs = (filter: Record<string, unknown>) => encodeURIComponent(JSON.stringify(filter));
const REP = userId('sales_rep');
const REPS = [REP, userId('sales_rep_2')];
/** The company month of an instant or date the API returns. */
const monthOf = (v: string) => dateAt(new Date(v)).slice(0, 7);
const LAST_12_MONTHS = Array.from({ length: 12 }, (_, i) => monthStart(currentMonth(), -i).slice(0, 7));

describe('the demo (seed/documents.ts)', () => {
	it('has a signed contract with lines, and an order called off against it', async () => {
		const lined = await ok<any[]>(
			'admin',
			'GET',
			`/items/contracts?filter=${qs({ owner: { _eq: REP }, status: { _eq: 'signed' } })}&fields=id,amount,lines.product,lines.quantity&limit=-1`,
		);
		const withLines = lined.filter((c) => c.lines.length > 0);
		expect(withLines.length).toBeGreaterThan(0);
		const orders = await ok<any[]>(
			'admin',
			'GET',
			`/items/sales_orders?filter=${qs({ contract: { _in: withLines.map((c) => c.id) } })}&fields=id`,
		);
		expect(orders.length).toBeGreaterThan(0);
	});

	it('has a quote past its validity date that can no longer become an order', async () => {
		const lapsed = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/quotes?filter=${qs({ valid_until: { _lt: today() }, status: { _in: ['approved', 'sent', 'expired'] } })}&fields=id,number,customer,status`,
		);
		expect(lapsed.length).toBeGreaterThan(0);
		const before = await count('sales_orders');
		const r = await call('sales_rep', 'POST', '/items/sales_orders', { customer: lapsed[0].customer, quote: lapsed[0].id });
		expect([r.status, errorCode(r)]).toEqual([409, 'QUOTE_EXPIRED']);
		expect(await count('sales_orders')).toBe(before);
	});

	it('has a prepayment term with an advance held, one applied to its invoice, and a delivery waiting for the rest', async () => {
		const advances = await ok<any[]>(
			'admin',
			'GET',
			`/items/receipt_allocations?filter=${qs({ order: { _nnull: true } })}&fields=order.payment_term.code,invoice,amount&limit=-1`,
		);
		const prepaid = advances.filter((a) => a.order.payment_term?.code === 'PT-PRE30');
		expect(prepaid.some((a) => a.invoice === null)).toBe(true);
		expect(prepaid.some((a) => a.invoice !== null)).toBe(true);

		const waiting = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/shipments?filter=${qs({ status: { _eq: 'draft' }, order: { payment_term: { code: { _eq: 'PT-PRE30' } } } })}&fields=id`,
		);
		expect(waiting.length).toBeGreaterThan(0);
		const r = await call('sales_rep', 'PATCH', `/items/shipments/${waiting[0].id}`, { status: 'submitted' });
		expect([r.status, errorCode(r)]).toEqual([409, 'PAYMENT_REQUIRED']);
		expect((await ok<any>('admin', 'GET', `/items/shipments/${waiting[0].id}`)).status).toBe('draft');
	});
});

describe('the demo CRM history (seed/crm.ts)', () => {
	it('has opportunities of each rep in every stage, started in each of the last twelve months, moved stage by stage', async () => {
		for (const rep of REPS) {
			const opportunities = await ok<any[]>(
				'admin',
				'GET',
				// The demo's own (other test files add opportunities of these reps under a test clock).
				`/items/opportunities?filter=${qs({ owner: { _eq: rep }, name: { _in: OPPORTUNITIES.map((o) => o.name) } })}&fields=id,stage,date_created,history.date_created&limit=-1`,
			);
			expect(new Set(opportunities.map((o) => o.stage))).toEqual(new Set(OPPORTUNITY_STAGES));
			expect([...new Set(opportunities.map((o) => monthOf(o.date_created)))]).toEqual(expect.arrayContaining(LAST_12_MONTHS));
			// Their stage changes happened over the year too, each after its opportunity started and none ahead of today.
			const moves = opportunities.flatMap((o) => o.history.map((h: any) => ({ at: h.date_created, started: o.date_created })));
			expect(moves.length).toBeGreaterThanOrEqual(24);
			expect(new Set(moves.map((m) => monthOf(m.at))).size).toBeGreaterThanOrEqual(10);
			for (const m of moves) {
				expect(Date.parse(m.at)).toBeGreaterThanOrEqual(Date.parse(m.started));
				expect(dateAt(new Date(m.at)) <= today()).toBe(true);
			}
		}
	});

	it('gives the cockpit funnel a conversion between every pair of stages, and the overdue bookmark open opportunities', async () => {
		const report = await ok<any>('sales_manager', 'GET', '/reports/pipeline');
		expect(report.opportunities.conversion.map((c: any) => `${c.from}→${c.to}`)).toEqual([
			'discovery→project',
			'project→proposal',
			'proposal→negotiation',
			'negotiation→won',
		]);
		for (const c of report.opportunities.conversion) {
			expect(c.converted, `${c.from}→${c.to}`).toBeGreaterThan(0);
			expect(c.converted, `${c.from}→${c.to}`).toBeLessThan(c.reached);
		}
		const presets = await ok<any[]>('sales_rep', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const overdue = presets.find((p) => p.collection === 'opportunities');
		const listed = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/opportunities?limit=-1&fields=stage,expected_close&filter=${encodeURIComponent(JSON.stringify(overdue.filter))}`,
		);
		expect(listed.length).toBeGreaterThanOrEqual(2);
		for (const o of listed) expect(['won', 'lost']).not.toContain(o.stage);
	});

	it('has visits that met a contact of the visited customer somewhere, and satisfaction surveys, over the months', async () => {
		for (const rep of REPS) {
			const visits = await ok<any[]>(
				'admin',
				'GET',
				`/items/visits?filter=${qs({ owner: { _eq: rep }, contact: { _nnull: true }, location: { _nnull: true } })}&fields=customer,contact.customer,visited_on&limit=-1`,
			);
			expect(visits.length).toBeGreaterThanOrEqual(6);
			for (const v of visits) expect(v.contact.customer).toBe(v.customer);
			expect(new Set(visits.map((v) => monthOf(v.visited_on))).size).toBeGreaterThanOrEqual(5);
			const surveys = await ok<any[]>(
				'admin',
				'GET',
				`/items/satisfaction_surveys?filter=${qs({ customer: { owner: { _eq: rep } }, contact: { _nnull: true } })}&fields=customer,contact.customer,score&limit=-1`,
			);
			expect(surveys.length).toBeGreaterThanOrEqual(4);
			for (const s of surveys) expect(s.contact.customer).toBe(s.customer);
			expect(new Set(surveys.map((s) => s.score)).size).toBeGreaterThan(1);
			expect(await count('sales_plans', { owner: { _eq: rep }, status: { _eq: 'approved' } })).toBeGreaterThan(0);
		}
	});

	it("has each rep's daily report with rows from its day's visit, and last month's report submitted with its figures", async () => {
		for (const rep of REPS) {
			const [daily] = await ok<any[]>(
				'admin',
				'GET',
				`/items/work_reports?filter=${qs({ owner: { _eq: rep }, kind: { _eq: 'daily' }, period_start: { _eq: todayPlus(-1) } })}&fields=period_start,lines.customer,lines.contact&limit=-1`,
			);
			expect(daily.lines.length).toBeGreaterThan(0);
			expect(daily.lines.some((l: { contact: unknown }) => l.contact !== null)).toBe(true);
			const [monthly] = await ok<any[]>(
				'admin',
				'GET',
				`/items/work_reports?filter=${qs({ owner: { _eq: rep }, kind: { _eq: 'monthly' }, period_start: { _eq: monthStart(currentMonth(), -1) } })}&fields=status,period_start,figures_at,fig_customers_touched&limit=-1`,
			);
			expect(monthly.status).toBe('submitted');
			expect(monthOf(monthly.period_start)).toBe(monthStart(currentMonth(), -1).slice(0, 7));
			expect(monthly.figures_at).toBeTruthy();
			expect(monthly.fig_customers_touched).not.toBeNull();
		}
	});

	it('is seeded once: running the setup again adds no demo rows', async () => {
		const COLLECTIONS = [
			'opportunities',
			'opportunity_history',
			'visits',
			'satisfaction_surveys',
			'sales_plans',
			'work_reports',
			'work_report_lines',
		];
		const counts = () => Promise.all(COLLECTIONS.map((c) => count(c)));
		const before = await counts();
		await ensure(env());
		expect(await counts()).toEqual(before);
	});
});
