// Sales plans (销售计划, issue #19): a year, quarter or month per rep with an amount and new customers,
// approved by the direct superior through the approval engine; one live plan per owner and period;
// the owner's row scope. Approved plans are the one source of the monthly sales targets, which the
// rep-performance report compares the actuals with.
import { describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import { requestOf, submit } from './fixtures';

const field = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.field;
const plan = (who: string, body: Record<string, unknown>) =>
	call<any>(who, 'POST', '/items/sales_plans', { amount: '100000.00', new_customers: 3, ...body });
// Each run takes periods of its own far ahead, so reruns against one database never collide.
const YEAR = String(3000 + Math.floor(Math.random() * 6000));

describe('sales plans', () => {
	it('validates period, amount and new customers, writing nothing when refused', async () => {
		const before = await count('sales_plans');
		for (const [body, name] of [
			[{ period: '2027-13' }, 'period'],
			[{ period: '2027-Q5' }, 'period'],
			[{ period: '27' }, 'period'],
			[{ period: `${YEAR}-03`, amount: '-1.00' }, 'amount'],
			[{ period: `${YEAR}-03`, new_customers: -1 }, 'new_customers'],
			[{ period: `${YEAR}-03`, new_customers: 1.5 }, 'new_customers'],
		] as const) {
			const r = await plan('sales_rep', body);
			expect([r.status, errorCode(r), field(r)], JSON.stringify(body)).toEqual([400, 'INVALID_PAYLOAD', name]);
		}
		expect(await count('sales_plans')).toBe(before);
	});

	it('is approved by the direct superior; a second plan for the same owner and period is refused (409)', async () => {
		const p = (await plan('sales_rep', { period: `${YEAR}-Q1` })).data;
		expect(p).toMatchObject({ status: 'draft', owner: userId('sales_rep'), period: `${YEAR}-Q1` });
		expect(p.number).toMatch(/^SP-\d{4}-\d{6}$/);
		// Other forms of the same time are other plans (a year's plan and its quarters live side by side).
		expect((await plan('sales_rep', { period: YEAR })).status).toBe(200);
		const twice = await plan('sales_rep', { period: `${YEAR}-Q1` });
		expect([twice.status, errorCode(twice), field(twice)]).toEqual([409, 'DUPLICATE_PLAN', 'period']);
		// Another rep has periods of their own.
		expect((await plan('sales_rep_2', { period: `${YEAR}-Q1` })).status).toBe(200);

		await submit('sales_rep', 'sales_plans', p.id);
		const req = await requestOf('sales_plans', p.id);
		expect(req.status).toBe('pending');
		expect(req.steps.filter((s: any) => s.status === 'pending').map((s: any) => s.approver_user)).toEqual([userId('sales_manager')]);
		expect((await call('sales_rep_2', 'POST', `/approvals/${req.id}/approve`, { comment: 'x' })).status).toBeGreaterThanOrEqual(403);
		await ok('sales_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expect((await ok<any>('sales_rep', 'GET', `/items/sales_plans/${p.id}`)).status).toBe('approved');
		// Approved, it is locked.
		const late = await call('sales_rep', 'PATCH', `/items/sales_plans/${p.id}`, { amount: '1.00' });
		expect([late.status, errorCode(late)]).toEqual([409, 'DOCUMENT_LOCKED']);

		// A rejected plan frees its period for a new one.
		const m = (await plan('sales_rep', { period: `${YEAR}-02` })).data;
		await submit('sales_rep', 'sales_plans', m.id);
		await ok('sales_manager', 'POST', `/approvals/${(await requestOf('sales_plans', m.id)).id}/reject`, { comment: '目标偏低' });
		expect((await ok<any>('admin', 'GET', `/items/sales_plans/${m.id}`)).status).toBe('rejected');
		expect((await plan('sales_rep', { period: `${YEAR}-02`, amount: '200000.00' })).status).toBe(200);
	});

	it("another rep never sees or changes a rep's plan; the manager sees the team's", async () => {
		const p = (await plan('sales_rep', { period: `${YEAR}-07` })).data;
		expect((await call('sales_rep_2', 'GET', `/items/sales_plans/${p.id}`)).status).toBe(403);
		const theirs = await ok<any[]>('sales_rep_2', 'GET', '/items/sales_plans?limit=-1&fields=id,owner');
		expect(theirs.every((x) => x.owner === userId('sales_rep_2'))).toBe(true);
		expect((await call('sales_rep_2', 'PATCH', `/items/sales_plans/${p.id}`, { amount: '1.00' })).status).toBe(403);
		expect((await ok<any>('sales_manager', 'GET', `/items/sales_plans/${p.id}`)).id).toBe(p.id);
		// A rep cannot make a plan for someone else.
		const forOther = await plan('sales_rep', { period: `${YEAR}-08`, owner: userId('sales_rep_2') });
		expect([forOther.status, errorCode(forOther)]).toEqual([403, 'FORBIDDEN']);
	});

	it('approved plans derive the monthly targets (month, else quarter share, else year share) that rep performance compares with', async () => {
		// A year of its own: the tests above approved plans of YEAR.
		const Y = String(Number(YEAR) + 1);
		const approve = async (who: string, body: Record<string, unknown>) => {
			const p = (await plan(who, body)).data;
			await submit(who, 'sales_plans', p.id);
			await ok('sales_manager', 'POST', `/approvals/${(await requestOf('sales_plans', p.id)).id}/approve`, { comment: '同意' });
			return p;
		};
		const targets = async () =>
			Object.fromEntries(
				(
					await ok<any[]>(
						'sales_manager',
						'GET',
						`/items/sales_targets?filter[rep][_eq]=${userId('sales_rep')}&filter[period][_starts_with]=${Y}&limit=-1`,
					)
				).map((t) => [t.period, [Number(t.amount).toFixed(2), t.new_customers]]),
			);
		// A draft plan feeds nothing.
		await plan('sales_rep', { period: `${Y}-11`, amount: '999.00' });
		expect(await targets()).toEqual({});
		await approve('sales_rep', { period: `${Y}-03`, amount: '100000.00', new_customers: 5 });
		await approve('sales_rep', { period: `${Y}-Q1`, amount: '1000.00', new_customers: 2 });
		const t = await targets();
		expect(t[`${Y}-01`]).toEqual(['333.33', 0]);
		expect(t[`${Y}-02`]).toEqual(['333.33', 0]);
		expect(t[`${Y}-03`]).toEqual(['100000.00', 5]);
		expect(t[`${Y}-11`]).toBeUndefined();

		const perf = async (who: string, month: string) =>
			(await ok<any>(who, 'GET', `/reports/rep-performance?period=${Y}-${month}`)).reps.find((r: any) => r.rep === userId('sales_rep'));
		expect(await perf('sales_manager', '03')).toMatchObject({
			target: '100000.00',
			new_customers_target: 5,
			actual: '0.00',
			achievement: '0.0',
		});
		expect(await perf('sales_rep', '01')).toMatchObject({ target: '333.33', new_customers_target: 0 });
		expect(await perf('sales_rep', '12')).toMatchObject({ target: null });
		// Another rep sees neither the targets nor the figures.
		expect(await ok<any[]>('sales_rep_2', 'GET', `/items/sales_targets?filter[rep][_eq]=${userId('sales_rep')}`)).toEqual([]);
		expect(await perf('sales_rep_2', '03')).toBeUndefined();

		// Nobody writes a target by hand; the manager sets the visits expected of the team.
		const target = (
			await ok<any[]>('sales_manager', 'GET', `/items/sales_targets?filter[rep][_eq]=${userId('sales_rep')}&filter[period][_eq]=${Y}-03`)
		)[0];
		const before = await count('sales_targets');
		for (const who of ['sales_rep', 'sales_manager', 'division_head'])
			expect(
				(await call(who, 'POST', '/items/sales_targets', { rep: userId('sales_rep'), period: `${Y}-09`, amount: '1.00' })).status,
				who,
			).toBe(403);
		expect((await call('sales_manager', 'PATCH', `/items/sales_targets/${target.id}`, { amount: '1.00' })).status).toBe(403);
		expect((await call('sales_rep', 'PATCH', `/items/sales_targets/${target.id}`, { visits: 1 })).status).toBe(403);
		const badVisits = await call('sales_manager', 'PATCH', `/items/sales_targets/${target.id}`, { visits: -2 });
		expect([badVisits.status, field(badVisits)]).toEqual([400, 'visits']);
		await ok('sales_manager', 'PATCH', `/items/sales_targets/${target.id}`, { visits: 12 });
		expect(await perf('sales_rep', '03')).toMatchObject({ target: '100000.00', visits_target: 12 });
		expect(await count('sales_targets')).toBe(before);
	});
});
