// Satisfaction surveys (满意度调查, issue #19): scores 1–5 for a customer the caller can see, references
// of that customer only, the average per rep and quarter, and the customer owner's row scope.
import { describe, expect, it } from 'vitest';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { call, count, errorCode, ok, userId } from './helpers';
import { confirmedOrder, customerOf, issuedNote, registeredCustomer, stockedProduct } from './fixtures';

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

	it('the follow-up list proposes a survey after the after-sales visit of an acceptance, once per delivery, in the owner scope', async () => {
		const due = async (who: string) => (await ok<any>(who, 'GET', '/reports/follow-up?rows=200')).surveys_due;
		const { product, warehouse } = await stockedProduct(10);
		const customer = await customerOf('sales_rep');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], { customer: customer.id });
		const note = await issuedNote('sales_rep', o.id, warehouse.id);
		await ok('sales_assistant', 'PATCH', `/items/shipments/${note.id}`, { status: 'delivered' });
		const [mineBefore, otherBefore] = [await due('sales_rep'), await due('sales_rep_2')];
		await ok('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'accepted' });
		// Acceptance plans the after-sales visit (售后回访) 3 days later; the survey is due from it.
		const mine = await due('sales_rep');
		expect(mine.count).toBe(mineBefore.count + 1);
		expect(mine.items.find((i: any) => i.kind === 'after_sales' && i.shipment === note.id)).toMatchObject({
			customer: customer.id,
			number: note.number,
			owner: userId('sales_rep'),
			due: addDays(today(), 3),
			days_late: 0,
		});
		expect((await due('sales_manager')).items.some((i: any) => i.shipment === note.id)).toBe(true);
		expect(await due('sales_rep_2')).toEqual(otherBefore);
		// A survey of that delivery answers it.
		await survey('sales_rep', { customer: customer.id, shipment: note.id, score: 4 });
		const after = await due('sales_rep');
		// The survey also answers the customer's yearly one when it was due.
		const wasYearly = mineBefore.items.some((i: any) => i.kind === 'yearly' && i.customer === customer.id);
		expect(after.count).toBe(mineBefore.count - (wasYearly ? 1 : 0));
		expect(after.items.some((i: any) => i.shipment === note.id)).toBe(false);
	});

	it('a yearly survey is due for every A and B customer not surveyed for 365 days, and not for C', async () => {
		const due = async (who: string) => (await ok<any>(who, 'GET', '/reports/follow-up?rows=200')).surveys_due.count;
		const start = await due('sales_rep');
		const other = await due('sales_rep_2');
		const a = await freshCustomer();
		const b = await registeredCustomer('sales_rep', {
			name: `满意度B客户${tag()}有限公司`,
			grade: 'B',
			contacts: [{ name: '周经理', title: '采购经理', phone: '13500000001' }],
		});
		await registeredCustomer('sales_rep', {
			name: `满意度C客户${tag()}有限公司`,
			grade: 'C',
			contacts: [{ name: '郑经理', title: '采购经理', phone: '13500000002' }],
		});
		expect(await due('sales_rep')).toBe(start + 2);
		expect(await due('sales_rep_2')).toBe(other);
		// Surveyed 365 days ago is due again; 364 days ago is not.
		await survey('sales_rep', { customer: a.id, surveyed_on: addDays(today(), -365), score: 4 });
		await survey('sales_rep', { customer: b.id, surveyed_on: addDays(today(), -364), score: 5 });
		expect(await due('sales_rep')).toBe(start + 1);
		const item = (await ok<any>('sales_rep', 'GET', `/reports/follow-up?rows=200&owner=${userId('sales_rep')}`)).surveys_due.items.find(
			(i: any) => i.kind === 'yearly' && i.customer === a.id,
		);
		expect(item).toMatchObject({ grade: 'A', last_surveyed_on: addDays(today(), -365), due: today(), days_late: 0 });
		await survey('sales_rep', { customer: a.id, score: 5 });
		expect(await due('sales_rep')).toBe(start);
	});
});
