// The bundle's Flow operations salesflow-approve and salesflow-print in Flows made through the API
// (issue #21), and their permissions option: the trigger's user or a chosen role, with every rule and
// that user's or role's permissions — never full access (nobody signed in, or a role that may not,
// is refused and nothing changes).
import { describe, expect, it } from 'vitest';
import { roleId } from '../../extensions/salesflow/src/domain/ids';
import { quote, requestOf, submit } from './fixtures';
import { webhookFlow } from './flows';
import { ok, tokenFor, url } from './helpers';

const newQuote = () => quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);
const statusOf = async (collection: string, id: number) => (await ok<any>('admin', 'GET', `/items/${collection}/${id}`)).status;

describe('salesflow-approve', () => {
	it("decides as the trigger's user; the requester, a role that may not approve and nobody signed in are refused", async () => {
		const options = { request: '{{$trigger.body.request}}', decision: '{{$trigger.body.decision}}', comment: '{{$trigger.body.comment}}' };
		const asTrigger = await webhookFlow('test: approve as trigger', 'salesflow-approve', { ...options, permissions: '$trigger' });
		const asWarehouse = await webhookFlow('test: approve as warehouse', 'salesflow-approve', {
			...options,
			permissions: roleId('warehouse'),
		});
		try {
			const q = await newQuote();
			await submit('sales_rep', 'quotes', q.id);
			const req = await requestOf('quotes', q.id);
			const body = { request: req.id, decision: 'approve', comment: '同意' };
			// The manager approves, but this flow runs as the warehouse role: refused.
			expect((await asWarehouse.run('sales_manager', body)).status).toBeGreaterThanOrEqual(400);
			// The requester may not approve their own quote; nobody signed in may not either.
			expect((await asTrigger.run('sales_rep', body)).status).toBeGreaterThanOrEqual(400);
			expect((await asTrigger.run(null, body)).status).toBeGreaterThanOrEqual(400);
			expect([await statusOf('quotes', q.id), (await requestOf('quotes', q.id)).status]).toEqual(['pending_approval', 'pending']);

			const done = await asTrigger.run('sales_manager', body);
			expect(done).toEqual({ status: 200, body: { request: req.id, status: 'approved' } });
			expect(await statusOf('quotes', q.id)).toBe('approved');
			// A bad decision is named.
			const bad = await asTrigger.run('sales_manager', { ...body, decision: 'maybe' });
			expect(bad.status).toBeGreaterThanOrEqual(400);
		} finally {
			await asTrigger.remove();
			await asWarehouse.remove();
		}
	});

	it('a chosen role that does not exist is refused, not run with full access', async () => {
		const flow = await webhookFlow('test: approve as unknown role', 'salesflow-approve', {
			request: '{{$trigger.body.request}}',
			decision: 'approve',
			permissions: '00000000-0000-4000-8000-000000000000',
		});
		try {
			const q = await newQuote();
			await submit('sales_rep', 'quotes', q.id);
			const req = await requestOf('quotes', q.id);
			expect((await flow.run('admin', { request: req.id })).status).toBeGreaterThanOrEqual(400);
			expect((await requestOf('quotes', q.id)).status).toBe('pending');
		} finally {
			await flow.remove();
		}
	});
});

describe('salesflow-print', () => {
	it("stores the document's PDF in Files (in the chosen folder) and returns the file id; only what the user may read prints", async () => {
		const folder = await ok<any>('admin', 'POST', '/folders', { name: '打印单据 test' });
		const flow = await webhookFlow('test: print', 'salesflow-print', {
			collection: 'quotes',
			key: '{{$trigger.body.id}}',
			folder: folder.id,
			permissions: '$trigger',
		});
		try {
			const q = await newQuote();
			const before = (await ok<any[]>('admin', 'GET', `/files?filter[folder][_eq]=${folder.id}`)).length;
			// Another rep may not read this quote, nobody signed in neither: no file.
			expect((await flow.run('sales_rep_2', { id: q.id })).status).toBeGreaterThanOrEqual(400);
			expect((await flow.run(null, { id: q.id })).status).toBeGreaterThanOrEqual(400);
			expect(await ok<any[]>('admin', 'GET', `/files?filter[folder][_eq]=${folder.id}`)).toHaveLength(before);

			const printed = await flow.run('sales_rep', { id: q.id });
			expect(printed).toEqual({ status: 200, body: { file: expect.any(String), collection: 'quotes', id: q.id, number: q.number } });
			const file = await ok<any>('admin', 'GET', `/files/${printed.body.file}`);
			expect(file).toMatchObject({ folder: folder.id, type: 'application/pdf', filename_download: `${q.number}.pdf` });
			const asset = await fetch(`${url()}/assets/${file.id}`, { headers: { authorization: `Bearer ${await tokenFor('admin')}` } });
			const bytes = Buffer.from(await asset.arrayBuffer());
			expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			expect(Number(file.filesize)).toBe(bytes.length);
		} finally {
			await flow.remove();
		}
	});

	it('refuses a collection that does not print and a folder that does not exist', async () => {
		const q = await newQuote();
		for (const options of [
			{ collection: 'customers', key: String(q.id) },
			{ collection: 'quotes', key: String(q.id), folder: '00000000-0000-4000-8000-000000000000' },
		]) {
			const flow = await webhookFlow('test: print refused', 'salesflow-print', { ...options, permissions: '$trigger' });
			try {
				const r = await flow.run('sales_rep', {});
				expect(r.status).toBeGreaterThanOrEqual(400);
			} finally {
				await flow.remove();
			}
		}
	});
});
