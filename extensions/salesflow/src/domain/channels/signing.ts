// Request signing, so a receiver can tell Salesflow's posts from anyone's who learned the URL:
// DingTalk 加签 (timestamp and sign in the URL), Feishu 签名校验 (timestamp and sign in the body) and
// our own X-Salesflow-Signature header for plain webhooks. Sign when sending, not when queueing:
// DingTalk and Feishu refuse a timestamp more than an hour away from their clock.
import { createHmac } from 'node:crypto';
import { invalid } from '../errors';
import { parseHttpUrl } from './channel';

const hmacSha256 = (key: string, message: string | Uint8Array) => createHmac('sha256', key).update(message);

function requireSecret(secret: string): void {
	if (typeof secret !== 'string' || secret === '') throw invalid('secret', 'secret is required to sign');
}

// 1e11 ms is March 1973 and 1e11 s the year 5138: a timestamp in the wrong unit is told apart.
const UNIT_BOUNDARY = 1e11;

function requireTimestamp(value: number, field: 'timestamp_ms' | 'timestamp_sec'): void {
	const inMs = field === 'timestamp_ms';
	const wrongUnit = inMs ? value < UNIT_BOUNDARY : value >= UNIT_BOUNDARY;
	if (!Number.isSafeInteger(value) || value <= 0 || wrongUnit) {
		throw invalid(field, `${field} must be a whole number of ${inMs ? 'milliseconds' : 'seconds'} since 1970, got ${value}`);
	}
}

const OWN_PARAMS = /^(?:timestamp|sign)(?:=|$)/;

/**
 * The DingTalk robot URL to post to: its own query (access_token and anything else) kept as is,
 * any earlier timestamp and sign replaced by `timestamp=<ms>&sign=<urlencoded base64 of
 * HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)>`.
 */
export function dingtalkUrl(url: string, secret: string, timestampMs: number): string {
	requireSecret(secret);
	requireTimestamp(timestampMs, 'timestamp_ms');
	const target = parseHttpUrl(url, 'url');
	const sign = hmacSha256(secret, `${timestampMs}\n${secret}`).digest('base64');
	const kept = target.search
		.slice(1)
		.split('&')
		.filter((param) => param && !OWN_PARAMS.test(param));
	target.search = [...kept, `timestamp=${timestampMs}`, `sign=${encodeURIComponent(sign)}`].join('&');
	return target.href;
}

/** Feishu's sign: base64 of HMAC-SHA256 keyed with timestamp + "\n" + secret over an empty message. */
export function feishuSign(secret: string, timestampSec: number): string {
	requireSecret(secret);
	requireTimestamp(timestampSec, 'timestamp_sec');
	return hmacSha256(`${timestampSec}\n${secret}`, '').digest('base64');
}

/** `body` with Feishu's `timestamp` (seconds, as a string) and `sign` added. */
export function signFeishuBody<T extends object>(body: T, secret: string, timestampSec: number): T & { timestamp: string; sign: string } {
	return { ...body, timestamp: String(timestampSec), sign: feishuSign(secret, timestampSec) };
}

/** The X-Salesflow-Signature header value for a webhook post: `sha256=` + hex HMAC-SHA256(secret, rawBody). */
export function webhookSignature(secret: string, rawBody: string | Uint8Array): string {
	requireSecret(secret);
	return `sha256=${hmacSha256(secret, rawBody).digest('hex')}`;
}
