// Sales plans (销售计划, issue #19): a year, quarter or month per rep with an amount and new customers,
// approved by the direct superior through the approval engine; one live plan per owner and period;
// the owner's row scope.
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
});
