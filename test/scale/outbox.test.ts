// The outbox across two Directus replicas on one PostgreSQL database: the outbox job fires every
// second, the receiver is slow so one tick is still posting when the next starts (on either replica),
// and still each message reaches the receiver exactly once (issue #21).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { knexConfig } from '../../scripts/lib/env';
import { env, ok } from '../integration/helpers';

const N = 60;
/** Per post: 60 posts take ~12 s, so ticks of both replicas overlap. */
const RECEIVER_DELAY_MS = 200;

let db: Knex;
let server: Server;
let base = '';
const received: string[] = [];

beforeAll(async () => {
	db = knex(knexConfig(env()) as Knex.Config);
	server = createServer((req, res) => {
		let text = '';
		req.on('data', (d) => (text += d));
		req.on('end', () => {
			received.push(JSON.parse(text).payload.subject);
			setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), RECEIVER_DELAY_MS);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await db?.destroy();
	await new Promise<void>((r) => server.close(() => r()));
});

describe('outbox on two replicas', () => {
	it(`${N} messages, each delivered exactly once`, { timeout: 240_000 }, async () => {
		expect(inject('directusUrls')).toHaveLength(2);
		const channel = await ok<any>('admin', 'POST', '/items/notification_channels', {
			name: '双副本测试',
			kind: 'webhook',
			url: `${base}/hook`,
			events: ['salesflow.notification'],
		});
		const subjects = Array.from({ length: N }, (_, i) => `scale-outbox-${i}`);
		const at = new Date();
		await db('outbox_messages').insert(
			subjects.map((subject) => ({
				channel: channel.id,
				event: 'salesflow.notification',
				payload: JSON.stringify({ subject, message: null }),
				status: 'pending',
				attempts: 0,
				next_attempt_at: at,
				date_created: at,
			})),
		);
		const t0 = Date.now();
		for (;;) {
			const pending = await db('outbox_messages').where({ channel: channel.id }).whereNot({ status: 'sent' }).count({ n: '*' });
			if (Number(pending[0]!.n) === 0 || Date.now() - t0 > 180_000) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		// A few more ticks of both replicas: nothing is posted twice.
		await new Promise((r) => setTimeout(r, 3000));
		expect([...received].sort()).toEqual([...subjects].sort());
		const rows = await db('outbox_messages').where({ channel: channel.id }).select('status', 'attempts');
		expect(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1)).toBe(true);
		// Several ticks ran while the posts were under way (each claims only messages no other tick holds), none failed.
		const runs = await db('job_runs').where({ job: 'outbox' }).where('started_at', '>=', at).select('tick', 'error');
		expect(runs.length).toBeGreaterThanOrEqual(2);
		expect(runs.filter((r) => r.error)).toEqual([]);
		await ok('admin', 'PATCH', `/items/notification_channels/${channel.id}`, { active: false });
	});
});
