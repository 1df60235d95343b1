// Satisfaction surveys (满意度调查, issue #19): scores 1–5 for a customer the caller can see, references
// of that customer only, the average per rep and quarter, and the customer owner's row scope.
import { describe, expect, it } from 'vitest';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok, userId } from './helpers';
import { registeredCustomer } from './fixtures';

let seq = 0;
const tag = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;
const freshCustomer = (rep = 'sales_rep') =>
	registeredCustomer(rep, {
		name: `满意度客户${tag()}有限公司`,
		grade: 'A',
		contacts: [{ name: '吴经理', title: '采购经理', phone: '13500000000' }],
	});
const survey = (who: string, body: Record<string, unknown>) => call<any>(who, 'POST', '/items/satisfaction_surveys', body);
const field = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.field;
const YEAR = today().slice(0, 4);

describe('satisfaction surveys', () => {
	it('records a score 1–5 (dated today by default) and refuses anything else, writing nothing', async () => {
		const c = await freshCustomer();
		const r = await survey('sales_rep', { customer: c.id, contact: c.contacts[0], score: 5, comments: '交付及时' });
		expect(r.status).toBe(200);
		expect(r.data).toMatchObject({ score: 5, surveyed_on: today() });
		const before = await count('satisfaction_surveys');
		for (const score of [0, 6, 4.5, '5', null]) {
			const bad = await survey('sales_rep', { customer: c.id, score });
			expect([bad.status, errorCode(bad), field(bad)], String(score)).toEqual([400, 'INVALID_PAYLOAD', 'score']);
		}
		const other = await freshCustomer();
		const contact = await survey('sales_rep', { customer: c.id, contact: other.contacts[0], score: 3 });
		expect([contact.status, field(contact)]).toEqual([400, 'contact']);
		const patch = await call('sales_rep', 'PATCH', `/items/satisfaction_surveys/${r.data.id}`, { score: 9 });
		expect([patch.status, field(patch)]).toEqual([400, 'score']);
		expect(await count('satisfaction_surveys')).toBe(before);
	});

	it('averages per rep and quarter, exactly, in the caller scope; another rep never sees the surveys', async () => {
		const before = await ok<any>('sales_manager', 'GET', `/reports/satisfaction?year=${YEAR}`);
		const before2 = await ok<any>('sales_rep_2', 'GET', `/reports/satisfaction?year=${YEAR}`);
		const c = await freshCustomer();
		// A past year keeps this test's figures apart from the other tests' surveys.
		const year = '2019';
		const made = [];
		for (const [day, score] of [
			['2019-01-10', 4],
			['2019-02-10', 4],
			['2019-03-31', 5],
			['2019-04-01', 2],
		] as const)
			made.push((await survey('sales_rep', { customer: c.id, surveyed_on: day, score })).data);
		const mine = await ok<any>('sales_rep', 'GET', `/reports/satisfaction?year=${year}`);
		expect(mine.rows).toEqual([
			{ rep: userId('sales_rep'), name: expect.any(String), quarter: '2019-Q1', count: 3, average: '4.33' },
			{ rep: userId('sales_rep'), name: expect.any(String), quarter: '2019-Q2', count: 1, average: '2.00' },
		]);
		expect((await ok<any>('sales_manager', 'GET', `/reports/satisfaction?year=${year}`)).rows).toEqual(mine.rows);
		expect((await ok<any>('sales_rep_2', 'GET', `/reports/satisfaction?year=${year}`)).rows).toEqual([]);
		expect(await ok<any>('sales_rep_2', 'GET', `/reports/satisfaction?year=${YEAR}`)).toEqual(before2);
		expect((await ok<any>('sales_manager', 'GET', `/reports/satisfaction?year=${YEAR}`)).count).toBe(before.count);

		// Row scope: the surveys are the customer owner's.
		expect((await call('sales_rep_2', 'GET', `/items/satisfaction_surveys/${made[0].id}`)).status).toBe(403);
		const listed = await ok<any[]>('sales_rep_2', 'GET', '/items/satisfaction_surveys?limit=-1&fields=id');
		expect(listed.map((s) => s.id)).not.toContain(made[0].id);
		const foreign = await survey('sales_rep_2', { customer: c.id, score: 1 });
		expect([foreign.status, errorCode(foreign), field(foreign)]).toEqual([400, 'INVALID_PAYLOAD', 'customer']);
		expect((await call('sales_rep_2', 'PATCH', `/items/satisfaction_surveys/${made[0].id}`, { score: 1 })).status).toBe(403);
		expect((await ok<any>('sales_manager', 'GET', `/items/satisfaction_surveys/${made[0].id}`)).score).toBe(4);

		const bad = await call('sales_rep', 'GET', '/reports/satisfaction?year=19');
		expect([bad.status, errorCode(bad)]).toEqual([400, 'INVALID_PAYLOAD']);
	});
});
