// Builders for documents the tests need, created through the API as the demo users.
import { ok } from './helpers';

export async function customerOf(user: string) {
	return (await ok<any[]>(user, 'GET', '/items/customers?sort=id&limit=1'))[0];
}

export async function product(sku: string) {
	return (await ok<any[]>('admin', 'GET', `/items/products?filter[sku][_eq]=${sku}`))[0];
}

export async function quote(user: string, lines: Array<{ sku: string; quantity: string; unit_price: string }>, customer?: number) {
	const c = customer ?? (await customerOf(user)).id;
	const resolved = await Promise.all(lines.map(async (l) => ({ product: (await product(l.sku)).id, quantity: l.quantity, unit_price: l.unit_price })));
	return ok<any>(user, 'POST', '/items/quotes', { customer: c, lines: resolved });
}

export async function order(user: string, lines: Array<{ sku: string; quantity: string; unit_price: string }>, extra: Record<string, unknown> = {}) {
	const c = (extra.customer as number) ?? (await customerOf(user)).id;
	const resolved = await Promise.all(lines.map(async (l) => ({ product: (await product(l.sku)).id, quantity: l.quantity, unit_price: l.unit_price })));
	return ok<any>(user, 'POST', '/items/sales_orders', { customer: c, ...extra, lines: resolved });
}

export async function submit(user: string, collection: string, id: number) {
	return ok<any>(user, 'PATCH', `/items/${collection}/${id}`, { status: 'submitted' });
}

export async function requestOf(collection: string, id: number) {
	const doc = await ok<any>('admin', 'GET', `/items/${collection}/${id}?fields=status,approval_request.*,approval_request.steps.*`);
	return doc.approval_request;
}

/** Approves every pending step of a document's request with whoever is asked, until it is done. */
export async function approveAll(collection: string, id: number, approvers: Record<string, string>) {
	for (let i = 0; i < 10; i++) {
		const req = await requestOf(collection, id);
		if (!req || req.status !== 'pending') return;
		const step = req.steps.find((s: any) => s.status === 'pending');
		const who = step.approver_role ?? `user:${step.approver_user}`;
		const user = approvers[who];
		if (!user) throw new Error(`no approver given for ${who}`);
		await ok(user, 'POST', `/approvals/${req.id}/approve`, { comment: 'ok' });
	}
}
