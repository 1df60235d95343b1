// Archiving (归档, PROCESS "Archiving"): a finished document's paper original is filed — where, by whom,
// when — through POST /archive/:collection/:id, and from then on the document and its lines are
// read-only to every item write. Salesflow's own bookkeeping (a receipt paying an archived invoice) goes on.
// The requests of this file run on a pinned company clock, so "when" is exact.
import { beforeAll, describe, expect, it } from 'vitest';
import { GRANTS } from '../../schema/grants';
import { CLOCK_HEADER } from '../../extensions/salesflow/src/platform/clock';
import { approveAll, approversMap, confirmedOrder, customerOf, issuedNote, order, stockedProduct, submit } from './fixtures';
import { call, count, errorCode, ok, sendWithEveryRequest, userId } from './helpers';
import { MATRIX, ROLE_ORDER } from './permission-matrix';

// Whole seconds an hour ago: a timestamp every database keeps exactly.
const AT = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
const LOCATION = '档案室 A-3-12';
const ARCHIVE_FIELDS = 'archived_at,archived_by,archive_location';

const archive = (who: string, collection: string, id: number | string, body: unknown = { location: LOCATION }) =>
	call(who, 'POST', `/archive/${collection}/${id}`, body);
/** A document as the administrator sees it, every field: a refused write must leave all of it as it was. */
const asFiled = (collection: string, id: number) => ok<any>('admin', 'GET', `/items/${collection}/${id}?fields=*`);
const historyOf = (collection: string, id: number) =>
	count('status_history', { _and: [{ collection: { _eq: collection } }, { item: { _eq: String(id) } }] });

async function contract(rep: string, sign: boolean) {
	const customer = await customerOf(rep);
	const c = await ok<any>(rep, 'POST', '/items/contracts', { customer: customer.id, amount: '8000.00', subject: '归档测试' });
	if (!sign) return c;
	await submit(rep, 'contracts', c.id);
	await approveAll('contracts', c.id, approversMap());
	await ok(rep, 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
	return asFiled('contracts', c.id);
}

beforeAll(() => sendWithEveryRequest(CLOCK_HEADER, AT));

describe('archiving a contract (归档)', () => {
	let signed: any;
	let draft: any;
	let others: any;
	beforeAll(async () => {
		[signed, draft, others] = await Promise.all([contract('sales_rep', true), contract('sales_rep', false), contract('sales_rep_2', true)]);
	});

	it('is refused as the caller stands: unreadable 404, no grant 403, no location 400 — and nothing is written', async () => {
		const before = await asFiled('contracts', signed.id);
		const expected = (role: string) => {
			// The contract is sales_rep's: the rep reads it (own), the manager too (team).
			if (MATRIX.contracts![role as (typeof ROLE_ORDER)[number]].read === 'none') return [404, 'NOT_FOUND'];
			return (GRANTS.archive_contracts as readonly string[]).includes(role) ? [400, 'INVALID_PAYLOAD'] : [403, 'FORBIDDEN'];
		};
		for (const role of ROLE_ORDER) {
			const r = await archive(role, 'contracts', signed.id, {});
			expect([role, r.status, errorCode(r)]).toEqual([role, ...expected(role)]);
		}
		// Another rep's contract answers like a missing one.
		const foreign = await archive('sales_rep_2', 'contracts', signed.id);
		expect([foreign.status, errorCode(foreign), foreign.errors?.[0]?.message]).toEqual([
			404,
			'NOT_FOUND',
			`contracts ${signed.id} does not exist`,
		]);
		expect((await archive('sales_rep', 'contracts', others.id)).status).toBe(404);
		expect((await archive('sales_assistant', 'contracts', 2_000_000_000)).status).toBe(404);
		for (const body of [{ location: '   ' }, { location: 'x'.repeat(256) }, { location: LOCATION, archived_at: AT }, {}]) {
			const r = await archive('sales_assistant', 'contracts', signed.id, body);
			expect([r.status, errorCode(r)], JSON.stringify(body)).toEqual([400, 'INVALID_PAYLOAD']);
		}
		expect((await archive('sales_assistant', 'contracts', 'x')).status).toBe(400);
		// Quotes are not archived: no such route.
		expect((await archive('sales_assistant', 'quotes', 1)).status).toBe(404);
		expect(await asFiled('contracts', signed.id)).toEqual(before);
		expect(before.archived_at).toBeNull();
	});

	it('refuses a contract that is not finished, naming its status', async () => {
		const r = await archive('sales_assistant', 'contracts', draft.id);
		expect([r.status, errorCode(r)]).toEqual([409, 'INVALID_TRANSITION']);
		expect(r.errors?.[0]?.message).toBe(`${draft.number} is draft: only signed, completed, terminated contracts can be archived`);
		expect((await asFiled('contracts', draft.id)).archived_at).toBeNull();
	});

	it('the archive fields are written by the route only, never through the items API', async () => {
		const before = await asFiled('contracts', signed.id);
		for (const [who, body] of [
			['sales_rep', { archive_location: LOCATION }],
			['sales_assistant', { archive_location: LOCATION }],
			['sales_assistant', { archived_at: AT }],
			['sales_assistant', { archived_by: userId('sales_assistant') }],
		] as const) {
			const r = await call(who, 'PATCH', `/items/contracts/${signed.id}`, body);
			expect([who, r.status, errorCode(r)]).toEqual([who, 403, 'FORBIDDEN']);
		}
		const customer = await customerOf('sales_rep');
		const created = await call('sales_rep', 'POST', '/items/contracts', {
			customer: customer.id,
			amount: '1.00',
			archive_location: LOCATION,
		});
		expect([created.status, errorCode(created)]).toEqual([403, 'FORBIDDEN']);
		expect(await asFiled('contracts', signed.id)).toEqual(before);
	});

	it('the assistant files a signed contract: where, by whom, when (the company clock)', async () => {
		const r = await archive('sales_assistant', 'contracts', signed.id, { location: `  ${LOCATION} ` });
		expect(r.status, JSON.stringify(r.errors)).toBe(200);
		expect(r.data).toMatchObject({ id: signed.id, number: signed.number, status: 'signed', archive_location: LOCATION });
		const filed = await asFiled('contracts', signed.id);
		expect([Date.parse(filed.archived_at), filed.archived_by, filed.archive_location]).toEqual([
			Date.parse(AT),
			userId('sales_assistant'),
			LOCATION,
		]);
		// Everyone who reads the contract sees where it is filed.
		expect(await ok<any>('sales_rep', 'GET', `/items/contracts/${signed.id}?fields=${ARCHIVE_FIELDS}`)).toMatchObject({
			archived_by: userId('sales_assistant'),
			archive_location: LOCATION,
		});
	});

	it('a second archive is refused and changes nothing', async () => {
		const before = await asFiled('contracts', signed.id);
		for (const who of ['sales_assistant', 'legal']) {
			const r = await archive(who, 'contracts', signed.id, { location: '法务部 B-1' });
			expect([who, r.status, errorCode(r)]).toEqual([who, 409, 'DOCUMENT_LOCKED']);
			expect(r.errors?.[0]?.message).toBe(`${signed.number} is archived (original kept at ${LOCATION}) and read-only`);
		}
		expect(await asFiled('contracts', signed.id)).toEqual(before);
	});

	it('is read-only: any field, the always-editable ones, a status move or a delete → 409 DOCUMENT_LOCKED, nothing changed', async () => {
		const before = await asFiled('contracts', signed.id);
		const moves = await historyOf('contracts', signed.id);
		const attempts: Array<[string, string, unknown]> = [
			['sales_rep', 'PATCH', { subject: '改过的标的' }],
			['sales_rep', 'PATCH', { sign_date: '2020-01-01' }],
			['sales_rep', 'PATCH', { status: 'completed' }],
			['sales_rep', 'PATCH', { status: 'completed', subject: '改过的标的' }],
			['sales_rep', 'PATCH', { archive_location: '别处' }],
			['sales_assistant', 'PATCH', { payment_terms: '改过的条款' }],
			['division_head', 'PATCH', { status: 'terminated' }],
			// Salesflow's rule, not a permission: the administrator does not rewrite a filed contract through the API either.
			['admin', 'PATCH', { subject: '改过的标的' }],
			['sales_rep', 'DELETE', undefined],
			['admin', 'DELETE', undefined],
		];
		for (const [who, method, body] of attempts) {
			const r = await call(who, method, `/items/contracts/${signed.id}`, body);
			expect([who, method, body, r.status, errorCode(r)]).toEqual([who, method, body, 409, 'DOCUMENT_LOCKED']);
			expect(r.errors?.[0]?.message).toContain(`${signed.number} is archived (original kept at ${LOCATION})`);
		}
		// Several at once: one archived document refuses the whole request.
		const batch = await call('admin', 'PATCH', '/items/contracts', { keys: [draft.id, signed.id], data: { subject: '批量' } });
		expect([batch.status, errorCode(batch)]).toEqual([409, 'DOCUMENT_LOCKED']);
		expect((await asFiled('contracts', draft.id)).subject).toBe('归档测试');
		expect(await asFiled('contracts', signed.id)).toEqual(before);
		expect(await historyOf('contracts', signed.id)).toBe(moves);
	});
});

describe('the demo (seed/documents.ts)', () => {
	it("has one contract the assistant archived: the second rep's signed one", async () => {
		const filed = await ok<any[]>(
			'admin',
			'GET',
			`/items/contracts?fields=owner,status,archived_by,archive_location&filter[owner][_eq]=${userId('sales_rep_2')}&filter[archived_at][_nnull]=true`,
		);
		expect(filed.filter((c) => c.archive_location === LOCATION)).toEqual([
			{ owner: userId('sales_rep_2'), status: 'signed', archived_by: userId('sales_assistant'), archive_location: LOCATION },
		]);
	});
});

describe('archiving other finished documents', () => {
	it('a cancelled order is filed; its lines are then read-only too', async () => {
		const o = await order('sales_rep', [{ sku: 'SKU-003', quantity: '2', unit_price: '2000.00' }]);
		const full = await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}?fields=*,lines.*`);
		const early = await archive('sales_assistant', 'sales_orders', o.id);
		expect([early.status, errorCode(early)]).toEqual([409, 'INVALID_TRANSITION']);
		await ok('sales_rep', 'PATCH', `/items/sales_orders/${o.id}`, { status: 'cancelled' });
		for (const who of ['legal', 'finance', 'sales_rep', 'sales_manager']) {
			const r = await archive(who, 'sales_orders', o.id);
			expect([who, r.status]).toEqual([who, who === 'legal' ? 404 : 403]);
		}
		expect((await archive('sales_assistant', 'sales_orders', o.id, { location: '内勤柜 2-07' })).status).toBe(200);

		const line = full.lines[0];
		const lineCount = await count('sales_order_lines', { order: { _eq: o.id } });
		for (const [method, path, body] of [
			['PATCH', `/items/sales_order_lines/${line.id}`, { quantity: '1' }],
			['DELETE', `/items/sales_order_lines/${line.id}`, undefined],
			['POST', '/items/sales_order_lines', { order: o.id, product: line.product, quantity: '1', unit_price: '2000.00' }],
		] as const) {
			const r = await call('sales_rep', method, path, body);
			expect([method, r.status, errorCode(r)]).toEqual([method, 409, 'DOCUMENT_LOCKED']);
			expect(r.errors?.[0]?.message).toContain(`${o.number} is archived (original kept at 内勤柜 2-07)`);
		}
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}?fields=lines.*`)).lines).toEqual(full.lines);
		expect(await count('sales_order_lines', { order: { _eq: o.id } })).toBe(lineCount);
	});

	it('finance files an issued invoice; a receipt still pays it (Salesflow bookkeeping is not a user edit)', async () => {
		const { product, warehouse } = await stockedProduct(10, 'WH-SH', '100.00');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }]);
		const note = await issuedNote('sales_rep', o.id, warehouse.id);
		const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		const early = await archive('finance', 'invoices', draft.id);
		expect([early.status, errorCode(early)]).toEqual([409, 'INVALID_TRANSITION']);
		const invoice = await ok<any>('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		expect((await archive('warehouse', 'invoices', invoice.id)).status).toBe(404);
		expect((await archive('legal', 'invoices', invoice.id)).status).toBe(404);
		expect((await archive('finance', 'invoices', invoice.id, { location: '财务档案柜 F-2' })).status).toBe(200);
		const patched = await call('finance', 'PATCH', `/items/invoices/${invoice.id}`, { reason: '改' });
		expect([patched.status, errorCode(patched)]).toEqual([409, 'DOCUMENT_LOCKED']);
		expect(patched.errors?.[0]?.message).toContain(`${invoice.number} is archived (original kept at 财务档案柜 F-2)`);

		const receipt = await ok<any>('finance', 'POST', '/items/receipts', {
			customer: invoice.customer,
			amount: '50.00',
			received_on: AT.slice(0, 10),
			method: '银行转账',
		});
		await ok('finance', 'PATCH', `/items/receipts/${receipt.id}`, { status: 'confirmed' });
		const paid = await call('finance', 'POST', `/reconciliation/receipts/${receipt.id}/allocate`, {
			allocations: [{ invoice: invoice.id, amount: '50.00' }],
		});
		expect(paid.status, JSON.stringify(paid.errors)).toBe(200);
		const after = await asFiled('invoices', invoice.id);
		expect([Number(after.paid_amount).toFixed(2), after.payment_status, after.archive_location]).toEqual([
			'50.00',
			'partially_paid',
			'财务档案柜 F-2',
		]);
	});
});
