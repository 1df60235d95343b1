// Traceability (QUALITY.md "Audit"): who changed which document how, who decided each approval
// step, and who moved which stock — read back the way an auditor would, through the API.
import { describe, expect, it } from 'vitest';
import { ok, userId } from './helpers';
import { confirmedOrder, issuedNote, quote, requestOf, stockedProduct, submit } from './fixtures';

describe('audit trail', () => {
	it('document and line changes are Directus activity with revisions: who, when, what changed', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-004', quantity: '2', unit_price: '2980.00' }]);
		const line = (await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}?fields=lines.id`)).lines[0].id;
		await ok('sales_rep', 'PATCH', `/items/quote_lines/${line}`, { quantity: '3' });
		await ok('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { payment_terms: '款到发货 / cash before delivery' });

		const quoteActivity = await ok<any[]>(
			'admin',
			'GET',
			`/activity?filter[collection][_eq]=quotes&filter[item][_eq]=${q.id}&sort=id&fields=action,user,timestamp,revisions.delta`,
		);
		expect(quoteActivity.map((a) => a.action)).toEqual(['create', 'update']);
		expect(quoteActivity.every((a) => a.user === userId('sales_rep') && a.timestamp)).toBe(true);
		expect(quoteActivity[1].revisions[0].delta).toMatchObject({ payment_terms: '款到发货 / cash before delivery' });

		const lineRevisions = await ok<any[]>(
			'admin',
			'GET',
			`/revisions?filter[collection][_eq]=quote_lines&filter[item][_eq]=${line}&sort=id&fields=data,delta,activity.action,activity.user`,
		);
		expect(lineRevisions.map((r) => r.activity.action)).toEqual(['create', 'update']);
		expect(Number(lineRevisions[0].data.quantity)).toBe(2);
		expect(Number(lineRevisions[1].delta.quantity)).toBe(3);
		// The revision keeps the amounts the rules computed for the new quantity.
		expect(lineRevisions[1].delta.total ?? lineRevisions[1].data.total).toBeDefined();
	});

	it('each approval decision keeps who decided, when, with which comment, and why approval was needed', async () => {
		const q = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '10', unit_price: '168.00' }]);
		await submit('sales_rep', 'quotes', q.id);
		const pending = await requestOf('quotes', q.id);
		await ok('sales_manager', 'POST', `/approvals/${pending.id}/approve`, { comment: '同意，按报价执行' });

		const req = await ok<any>('admin', 'GET', `/items/approval_requests/${pending.id}?fields=*,steps.*`);
		expect(req).toMatchObject({ status: 'approved', requested_by: userId('sales_rep'), collection: 'quotes', item: String(q.id) });
		expect(req.decided_at).toBeTruthy();
		expect(req.reasons.length).toBeGreaterThan(0);
		const decided = req.steps.filter((s: any) => s.status === 'approved');
		expect(decided.length).toBeGreaterThan(0);
		expect(decided[0]).toMatchObject({ decided_by: userId('sales_manager'), comment: '同意，按报价执行' });
		expect(decided[0].decided_at).toBeTruthy();
		// The submit that started it is the rep's own activity on the quote.
		const revisions = await ok<any[]>(
			'admin',
			'GET',
			`/revisions?filter[collection][_eq]=quotes&filter[item][_eq]=${q.id}&sort=id&fields=delta,activity.user`,
		);
		const submits = revisions.filter((r) => r.delta?.status === 'submitted' || r.delta?.status === 'pending_approval');
		expect(submits.length).toBeGreaterThan(0);
		expect(submits.every((r) => r.activity.user === userId('sales_rep'))).toBe(true);
	});

	it('every stock move names its source document, line and the user who caused it', async () => {
		const { product: p, warehouse: wh } = await stockedProduct(5);
		const o = await confirmedOrder('sales_rep', [{ sku: p.sku, quantity: '2', unit_price: '100.00' }]);
		const n = await issuedNote('sales_rep', o.id, wh.id);
		const moves = await ok<any[]>('admin', 'GET', `/items/stock_moves?filter[product][_eq]=${p.id}&sort=id`);
		expect(moves.map((m) => [m.type, Number(m.quantity)])).toEqual([
			['purchase_in', 5],
			['sales_out', -2],
		]);
		expect(moves[0].user_created).toBe(userId('warehouse_manager'));
		expect(moves[1]).toMatchObject({
			source_collection: 'shipments',
			source_id: String(n.id),
			source_number: n.number,
			user_created: userId('warehouse'),
		});
		expect(moves[1].source_line).toBe(String(n.lines[0].id));
	});
});
