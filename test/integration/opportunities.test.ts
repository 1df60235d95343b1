// Opportunities (商机, issue #19): stages with their rules and history, probability by stage, quotes
// and orders moving their opportunity on, the pipeline report's opportunity figures, the overdue
// bookmark, and the owner's row scope.
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../extensions/salesflow/src/domain/money';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok, userId } from './helpers';
import { approveAll, approversMap, confirmedOrder, quote, registeredCustomer, submit } from './fixtures';

let seq = 0;
const tag = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

const freshCustomer = (rep = 'sales_rep') =>
	registeredCustomer(rep, {
		name: `商机测试客户${tag()}有限公司`,
		grade: 'B',
		contacts: [{ name: '周经理', title: '采购经理', phone: '13600000000' }],
	});

const create = (who: string, body: Record<string, unknown>) =>
	call<any>(who, 'POST', '/items/opportunities', { name: `商机 ${tag()}`, ...body });
const patch = (who: string, id: number, body: Record<string, unknown>) => call<any>(who, 'PATCH', `/items/opportunities/${id}`, body);
const read = (id: number) => ok<any>('admin', 'GET', `/items/opportunities/${id}`);
const history = (id: number) =>
	ok<any[]>('admin', 'GET', `/items/opportunity_history?filter[opportunity][_eq]=${id}&sort=id&fields=from_stage,to_stage,note`);
const field = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.field;

describe('stages', () => {
	it('starts at discovery with its probability; the stage rules and the history', async () => {
		const customer = await freshCustomer();
		const o = (await create('sales_rep', { customer: customer.id, amount: '1000.00' })).data;
		expect(o).toMatchObject({ stage: 'discovery', probability: 10, owner: userId('sales_rep') });
		expect(o.number).toMatch(/^OPP-\d{4}-\d{6}$/);

		// Forward, skipping stages: the new stage's probability.
		expect((await patch('sales_rep', o.id, { stage: 'negotiation' })).status).toBe(200);
		expect(await read(o.id)).toMatchObject({ stage: 'negotiation', probability: 75 });

		// Back without a note: 400 naming the note, nothing changes.
		const back = await patch('sales_rep', o.id, { stage: 'project', probability: 30 });
		expect([back.status, errorCode(back), field(back)]).toEqual([400, 'INVALID_PAYLOAD', 'note']);
		expect(await read(o.id)).toMatchObject({ stage: 'negotiation', probability: 75 });
		expect((await patch('sales_rep', o.id, { stage: 'project', stage_note: '客户预算推迟', probability: 30 })).status).toBe(200);
		expect(await read(o.id)).toMatchObject({ stage: 'project', probability: 30, stage_note: '客户预算推迟' });

		// Lost needs its reason.
		const lost = await patch('sales_rep', o.id, { stage: 'lost' });
		expect([lost.status, errorCode(lost), field(lost)]).toEqual([400, 'INVALID_PAYLOAD', 'lost_reason']);
		expect((await patch('sales_rep', o.id, { stage: 'lost', lost_reason: '价格高于竞争对手' })).status).toBe(200);
		expect(await read(o.id)).toMatchObject({ stage: 'lost', probability: 0 });
		const cleared = await patch('sales_rep', o.id, { lost_reason: '' });
		expect([cleared.status, field(cleared)]).toEqual([400, 'lost_reason']);
		// A lost one only reopens to an open stage, with a note.
		const won = await patch('sales_rep', o.id, { stage: 'won' });
		expect([won.status, errorCode(won)]).toEqual([409, 'INVALID_TRANSITION']);
		expect((await patch('sales_rep', o.id, { stage: 'discovery', stage_note: '客户重新询价' })).status).toBe(200);

		expect(await history(o.id)).toEqual([
			{ from_stage: 'discovery', to_stage: 'negotiation', note: null },
			{ from_stage: 'negotiation', to_stage: 'project', note: '客户预算推迟' },
			{ from_stage: 'project', to_stage: 'lost', note: null },
			{ from_stage: 'lost', to_stage: 'discovery', note: '客户重新询价' },
		]);
		// The history is the system's: nobody writes it through the API.
		expect((await call('sales_rep', 'POST', '/items/opportunity_history', { opportunity: o.id, to_stage: 'won' })).status).toBe(403);
	});

	it('refuses a probability outside 0–100, a lost one without a reason and an unknown stage — and writes nothing', async () => {
		const customer = await freshCustomer();
		const before = await count('opportunities');
		for (const [body, name] of [
			[{ probability: 101 }, 'probability'],
			[{ probability: -1 }, 'probability'],
			[{ probability: '50' }, 'probability'],
			[{ stage: 'lost' }, 'lost_reason'],
			[{ stage: 'closing' }, 'stage'],
			[{ amount: '-1.00' }, 'amount'],
		] as const) {
			const r = await create('sales_rep', { customer: customer.id, ...body });
			expect([r.status, errorCode(r), field(r)], JSON.stringify(body)).toEqual([400, 'INVALID_PAYLOAD', name]);
		}
		expect(await count('opportunities')).toBe(before);
		const o = (await create('sales_rep', { customer: customer.id, stage: 'proposal', probability: 40 })).data;
		expect(o).toMatchObject({ stage: 'proposal', probability: 40 });
		const high = await patch('sales_rep', o.id, { probability: 150 });
		expect([high.status, field(high)]).toEqual([400, 'probability']);
		expect((await patch('sales_rep', o.id, { probability: 60 })).status).toBe(200);
		expect((await read(o.id)).probability).toBe(60);
		// Created lost, with its reason: probability 0.
		expect((await create('sales_rep', { customer: customer.id, stage: 'lost', lost_reason: '无预算' })).data).toMatchObject({
			probability: 0,
		});
	});
});

describe('quotes and orders move their opportunity', () => {
	it('an approved quote moves it to proposal; the confirmed order of that quote wins it with the order amount', async () => {
		const customer = await freshCustomer();
		const o = (await create('sales_rep', { customer: customer.id, amount: '5000.00' })).data;
		const other = (await create('sales_rep', { customer: (await freshCustomer()).id })).data;
		const q = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '3', unit_price: '168.00' }], customer.id);
		// An opportunity of another customer is refused, naming the field.
		const wrong = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { opportunity: other.id });
		expect([wrong.status, errorCode(wrong), field(wrong)]).toEqual([400, 'INVALID_PAYLOAD', 'opportunity']);
		expect((await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { opportunity: o.id })).status).toBe(200);

		await submit('sales_rep', 'quotes', q.id);
		await approveAll('quotes', q.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');
		expect(await read(o.id)).toMatchObject({ stage: 'proposal', probability: 50 });

		const order = await confirmedOrder('sales_rep', [{ sku: 'SKU-005', quantity: '3', unit_price: '168.00' }], {
			customer: customer.id,
			quote: q.id,
		});
		expect(order.status).toBe('confirmed');
		const won = await read(o.id);
		expect(won).toMatchObject({ stage: 'won', probability: 100 });
		expect(formatMoney(parseMoney(won.amount))).toBe(formatMoney(parseMoney(order.total)));
		expect((await history(o.id)).map((h) => h.to_stage)).toEqual(['proposal', 'won']);
	});

	it('an approved quote leaves an opportunity already in negotiation where it is', async () => {
		const customer = await freshCustomer();
		const o = (await create('sales_rep', { customer: customer.id, stage: 'negotiation' })).data;
		const q = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '1', unit_price: '168.00' }], customer.id);
		await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { opportunity: o.id });
		await submit('sales_rep', 'quotes', q.id);
		await approveAll('quotes', q.id, approversMap());
		expect(await read(o.id)).toMatchObject({ stage: 'negotiation', probability: 75 });
		expect(await history(o.id)).toEqual([]);
	});
});

describe('pipeline report and the overdue bookmark', () => {
	const report = (who: string) => ok<any>(who, 'GET', '/reports/pipeline');
	const stageOf = (r: any, stage: string) => r.opportunities.by_stage.find((s: any) => s.stage === stage);
	const delta = (a: any, b: any) => ({
		count: b.count - a.count,
		amount: formatMoney(parseMoney(b.amount) - parseMoney(a.amount)),
		weighted: formatMoney(parseMoney(b.weighted) - parseMoney(a.weighted)),
	});

	it('counts and sums opportunities by stage, weighted by probability, per rep in the caller scope', async () => {
		const [before, before2, beforeManager] = await Promise.all([report('sales_rep'), report('sales_rep_2'), report('sales_manager')]);
		const customer = await freshCustomer();
		await create('sales_rep', { customer: customer.id, stage: 'proposal', amount: '1000.00' });
		await create('sales_rep', { customer: customer.id, stage: 'proposal', amount: '333.33', probability: 15 });
		await create('sales_rep', { customer: customer.id, stage: 'won', amount: '200.00' });
		const [after, after2, afterManager] = await Promise.all([report('sales_rep'), report('sales_rep_2'), report('sales_manager')]);

		expect(after.opportunities.by_stage.map((s: any) => s.stage)).toEqual([
			'discovery',
			'project',
			'proposal',
			'negotiation',
			'won',
			'lost',
		]);
		// 1000.00 × 50 % + 333.33 × 15 % (49.9995 → 50.00) = 550.00.
		const proposal = { count: 2, amount: '1333.33', weighted: '550.00' };
		expect(delta(stageOf(before, 'proposal'), stageOf(after, 'proposal'))).toEqual(proposal);
		expect(delta(stageOf(before, 'won'), stageOf(after, 'won'))).toEqual({ count: 1, amount: '200.00', weighted: '200.00' });
		expect(delta(before.opportunities.open, after.opportunities.open)).toEqual(proposal);
		expect(delta(before.opportunities.total, after.opportunities.total)).toEqual({ count: 3, amount: '1533.33', weighted: '750.00' });
		expect(delta(stageOf(beforeManager, 'proposal'), stageOf(afterManager, 'proposal'))).toEqual(proposal);

		// A rep sees their own row only; the manager one row per rep of the team.
		expect(after.opportunities.by_rep.map((r: any) => r.rep)).toEqual([userId('sales_rep')]);
		expect(after.opportunities.by_rep[0].total).toEqual(after.opportunities.total);
		const mine = afterManager.opportunities.by_rep.find((r: any) => r.rep === userId('sales_rep'));
		expect(mine.by_stage).toEqual(after.opportunities.by_stage);
		expect(after2.opportunities).toEqual(before2.opportunities);
		expect(after.opportunities.conversion.map((c: any) => [c.from, c.to])).toEqual([
			['discovery', 'project'],
			['project', 'proposal'],
			['proposal', 'negotiation'],
			['negotiation', 'won'],
		]);
	});

	it('the overdue bookmark lists open opportunities whose close date has passed', async () => {
		const customer = await freshCustomer();
		const late = (await create('sales_rep', { customer: customer.id, expected_close: todayPlus(-3) })).data;
		const lateLost = (await create('sales_rep', { customer: customer.id, expected_close: todayPlus(-3), stage: 'lost', lost_reason: 'x' }))
			.data;
		const ahead = (await create('sales_rep', { customer: customer.id, expected_close: todayPlus(10) })).data;
		const presets = await ok<any[]>('sales_rep', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const bookmark = presets.find((p) => p.collection === 'opportunities');
		expect(bookmark.bookmark).toBe('逾期商机 / Overdue opportunities');
		const listed = (
			await ok<any[]>(
				'sales_rep',
				'GET',
				`/items/opportunities?limit=-1&fields=id&filter=${encodeURIComponent(JSON.stringify(bookmark.filter))}`,
			)
		).map((o) => o.id);
		expect(listed).toContain(late.id);
		expect(listed).not.toContain(lateLost.id);
		expect(listed).not.toContain(ahead.id);
	});
});

describe('row scope', () => {
	it("another rep never sees, changes or builds on a rep's opportunity; the manager sees it", async () => {
		const customer = await freshCustomer();
		const o = (await create('sales_rep', { customer: customer.id, amount: '100.00' })).data;
		await patch('sales_rep', o.id, { stage: 'project' });
		expect((await call('sales_rep_2', 'GET', `/items/opportunities/${o.id}`)).status).toBe(403);
		const listed = await ok<any[]>('sales_rep_2', 'GET', '/items/opportunities?limit=-1&fields=id,owner');
		expect(listed.every((x) => x.owner === userId('sales_rep_2'))).toBe(true);
		expect(await ok<any[]>('sales_rep_2', 'GET', `/items/opportunity_history?filter[opportunity][_eq]=${o.id}`)).toEqual([]);
		expect((await patch('sales_rep_2', o.id, { stage: 'won' })).status).toBe(403);
		expect((await read(o.id)).stage).toBe('project');
		// Not for a customer of someone else, nor on their quote.
		const theirs = await create('sales_rep_2', { customer: customer.id });
		expect([theirs.status, errorCode(theirs), field(theirs)]).toEqual([400, 'INVALID_PAYLOAD', 'customer']);
		const ownCustomer = await freshCustomer('sales_rep_2');
		const q = await quote('sales_rep_2', [{ sku: 'SKU-005', quantity: '1', unit_price: '168.00' }], ownCustomer.id);
		const link = await call('sales_rep_2', 'PATCH', `/items/quotes/${q.id}`, { opportunity: o.id });
		expect([link.status, field(link)]).toEqual([400, 'opportunity']);

		expect((await ok<any>('sales_manager', 'GET', `/items/opportunities/${o.id}`)).id).toBe(o.id);
		expect((await ok<any[]>('sales_manager', 'GET', `/items/opportunity_history?filter[opportunity][_eq]=${o.id}`)).length).toBe(1);
	});
});
