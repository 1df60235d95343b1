// The transactional outbox (发件箱): every committed event goes to the active channels subscribed to
// it as an `outbox_messages` row written in the transaction of the change — it exists exactly when
// the change does — and the outbox job posts it afterwards. The business write never waits for a
// chat platform: a post that fails is retried with the domain's backoff (domain/channels/delivery.ts),
// within the platform's rate limit (rate-limits.ts), and given up after MAX_ATTEMPTS with last_error.
// Several replicas may run the job: each message is claimed by a conditional update before it is
// posted, so one replica posts it. Secrets are used to sign and never logged or stored elsewhere.
import type { Knex } from 'knex';
import { type ChannelEvent, type ChannelKind, CHANNEL_EVENTS } from '../domain/channels/channel';
import { type DeliveryOutcome, interpretResponse, MAX_ATTEMPTS, nextAttemptAt } from '../domain/channels/delivery';
import { eventMessage } from '../domain/channels/event-message';
import { earliestSend } from '../domain/channels/rate-limits';
import { renderBody } from '../domain/channels/render';
import { dingtalkUrl, signFeishuBody, webhookSignature } from '../domain/channels/signing';
import type { Row } from './database';
import { itemLink } from './links';

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/** A message for `channel`, due at once. */
export const outboxRow = (channel: unknown, event: string, payload: unknown, at = new Date()): Row => ({
	channel,
	event,
	payload: JSON.stringify(payload),
	status: 'pending',
	attempts: 0,
	next_attempt_at: at,
	date_created: at,
});

/** Writes the outbox rows of a transaction's events (engine/status.ts onCommitting) or of a notice (notify.ts). */
export async function enqueueOutbox(trx: Knex, events: Array<{ name: ChannelEvent; payload: unknown }>): Promise<void> {
	const channels: Row[] = await trx('notification_channels').where({ active: true }).select('id', 'events');
	if (!channels.length) return;
	const at = new Date();
	const rows = events.flatMap((e) =>
		channels.filter((c) => (parseJson<string[]>(c.events) ?? []).includes(e.name)).map((c) => outboxRow(c.id, e.name, e.payload, at)),
	);
	if (rows.length) await trx('outbox_messages').insert(rows);
}

/** How long a claimed message is left to its replica before another may take it (a crash mid-post). */
const LEASE_MS = 60_000;
const POST_TIMEOUT_MS = 10_000;
/** Messages one tick takes on; the rest wait for the next tick. */
const BATCH = 50;
const RATE_WINDOW_MS = 60_000;

const due = (db: Knex, at: Date) => db('outbox_messages').where({ status: 'pending' }).where('next_attempt_at', '<=', at);

/** Whether any message is due (a tick with nothing to do leaves no job history). */
export async function outboxDue(db: Knex): Promise<boolean> {
	return Boolean(await due(db, new Date()).first('id'));
}

/** Posts the due messages; returns how many were sent. */
export async function deliverOutbox(db: Knex, post: typeof fetch = fetch): Promise<number> {
	const messages: Row[] = await due(db, new Date()).orderBy('id').limit(BATCH);
	const channels = new Map<unknown, Row>();
	let sent = 0;
	for (const m of messages) {
		if (!channels.has(m.channel)) channels.set(m.channel, await db('notification_channels').where({ id: m.channel }).first());
		const channel = channels.get(m.channel);
		const at = new Date();
		if (!channel?.active) {
			await db('outbox_messages').where({ id: m.id }).update({ status: 'failed', last_error: 'channel deleted or inactive' });
			continue;
		}
		// The platform's limit: wait for a free slot rather than be refused (not an attempt).
		const slot = earliestSend(channel.kind, await recentSends(db, channel.id, at), at);
		if (slot > at) {
			await db('outbox_messages').where({ id: m.id, status: 'pending' }).update({ next_attempt_at: slot });
			continue;
		}
		// Claim: only the replica whose update matched the message as it read it posts it.
		const claimed = await db('outbox_messages')
			.where({ id: m.id, status: 'pending', attempts: m.attempts })
			.where('next_attempt_at', '<=', at)
			.update({ next_attempt_at: new Date(at.getTime() + LEASE_MS) });
		if (!claimed) continue;
		const outcome = await postMessage(channel, m, post);
		const attempts = Number(m.attempts) + 1;
		if (outcome.outcome === 'sent') {
			await db('outbox_messages').where({ id: m.id }).update({ status: 'sent', attempts, sent_at: new Date(), last_error: null });
			sent++;
			continue;
		}
		const giveUp = outcome.outcome === 'failed' || attempts >= MAX_ATTEMPTS;
		await db('outbox_messages')
			.where({ id: m.id })
			.update({
				status: giveUp ? 'failed' : 'pending',
				attempts,
				last_error: outcome.error.slice(0, 2000),
				next_attempt_at: giveUp ? null : nextAttemptAt(attempts, new Date(), { baseMs: retryBaseMs() }),
			});
	}
	return sent;
}

/** SALESFLOW_OUTBOX_RETRY_MS: the first retry's delay (tests shorten it); then doubling. */
const retryBaseMs = () => Number(process.env.SALESFLOW_OUTBOX_RETRY_MS) || 5000;

async function recentSends(db: Knex, channel: unknown, at: Date): Promise<Date[]> {
	const rows: Row[] = await db('outbox_messages')
		.where({ channel, status: 'sent' })
		.where('sent_at', '>', new Date(at.getTime() - RATE_WINDOW_MS))
		.select('sent_at');
	return rows.map((r) => new Date(r.sent_at));
}

/** One post of `m` to its channel, signed as its kind requires; network errors are worth a retry. */
async function postMessage(channel: Row, m: Row, post: typeof fetch): Promise<DeliveryOutcome> {
	const kind = channel.kind as ChannelKind;
	const payload = parseJson<Row>(m.payload) ?? {};
	try {
		if (!(CHANNEL_EVENTS as readonly string[]).includes(m.event)) return { outcome: 'failed', error: `unknown event ${m.event}` };
		const link = payload.collection && payload.id !== undefined ? itemLink(payload.collection, payload.id) : undefined;
		let body: object = renderBody(kind, eventMessage(m.event, payload, link), payload);
		let url = channel.url as string;
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		const secret = channel.secret as string | null;
		if (kind === 'dingtalk' && secret) url = dingtalkUrl(url, secret, Date.now());
		if (kind === 'feishu' && secret) body = signFeishuBody(body, secret, Math.floor(Date.now() / 1000));
		const text = JSON.stringify(body);
		if (kind === 'webhook' && secret) headers['x-salesflow-signature'] = webhookSignature(secret, text);
		const res = await post(url, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(POST_TIMEOUT_MS) });
		return interpretResponse(kind, res.status, await res.text());
	} catch (e) {
		// Never the URL: a DingTalk URL carries its signature, a webhook's may carry a token.
		return { outcome: 'retry', error: `post failed: ${e instanceof Error ? e.message : String(e)}` };
	}
}
