// Chat channels through the transactional outbox (issue #21): a committed move posts once to each
// subscribed channel, signed as its platform asks; a failing receiver is retried until it takes the
// message, exactly once; a message left pending (a crash between commit and post) is sent later; a
// refused move posts nothing; a bad channel is refused naming the field. The receiver is a local
// HTTP server (node:http on a random 127.0.0.1 port).
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, errorCode, ok } from './helpers';
import { confirmedOrder, customerOf, quote, stockedProduct, submit } from './fixtures';
import { webhookFlow } from './flows';

type Received = { url: string; headers: Record<string, string | string[] | undefined>; text: string; body: any };

/** A receiver that answers each post with `answer(n)` (n counts from 1) and keeps what it got. */
let server: Server;
let base = '';
const received = new Map<string, Received[]>();
const answers = new Map<string, (n: number) => { status: number; body: unknown }>();

beforeAll(async () => {
	server = createServer((req, res) => {
		let text = '';
		req.on('data', (d) => (text += d));
		req.on('end', () => {
			const path = new URL(req.url!, 'http://x').pathname;
			const list = received.get(path) ?? [];
			list.push({ url: req.url!, headers: req.headers, text, body: JSON.parse(text) });
			received.set(path, list);
			const { status, body } = answers.get(path)?.(list.length) ?? { status: 200, body: { errcode: 0, errmsg: 'ok' } };
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A channel on its own receiver path, subscribed to moves (or `events`); switched off by `done`. */
async function channel(kind: string, path: string, secret: string | null, events = ['salesflow.transition']) {
	const c = await ok<any>('admin', 'POST', '/items/notification_channels', {
		name: `测试 ${path}`,
		kind,
		url: `${base}${path}?access_token=abc`,
		secret,
		events,
	});
	return { ...c, done: () => ok('admin', 'PATCH', `/items/notification_channels/${c.id}`, { active: false }) };
}

/** The posts at `path` about one document, waiting for at least `n` of them (the job runs every second). */
async function postsAbout(path: string, number: string, n: number, timeoutMs = 45_000): Promise<Received[]> {
	const t0 = Date.now();
	for (;;) {
		const mine = (received.get(path) ?? []).filter((r) => r.text.includes(number));
		if (mine.length >= n || Date.now() - t0 > timeoutMs) return mine;
		await new Promise((r) => setTimeout(r, 200));
	}
}

const messagesOf = (channelId: number) => ok<any[]>('admin', 'GET', `/items/outbox_messages?filter[channel][_eq]=${channelId}&sort=id`);

const newQuote = () => quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }]);

describe('notification channels', () => {
	it('a webhook gets each committed move once, signed; a refused move posts nothing', async () => {
		const c = await channel('webhook', '/hook', 'hook-secret');
		const q = await newQuote();
		expect((await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'accepted' })).status).toBeGreaterThanOrEqual(400);
		await submit('sales_rep', 'quotes', q.id);
		const [post, ...more] = await postsAbout('/hook', q.number, 1);
		expect(more).toEqual([]);
		expect(post!.body).toMatchObject({
			event: 'salesflow.transition',
			payload: { collection: 'quotes', id: q.id, number: q.number, from: 'draft', to: 'pending_approval' },
			message: { number: q.number, link: expect.stringContaining(`/admin/content/quotes/${q.id}`) },
		});
		expect(post!.headers['x-salesflow-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(post!.text).digest('hex')}`);
		// Still once a moment later (no second replica tick, no retry of a sent message).
		await new Promise((r) => setTimeout(r, 2500));
		expect(await postsAbout('/hook', q.number, 1)).toHaveLength(1);
		const rows = await messagesOf(c.id);
		expect(rows.map((m) => [m.event, m.status, m.attempts])).toEqual([['salesflow.transition', 'sent', 1]]);
		await c.done();
	});

	it('DingTalk posts carry timestamp and sign in the URL, which verify with the secret', async () => {
		const c = await channel('dingtalk', '/ding', 'SEC-ding');
		const q = await newQuote();
		await submit('sales_rep', 'quotes', q.id);
		const [post] = await postsAbout('/ding', q.number, 1);
		const query = new URL(post!.url, base).searchParams;
		expect(query.get('access_token')).toBe('abc');
		const timestamp = query.get('timestamp')!;
		expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(60_000);
		expect(query.get('sign')).toBe(createHmac('sha256', 'SEC-ding').update(`${timestamp}\nSEC-ding`).digest('base64'));
		expect(post!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: `单据状态变更：${q.number}` } });
		expect(post!.body.markdown.text).toContain(q.number);
		await c.done();
	});

	it('a receiver failing three times then accepting gets the message exactly once', async () => {
		answers.set('/flaky', (n) => (n <= 3 ? { status: 503, body: { errcode: -1 } } : { status: 200, body: { errcode: 0, errmsg: 'ok' } }));
		const c = await channel('wecom', '/flaky', null);
		const q = await newQuote();
		await submit('sales_rep', 'quotes', q.id);
		// Backoff 1 s, 2 s, 4 s (SALESFLOW_OUTBOX_RETRY_MS=1000 in the tests).
		const posts = await postsAbout('/flaky', q.number, 4, 90_000);
		expect(posts).toHaveLength(4);
		await new Promise((r) => setTimeout(r, 2500));
		expect(await postsAbout('/flaky', q.number, 4)).toHaveLength(4);
		const [row] = await messagesOf(c.id);
		expect([row.status, row.attempts, row.last_error]).toEqual(['sent', 4, null]);
		await c.done();
	}, 150_000);

	it('a message left pending (a crash between commit and post) is sent afterwards; a refused one is marked failed', async () => {
		answers.set('/bad', () => ({ status: 200, body: { errcode: 310000, errmsg: 'keywords not in content' } }));
		const good = await channel('webhook', '/later', null);
		const bad = await channel('dingtalk', '/bad', 'SEC-bad');
		const payload = { collection: 'quotes', id: 999999, number: 'QT-LEFT-PENDING', from: 'draft', to: 'submitted', user: null };
		for (const c of [good, bad]) {
			await ok('admin', 'POST', '/items/outbox_messages', {
				channel: c.id,
				event: 'salesflow.transition',
				payload,
				status: 'pending',
				attempts: 0,
				next_attempt_at: new Date(Date.now() - 1000).toISOString(),
			});
		}
		expect(await postsAbout('/later', 'QT-LEFT-PENDING', 1)).toHaveLength(1);
		await postsAbout('/bad', 'QT-LEFT-PENDING', 1);
		await new Promise((r) => setTimeout(r, 1500));
		const [failed] = await messagesOf(bad.id);
		expect([failed.status, failed.attempts]).toEqual(['failed', 1]);
		expect(failed.last_error).toContain('310000');
		expect(failed.last_error).not.toContain('SEC-bad');
		await good.done();
		await bad.done();
	});

	it('in-app notices go to the channels subscribed to their event, once, in zh-CN with the number and a link', async () => {
		const orders = await channel('wecom', '/orders', null, ['salesflow.notice.order_confirmed']);
		const complaints = await channel('webhook', '/complaints', null, ['salesflow.notice.complaint_received']);
		const { product } = await stockedProduct(10);
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }]);
		const [post, ...more] = await postsAbout('/orders', o.number, 1);
		expect(more).toEqual([]);
		const content: string = post!.body.markdown.content;
		expect(content).toContain('订单执行通知');
		expect(content).toContain(o.number);
		expect(content).toContain(`/admin/content/sales_orders/${o.id}`);
		const k = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: (await customerOf('sales_rep')).id,
			description: '包装破损',
			category: 'quality',
		});
		const [c] = await postsAbout('/complaints', k.number, 1);
		expect(c!.body).toMatchObject({
			event: 'salesflow.notice.complaint_received',
			payload: { collection: 'complaints', id: k.id, number: k.number },
			message: { number: k.number, link: expect.stringContaining(`/admin/content/complaints/${k.id}`) },
		});
		expect(c!.body.message.title).toContain('客户投诉');
		// Each channel only its own event: one message each, however many people were told in the app.
		expect((await messagesOf(orders.id)).map((m) => m.event)).toEqual(['salesflow.notice.order_confirmed']);
		expect((await messagesOf(complaints.id)).map((m) => m.event)).toEqual(['salesflow.notice.complaint_received']);
		await orders.done();
		await complaints.done();
	});

	it('a Flow with salesflow-notify posts its message to the chosen channel through the outbox; an unknown channel queues nothing', async () => {
		answers.set('/flow-notify', () => ({ status: 200, body: { code: 0, msg: 'success' } }));
		const c = await channel('feishu', '/flow-notify', 'SEC-flow', ['salesflow.notification']);
		const flow = await webhookFlow('test: notify', 'salesflow-notify', {
			channel: '{{$trigger.body.channel}}',
			subject: '{{$trigger.body.subject}}',
			message: '请跟进 {{$trigger.body.number}}',
		});
		try {
			const queued = await flow.run('admin', { channel: c.id, subject: '大客户来访 FLOW-NOTIFY-1', number: '订单42' });
			expect(queued).toEqual({ status: 200, body: { channel: c.id, queued: true } });
			const [post, ...more] = await postsAbout('/flow-notify', 'FLOW-NOTIFY-1', 1);
			expect(more).toEqual([]);
			expect(post!.body.card.header.title.content).toBe('大客户来访 FLOW-NOTIFY-1');
			expect(post!.text).toContain('请跟进 订单42');
			const timestamp = post!.body.timestamp;
			expect(post!.body.sign).toBe(createHmac('sha256', `${timestamp}\nSEC-flow`).update('').digest('base64'));
			const before = await count('outbox_messages');
			expect((await flow.run('admin', { channel: 999999, subject: 'x' })).status).toBeGreaterThanOrEqual(400);
			expect(await count('outbox_messages')).toBe(before);
			expect((await messagesOf(c.id)).map((m) => [m.event, m.status])).toEqual([['salesflow.notification', 'sent']]);
		} finally {
			await flow.remove();
			await c.done();
		}
	});

	it('bad channels are refused naming the field, nothing written; staff see no channel, no secret is returned', async () => {
		const before = await count('notification_channels');
		const valid = { name: '销售群', kind: 'feishu', url: `${base}/f`, secret: 's', events: ['salesflow.transition'] };
		for (const [patch, field] of [
			[{ url: 'ftp://example.com/bot' }, 'url'],
			[{ kind: 'slack' }, 'kind'],
			[{ events: ['salesflow.unknown'] }, 'events'],
			[{ secret: null }, 'secret'],
		] as const) {
			const r = await call('admin', 'POST', '/items/notification_channels', { ...valid, ...patch });
			expect([r.status, errorCode(r), r.errors?.[0]?.extensions?.field]).toEqual([400, 'INVALID_PAYLOAD', field]);
		}
		expect(await count('notification_channels')).toBe(before);
		const created = await ok<any>('admin', 'POST', '/items/notification_channels', { ...valid, active: false });
		expect(created.secret).not.toBe('s');
		expect((await call('sales_rep', 'GET', '/items/notification_channels')).status).toBe(403);
		expect((await call('sales_manager', 'GET', '/items/outbox_messages')).status).toBe(403);
		// Clearing the secret of a signed kind is refused too.
		const cleared = await call('admin', 'PATCH', `/items/notification_channels/${created.id}`, { secret: '' });
		expect([cleared.status, cleared.errors?.[0]?.extensions?.field]).toEqual([400, 'secret']);
	});
});
