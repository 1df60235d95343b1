import { describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import { approveAll, approversMap, customerOf, order, quote, requestOf, submit } from './fixtures';

const APPROVERS = approversMap();

const stepsOf = (req: any) =>
	req.steps
		.sort((a: any, b: any) => a.sequence - b.sequence)
		.map(
			(s: any) =>
				s.approver_role ??
				(s.approver_user === userId('sales_manager')
					? 'manager'
					: s.approver_user === userId('division_head')
						? 'division_head_user'
						: s.approver_user),
		);

describe('quotes', () => {
	it('a normal quote goes to the direct superior, who approves it from the inbox', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '2', unit_price: '12800.00' }]);
		const before = await count('directus_notifications', { recipient: { _eq: userId('sales_manager') } });
		expect((await submit('sales_rep', 'quotes', q.id)).status).toBe('pending_approval');
		const req = await requestOf('quotes', q.id);
		expect(stepsOf(req)).toEqual(['manager']);
		expect(await count('directus_notifications', { recipient: { _eq: userId('sales_manager') } })).toBe(before + 1);

		const inbox = await ok<any[]>('sales_manager', 'GET', '/approvals/inbox');
		const entry = inbox.find((e) => e.request === req.id);
		expect(entry).toMatchObject({ document_number: q.number, collection: 'quotes', customer: { id: q.customer } });
		expect(Number(entry.amount)).toBe(25600);
		expect(await ok<any[]>('sales_rep', 'GET', '/approvals/inbox')).not.toContainEqual(expect.objectContaining({ request: req.id }));

		const decided = await ok<any>('sales_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expect(decided.status).toBe('approved');
		expect(decided.steps[0]).toMatchObject({ status: 'approved', decided_by: userId('sales_manager'), comment: '同意' });
		expect(decided.steps[0].decided_at).toBeTruthy();
		expect((await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');
		expect(await count('directus_notifications', { recipient: { _eq: userId('sales_rep') }, item: { _eq: String(q.id) } })).toBeGreaterThan(
			0,
		);
	});

	it('below floor: manager then division head, in that order, with the reason', async () => {
		const q = await quote('sales_rep', [
			{ sku: 'SKU-002', quantity: '1', unit_price: '3680.00' },
			{ sku: 'SKU-001', quantity: '1', unit_price: '11000.00' },
		]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		expect(stepsOf(req)).toEqual(['manager', 'division_head', 'finance_manager']);
		const early = await call('division_head', 'POST', `/approvals/${req.id}/approve`, {});
		expect(early.status).toBe(403);
		expect(errorCode(early)).toBe('NOT_APPROVER');
		await ok('sales_manager', 'POST', `/approvals/${req.id}/approve`, {});
		const inbox = await ok<any[]>('division_head', 'GET', '/approvals/inbox');
		const entry = inbox.find((e) => e.request === req.id);
		expect(entry.why.join(' ')).toContain('line 2: 11000.00 < floor 11500.00 (SKU-001)');
		await ok('division_head', 'POST', `/approvals/${req.id}/approve`, {});
		expect((await requestOf('quotes', q.id)).status).toBe('pending');
		await ok('finance_manager', 'POST', `/approvals/${req.id}/approve`, {});
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');
	});

	it('margin below 30% above the floor adds only the finance manager', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '11600.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		expect(stepsOf(req)).toEqual(['manager', 'finance_manager']);
		// The figures are for those who may see cost; everyone involved reads the plain reason.
		expect(JSON.stringify(req.cost_reasons)).toMatch(/margin 2\d\.\d\d% < 30%/);
		expect(JSON.stringify(req.reasons)).toContain('毛利率低于阈值 / gross margin below threshold');
		expect(JSON.stringify(req.reasons)).not.toMatch(/\d+\.\d\d%/);
	});

	it('nobody approves their own document; an approver is not asked twice', async () => {
		const q = await quote('sales_manager', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }], (await customerOf('sales_rep')).id);
		await submit('sales_manager', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		const self = await call('sales_manager', 'POST', `/approvals/${req.id}/approve`, {});
		expect(self.status).toBe(403);
		expect(errorCode(self)).toBe('SELF_APPROVAL');

		// The manager's own below-floor quote: his manager (the division head) and the division-head role → asked once.
		const low = await quote(
			'sales_manager',
			[{ sku: 'SKU-002', quantity: '1', unit_price: '3000.00' }],
			(await customerOf('sales_rep')).id,
		);
		await submit('sales_manager', 'quotes', low.id);
		const lowReq = await requestOf('quotes', low.id);
		expect(stepsOf(lowReq).slice(0, 2)).toEqual(['division_head_user', 'division_head']);
		await ok('division_head', 'POST', `/approvals/${lowReq.id}/approve`, {});
		const after = await requestOf('quotes', low.id);
		expect(after.steps.find((s: any) => s.approver_role === 'division_head')).toMatchObject({
			status: 'approved',
			decided_by: userId('division_head'),
		});
		expect(after.steps.find((s: any) => s.approver_role === 'finance_manager').status).toBe('pending');
	});

	it('reject needs a comment, sends the document back, and resubmitting starts a fresh request', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-003', quantity: '1', unit_price: '5200.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		const noComment = await call('sales_manager', 'POST', `/approvals/${req.id}/reject`, {});
		expect(noComment.status).toBe(400);
		expect(errorCode(noComment)).toBe('INVALID_PAYLOAD');
		expect((await requestOf('quotes', q.id)).status).toBe('pending');

		const rejected = await ok<any>('sales_manager', 'POST', `/approvals/${req.id}/reject`, { comment: '价格请再确认' });
		expect(rejected.status).toBe('rejected');
		expect((await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}`)).status).toBe('rejected');
		const closed = await call('sales_manager', 'POST', `/approvals/${req.id}/approve`, {});
		expect(closed.status).toBe(409);
		expect(errorCode(closed)).toBe('REQUEST_CLOSED');

		await ok('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { payment_terms: '50% 预付' });
		expect((await submit('sales_rep', 'quotes', q.id)).status).toBe('pending_approval');
		const fresh = await requestOf('quotes', q.id);
		expect(fresh.id).not.toBe(req.id);
		expect(fresh.status).toBe('pending');
	});

	it('a pending document and its lines are write-locked; nothing changes', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-004', quantity: '2', unit_price: '2980.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const full = await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}?fields=*,lines.*`);
		const r1 = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { payment_terms: 'changed' });
		expect(r1.status).toBe(409);
		expect(errorCode(r1)).toBe('DOCUMENT_LOCKED');
		const r2 = await call('sales_rep', 'PATCH', `/items/quote_lines/${full.lines[0].id}`, { quantity: '5' });
		expect(errorCode(r2)).toBe('DOCUMENT_LOCKED');
		const r3 = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'approved' });
		expect(errorCode(r3)).toBe('INVALID_TRANSITION');
		const again = await ok<any>('admin', 'GET', `/items/quotes/${q.id}?fields=*,lines.*`);
		expect(again.payment_terms).toBe(full.payment_terms);
		expect(again.lines[0].quantity).toEqual(full.lines[0].quantity);
		expect(again.status).toBe('pending_approval');
	});

	it('two approvals at once: exactly one decision counts', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '10', unit_price: '168.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		const results = await Promise.all([1, 2, 3].map(() => call('sales_manager', 'POST', `/approvals/${req.id}/approve`, {})));
		expect(results.filter((r) => r.status === 200)).toHaveLength(1);
		expect(results.filter((r) => r.status === 409)).toHaveLength(2);
		const after = await requestOf('quotes', q.id);
		expect(after.steps.filter((s: any) => s.status === 'approved')).toHaveLength(1);
	});

	it('an approver decides from the data app by setting the step', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-006', quantity: '1', unit_price: '1580.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const step = (await requestOf('quotes', q.id)).steps[0];
		const wrong = await call('sales_rep_2', 'PATCH', `/items/approval_steps/${step.id}`, { status: 'approved' });
		expect(wrong.status).toBeGreaterThanOrEqual(403);
		await ok('sales_manager', 'PATCH', `/items/approval_steps/${step.id}`, { status: 'approved', comment: 'ok' });
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');
	});
});

describe('refusals', () => {
	it('unknown request (or one the caller takes no part in) → 404, bad id → 400, wrong approver → 403', async () => {
		expect((await call('sales_manager', 'POST', '/approvals/99999999/approve', {})).status).toBe(404);
		const bad = await call('sales_manager', 'POST', '/approvals/abc/approve', {});
		expect(bad.status).toBe(400);
		expect(errorCode(bad)).toBe('INVALID_PAYLOAD');
		const extra = await call('sales_manager', 'POST', '/approvals/1/approve', { comment: 'x', sneaky: true });
		expect(extra.status).toBe(400);
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		// Finance takes no part in this request: the same answer as for a missing one.
		expect((await call('finance', 'POST', `/approvals/${req.id}/approve`, {})).status).toBe(404);
		// The finance manager sees every request but is not the one asked now.
		const r = await call('finance_manager', 'POST', `/approvals/${req.id}/approve`, {});
		expect([r.status, errorCode(r)]).toEqual([403, 'NOT_APPROVER']);
		expect((await requestOf('quotes', q.id)).status).toBe('pending');
		expect((await call(null, 'GET', '/approvals/inbox')).status).toBe(403);
	});
});

describe('contracts: amount tiers at the boundaries', () => {
	it.each([
		['100000.00', ['manager', 'legal', 'finance']],
		['100000.01', ['manager', 'legal', 'finance', 'vp']],
		['500000.00', ['manager', 'legal', 'finance', 'vp']],
		['500000.01', ['manager', 'legal', 'finance', 'general_manager']],
	])('%s → %j', async (amount, steps) => {
		const customer = await customerOf('sales_rep');
		const c = await ok<any>('sales_rep', 'POST', '/items/contracts', { customer: customer.id, amount, subject: '自动化产线改造' });
		await submit('sales_rep', 'contracts', c.id);
		expect(stepsOf(await requestOf('contracts', c.id))).toEqual(steps);
		await approveAll('contracts', c.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/contracts/${c.id}`)).status).toBe('approved');
	});

	it('signing sets the customer to signed', async () => {
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?filter[status][_eq]=lead&limit=1'))[0];
		const c = await ok<any>('sales_rep', 'POST', '/items/contracts', { customer: customer.id, amount: '20000.00' });
		await submit('sales_rep', 'contracts', c.id);
		await approveAll('contracts', c.id, APPROVERS);
		await ok('sales_rep', 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
		expect((await ok<any>('sales_rep', 'GET', `/items/customers/${customer.id}`)).status).toBe('signed');
	});
});

describe('sales orders', () => {
	it('the manager confirms every order', async () => {
		const o = await order('sales_rep', [{ sku: 'SKU-002', quantity: '2', unit_price: '3680.00' }]);
		await submit('sales_rep', 'sales_orders', o.id);
		expect(stepsOf(await requestOf('sales_orders', o.id))).toEqual(['manager']);
		await approveAll('sales_orders', o.id, APPROVERS);
		const done = await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}`);
		expect(done.status).toBe('confirmed');
		expect(done.confirmed_at).toBeTruthy();
	});

	it('below floor needs the division head unless an approved quote covers the price', async () => {
		const low = [{ sku: 'SKU-003', quantity: '1', unit_price: '4500.00' }];
		const o1 = await order('sales_rep', low);
		await submit('sales_rep', 'sales_orders', o1.id);
		expect(stepsOf(await requestOf('sales_orders', o1.id))).toEqual(['manager', 'division_head']);

		const q = await quote('sales_rep', low);
		await submit('sales_rep', 'quotes', q.id);
		await approveAll('quotes', q.id, APPROVERS);
		const o2 = await order('sales_rep', low, { quote: q.id });
		await submit('sales_rep', 'sales_orders', o2.id);
		expect(stepsOf(await requestOf('sales_orders', o2.id))).toEqual(['manager']);
	});

	it('credit exposure over the limit adds the finance manager', async () => {
		const customer = (await ok<any[]>('sales_rep', 'GET', '/items/customers?filter[credit_limit][_eq]=50000&limit=1'))[0];
		const o = await order('sales_rep', [{ sku: 'SKU-001', quantity: '5', unit_price: '12800.00' }], { customer: customer.id });
		await submit('sales_rep', 'sales_orders', o.id);
		const req = await requestOf('sales_orders', o.id);
		expect(stepsOf(req)).toEqual(['manager', 'finance_manager']);
		expect(JSON.stringify(req.reasons)).toContain('credit: exposure 0.00 + 64000.00 > limit 50000.00');
	});
});

describe('rules are data', () => {
	it('ships the default rule set', async () => {
		const rules = await ok<any[]>('admin', 'GET', '/items/approval_rules?limit=-1');
		expect(rules.map((r) => r.key)).toEqual(
			expect.arrayContaining(['quote_normal', 'contract_tier_3', 'order_credit', 'return_request', 'loan_conversion']),
		);
	});

	it('refuses overlapping or gapped amount tiers and unknown conditions, writing nothing', async () => {
		const before = await count('approval_rules');
		const overlap = await call('admin', 'POST', '/items/approval_rules', {
			name: 'x',
			document: 'contracts',
			condition: 'amount_between',
			params: { min: '50000.00', max: '200000.00' },
			steps: [],
		});
		expect(overlap.status).toBe(400);
		expect(overlap.errors![0]!.message).toMatch(/overlap|gap/);
		const unknown = await call('admin', 'POST', '/items/approval_rules', {
			name: 'x',
			document: 'quotes',
			condition: 'moon_phase',
			steps: [],
		});
		expect(unknown.status).toBe(400);
		const badRole = await call('admin', 'POST', '/items/approval_rules', {
			name: 'x',
			document: 'quotes',
			condition: 'always',
			steps: [{ approver: 'role', role: 'pope' }],
		});
		expect(badRole.status).toBe(400);
		const tier = (await ok<any[]>('admin', 'GET', '/items/approval_rules?filter[key][_eq]=contract_tier_2'))[0];
		const gap = await call('admin', 'PATCH', `/items/approval_rules/${tier.id}`, { params: { min: '100000.00', max: '400000.00' } });
		expect(gap.status).toBe(400);
		expect(await count('approval_rules')).toBe(before);
	});
});
