// Events for extensions and Flows (issue #21): after a status move or an approval commits, Salesflow
// emits salesflow.transition / salesflow.approval.requested / salesflow.approval.decided through
// Directus' emitter. The example extension (extensions/salesflow-example-listener) records what it got.
import { describe, expect, it } from 'vitest';
import { stableUuid } from '../../extensions/salesflow/src/domain/ids';
import { call, ok, userId } from './helpers';
import { quote, requestOf, submit } from './fixtures';
import { webhookFlow } from './flows';

/** What the example listener received about one document, in order (actions run asynchronously: wait a little). */
async function eventsOf(collection: string, id: number, atLeast: number): Promise<any[]> {
	for (let i = 0; ; i++) {
		const all = await ok<any[]>('admin', 'GET', '/salesflow-example-listener/events');
		const mine = all.filter((e) => e.collection === collection && String(e.id) === String(id));
		if (mine.length >= atLeast || i >= 40) return mine.map(({ received_at: _, ...e }) => e);
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe('events after commit', () => {
	it('an extension receives a committed move and the approval it asks for and gets, nothing for a refused move', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '2', unit_price: '12800.00' }]);
		// Refused (a draft cannot be accepted): nothing is emitted.
		const refused = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'accepted' });
		expect(refused.status).toBeGreaterThanOrEqual(400);

		await submit('sales_rep', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		const rep = userId('sales_rep');
		const manager = userId('sales_manager');
		expect(await eventsOf('quotes', q.id, 2)).toEqual([
			{
				event: 'salesflow.approval.requested',
				request: req.id,
				collection: 'quotes',
				id: q.id,
				number: q.number,
				step: 1,
				approvers: [manager],
			},
			{ event: 'salesflow.transition', collection: 'quotes', id: q.id, number: q.number, from: 'draft', to: 'pending_approval', user: rep },
		]);

		await ok('sales_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		const after = await eventsOf('quotes', q.id, 4);
		expect(after.slice(2)).toEqual([
			{
				event: 'salesflow.approval.decided',
				request: req.id,
				collection: 'quotes',
				id: q.id,
				number: q.number,
				decision: 'approved',
				step: 1,
				user: manager,
			},
			{
				event: 'salesflow.transition',
				collection: 'quotes',
				id: q.id,
				number: q.number,
				from: 'pending_approval',
				to: 'approved',
				user: manager,
			},
		]);
		expect(after.some((e) => e.to === 'accepted')).toBe(false);
		// Only administrators read what the example recorded.
		expect((await call('sales_rep', 'GET', '/salesflow-example-listener/events')).status).toBe(403);
	});

	it('ships an inactive example Flow on salesflow.transition', async () => {
		const flow = await ok<any>('admin', 'GET', `/flows/${stableUuid('flow:example-transition')}?fields=*,operations.*`);
		expect(flow).toMatchObject({ status: 'inactive', trigger: 'event', options: { type: 'action', scope: ['salesflow.transition'] } });
		expect(flow.operations).toEqual([expect.objectContaining({ type: 'log', key: 'log_move' })]);
	});

	it('a Flow using salesflow-transition moves a document as its trigger user, and is refused what that user may not do', async () => {
		const flow = await webhookFlow('test: move by webhook', 'salesflow-transition', {
			collection: 'quotes',
			key: '{{$trigger.body.id}}',
			status: '{{$trigger.body.status}}',
			permissions: '$trigger',
		});
		try {
			const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);
			// Someone else's quote: the warehouse may not move it, and nothing changes.
			const refused = await flow.run('warehouse', { id: q.id, status: 'submitted' });
			expect(refused.status).toBeGreaterThanOrEqual(400);
			expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('draft');
			// Its owner may: the move goes through every rule (submitting opens the approval).
			const moved = await flow.run('sales_rep', { id: q.id, status: 'submitted' });
			expect(moved.status).toBe(200);
			expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('pending_approval');
			expect((await requestOf('quotes', q.id)).status).toBe('pending');
		} finally {
			await flow.remove();
		}
	});

	it('the bundle lists its Flow operations', async () => {
		const listed = JSON.stringify(await ok<any[]>('admin', 'GET', '/extensions'));
		for (const name of ['salesflow-transition', 'salesflow-approve', 'salesflow-notify', 'salesflow-print'])
			expect(listed).toContain(`"${name}"`);
	});
});
