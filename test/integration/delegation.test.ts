// Delegation (转交/代理, issue #16): an approver who is away names a delegate and a period; the delegate
// decides the steps that ask them meanwhile — also those already pending — and the decision records on
// whose behalf. Never self-approval through a delegate; set by the approver or their manager only.
import { afterEach, describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, userId } from './helpers';
import { order, requestOf, stockedProduct, submit } from './fixtures';

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

const made: number[] = [];
async function delegate(who: string, body: Record<string, unknown>) {
	const d = await ok<any>(who, 'POST', '/items/approval_delegations', body);
	made.push(d.id);
	return d;
}
afterEach(async () => {
	while (made.length) await call('admin', 'DELETE', `/items/approval_delegations/${made.pop()}`);
});

/** A rep's order waiting for the sales manager's review. */
async function pendingOrder(rep = 'sales_rep') {
	const { product } = await stockedProduct(0);
	const o = await order(rep, [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], { contract: null });
	await submit(rep, 'sales_orders', o.id);
	return { order: o, request: await requestOf('sales_orders', o.id) };
}

describe('delegation (审批代理)', () => {
	it('the delegate decides a step already pending, on the approver’s behalf, only within the period', async () => {
		const { order: o, request } = await pendingOrder();
		const inboxOf = async (who: string) => (await ok<any[]>(who, 'GET', '/approvals/inbox')).filter((i) => i.request === request.id);
		expect(await inboxOf('sales_assistant')).toEqual([]);

		// Away in the past or the future: nothing moves.
		await delegate('sales_manager', { delegate: userId('sales_assistant'), starts_at: hours(24), ends_at: hours(48) });
		const early = await call('sales_assistant', 'POST', `/approvals/${request.id}/approve`, { comment: '代批' });
		expect([early.status, errorCode(early)]).toEqual([404, 'NOT_FOUND']);

		const d = await delegate('sales_manager', {
			delegate: userId('sales_assistant'),
			starts_at: hours(-1),
			ends_at: hours(8),
			reason: '出差',
		});
		expect(d.user).toBe(userId('sales_manager'));
		const [item] = await inboxOf('sales_assistant');
		expect(item).toMatchObject({ number: request.number, on_behalf_of: userId('sales_manager') });
		expect((await inboxOf('sales_manager'))[0]).toMatchObject({ on_behalf_of: null });

		await ok('sales_assistant', 'POST', `/approvals/${request.id}/approve`, { comment: '代经理审批' });
		const decided = (await requestOf('sales_orders', o.id)).steps.find((s: any) => s.sequence === 1);
		expect(decided).toMatchObject({ status: 'approved', decided_by: userId('sales_assistant'), on_behalf_of: userId('sales_manager') });
	});

	it('never self-approval through a delegate', async () => {
		const { request } = await pendingOrder();
		await delegate('sales_manager', { delegate: userId('sales_rep'), starts_at: hours(-1), ends_at: hours(1) });
		const own = await call('sales_rep', 'POST', `/approvals/${request.id}/approve`, { comment: '自己批' });
		expect([own.status, errorCode(own)]).toEqual([403, 'SELF_APPROVAL']);
		expect((await ok<any[]>('sales_rep', 'GET', '/approvals/inbox')).some((i) => i.request === request.id)).toBe(false);
		expect((await requestOf('sales_orders', request.item)).status).toBe('pending');
	});

	it('is set by the approver or their manager; bad input is refused and writes nothing', async () => {
		// The division head manages the sales manager: allowed to set it for them.
		const byHead = await delegate('division_head', {
			user: userId('sales_manager'),
			delegate: userId('division_head'),
			starts_at: hours(-1),
			ends_at: hours(1),
		});
		expect(byHead.user).toBe(userId('sales_manager'));
		const before = await count('approval_delegations');
		const cases: Array<[string, Record<string, unknown>, number, string]> = [
			['sales_rep', { user: userId('sales_rep_2'), delegate: userId('sales_rep'), starts_at: hours(0), ends_at: hours(1) }, 403, 'user'],
			['sales_rep', { delegate: userId('sales_rep'), starts_at: hours(0), ends_at: hours(1) }, 400, 'delegate'],
			['sales_rep', { delegate: userId('sales_manager'), starts_at: hours(2), ends_at: hours(1) }, 400, 'ends_at'],
			['sales_rep', { delegate: userId('sales_manager'), starts_at: 'tomorrow', ends_at: hours(1) }, 400, 'starts_at'],
			['sales_rep', { starts_at: hours(0), ends_at: hours(1) }, 400, 'delegate'],
		];
		for (const [who, body, status, field] of cases) {
			const r = await call(who, 'POST', '/items/approval_delegations', body);
			expect([r.status, r.errors?.[0]?.extensions?.field], JSON.stringify(body)).toEqual([status, field]);
		}
		expect(await count('approval_delegations')).toBe(before);
		// A rep sees their own, not the manager's.
		const mine = await delegate('sales_rep', { delegate: userId('sales_rep_2'), starts_at: hours(0), ends_at: hours(1) });
		const seen = await ok<any[]>('sales_rep', 'GET', '/items/approval_delegations?limit=-1');
		expect(seen.map((x) => x.id)).toEqual([mine.id]);
	});
});
