// Delivery through the transactional outbox (发件箱): when a failed post is tried again, and what a
// platform's answer means — sent, worth another try later, or failed for good (a wrong URL, secret
// or keyword that no retry will fix). Network errors never reach here: the caller retries them.
import { invalid } from '../errors';
import { type ChannelKind, channelKind } from './channel';

/** A message is given up after this many failed attempts. */
export const MAX_ATTEMPTS = 8;

/**
 * When to try again after `attempts` failed attempts: baseMs, then doubling (5 s, 10 s, 20 s, …)
 * up to maxMs. Zero failed attempts is `now`. No jitter, so the schedule is reproducible; the
 * rate limits (earliestSend) already spread a burst.
 */
export function nextAttemptAt(
	attempts: number,
	now: Date,
	{ baseMs = 5000, maxMs = 3_600_000 }: { baseMs?: number; maxMs?: number } = {},
): Date {
	if (!Number.isSafeInteger(attempts) || attempts < 0) throw invalid('attempts', `attempts must be a whole number ≥ 0, got ${attempts}`);
	if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw invalid('now', `now must be a valid Date, got ${String(now)}`);
	if (!Number.isSafeInteger(baseMs) || baseMs <= 0) throw invalid('base_ms', `base_ms must be a whole number > 0, got ${baseMs}`);
	if (!Number.isSafeInteger(maxMs) || maxMs < baseMs) {
		throw invalid('max_ms', `max_ms must be a whole number ≥ base_ms ${baseMs}, got ${maxMs}`);
	}
	// 2 ** (attempts − 1) overflows to Infinity long before attempts does: min() still gives maxMs.
	const delay = attempts === 0 ? 0 : Math.min(maxMs, baseMs * 2 ** (attempts - 1));
	return new Date(now.getTime() + delay);
}

export type DeliveryOutcome = { outcome: 'sent' } | { outcome: 'retry'; error: string } | { outcome: 'failed'; error: string };

type ChatKind = Exclude<ChannelKind, 'webhook'>;

/** How each platform words its answer: success is code 0 in HTTP 200. */
const REPLY_FIELDS: Record<ChatKind, Array<{ code: string; message: string }>> = {
	wecom: [{ code: 'errcode', message: 'errmsg' }],
	dingtalk: [{ code: 'errcode', message: 'errmsg' }],
	// Feishu answers { code, msg }; older bots { StatusCode, StatusMessage }.
	feishu: [
		{ code: 'code', message: 'msg' },
		{ code: 'StatusCode', message: 'StatusMessage' },
	],
};

/** Codes that mean "not now": the rate limits, and -1 "system busy, try again later" (系统繁忙). */
const TRY_AGAIN_CODES: Record<ChatKind, number[]> = {
	wecom: [45009, -1],
	dingtalk: [130101, -1],
	// Feishu's rate limit comes as 11232, or as 9499 "too many request" with HTTP 400.
	feishu: [11232, 9499],
};

type Reply = { code: number; message: string };

function platformReply(kind: ChatKind, bodyText: string): Reply | null {
	let body: unknown;
	try {
		body = JSON.parse(bodyText);
	} catch {
		return null;
	}
	if (!body || typeof body !== 'object') return null;
	const fields = body as Record<string, unknown>;
	for (const { code, message } of REPLY_FIELDS[kind]) {
		if (typeof fields[code] === 'number') return { code: fields[code], message: String(fields[message] ?? '') };
	}
	return null;
}

const SNIPPET_MAX = 200;
const snippet = (bodyText: string) => {
	const text = bodyText.replace(/\s+/g, ' ').trim();
	if (!text) return '(empty body)';
	return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX)}…` : text;
};

const isSuccess = (status: number) => status >= 200 && status < 300;
/** Timeouts, rate limiting and server trouble pass; anything else the receiver refused on purpose. */
const isTransient = (status: number) => status === 408 || status === 429 || status >= 500;

const retry = (error: string): DeliveryOutcome => ({ outcome: 'retry', error });
const failed = (error: string): DeliveryOutcome => ({ outcome: 'failed', error });

function chatOutcome(kind: ChatKind, status: number, bodyText: string): DeliveryOutcome {
	const reply = platformReply(kind, bodyText);
	const said = reply ? `${kind} HTTP ${status} code ${reply.code}: ${reply.message}` : `${kind} HTTP ${status}: ${snippet(bodyText)}`;
	// A rate-limit code wins over the HTTP status: Feishu's 9499 comes with 400.
	if (reply && TRY_AGAIN_CODES[kind].includes(reply.code)) return retry(said);
	if (isTransient(status)) return retry(said);
	if (reply?.code === 0 && isSuccess(status)) return { outcome: 'sent' };
	return failed(reply ? said : `${said} (not a ${kind} reply)`);
}

/**
 * What the answer to a post means. WeCom and DingTalk answer HTTP 200 with { errcode: 0 } and Feishu
 * with { code: 0 } (or StatusCode: 0); their rate-limit codes and any 408, 429 or 5xx are worth a
 * retry; any other code fails with the platform's message. A plain webhook is sent on 2xx, retried
 * on 408, 429 and 5xx and failed on anything else.
 */
export function interpretResponse(kind: ChannelKind, httpStatus: number, bodyText: string): DeliveryOutcome {
	const checked = channelKind(kind);
	if (!Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599) {
		throw invalid('http_status', `http_status must be an HTTP status 100–599, got ${httpStatus}`);
	}
	if (checked !== 'webhook') return chatOutcome(checked, httpStatus, bodyText);
	if (isSuccess(httpStatus)) return { outcome: 'sent' };
	const said = `webhook HTTP ${httpStatus}: ${snippet(bodyText)}`;
	return isTransient(httpStatus) ? retry(said) : failed(said);
}
