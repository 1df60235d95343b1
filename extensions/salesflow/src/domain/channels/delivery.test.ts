import { describe, expect, it } from 'vitest';
import type { ChannelKind } from './channel';
import { interpretResponse, MAX_ATTEMPTS, nextAttemptAt } from './delivery';

const now = new Date('2026-03-02T08:00:00.000Z');
const after = (ms: number) => new Date(now.getTime() + ms).toISOString();
const refused = (field: string) => expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field } });

describe('nextAttemptAt', () => {
	it('gives up after 8 attempts', () => {
		expect(MAX_ATTEMPTS).toBe(8);
	});

	it.each([
		[0, 0],
		[1, 5_000],
		[2, 10_000],
		[3, 20_000],
		[4, 40_000],
		[7, 320_000],
		[8, 640_000],
		[10, 2_560_000],
		[11, 3_600_000], // 5 120 000 capped at an hour
		[12, 3_600_000],
		[2000, 3_600_000], // 2 ** 1999 is Infinity: still the cap
	])('after %i failed attempts waits %i ms', (attempts, delay) => {
		expect(nextAttemptAt(attempts, now).toISOString()).toBe(after(delay));
	});

	it.each([
		[1, { baseMs: 1000 }, 1000],
		[3, { baseMs: 1000 }, 4000],
		[3, { baseMs: 1000, maxMs: 3000 }, 3000],
		[5, { maxMs: 60_000 }, 60_000],
		[1, { baseMs: 7000, maxMs: 7000 }, 7000],
	])('after %i with %j waits %i ms', (attempts, opts, delay) => {
		expect(nextAttemptAt(attempts, now, opts).toISOString()).toBe(after(delay));
	});

	it('does not change the now it was given', () => {
		const at = new Date(now);
		nextAttemptAt(3, at);
		expect(at.getTime()).toBe(now.getTime());
	});

	it.each([
		['attempts', -1, now, {}],
		['attempts', 1.5, now, {}],
		['attempts', Number.NaN, now, {}],
		['now', 1, new Date('not a date'), {}],
		['base_ms', 1, now, { baseMs: 0 }],
		['base_ms', 1, now, { baseMs: 2.5 }],
		['max_ms', 1, now, { baseMs: 5000, maxMs: 4999 }],
		['max_ms', 1, now, { maxMs: Number.POSITIVE_INFINITY }],
	])('refuses, naming %s', (field, attempts, at, opts) => {
		expect(() => nextAttemptAt(attempts, at, opts)).toThrow(refused(field));
	});
});

describe('interpretResponse', () => {
	const json = (body: unknown) => JSON.stringify(body);

	it.each([
		// WeCom
		['wecom', 200, json({ errcode: 0, errmsg: 'ok' }), { outcome: 'sent' }],
		[
			'wecom',
			200,
			json({ errcode: 45009, errmsg: 'api freq out of limit' }),
			{ outcome: 'retry', error: 'wecom HTTP 200 code 45009: api freq out of limit' },
		],
		['wecom', 200, json({ errcode: -1, errmsg: 'system busy' }), { outcome: 'retry', error: 'wecom HTTP 200 code -1: system busy' }],
		[
			'wecom',
			200,
			json({ errcode: 93000, errmsg: 'invalid webhook url' }),
			{ outcome: 'failed', error: 'wecom HTTP 200 code 93000: invalid webhook url' },
		],
		[
			'wecom',
			200,
			json({ errcode: 40058, errmsg: 'markdown.content exceed max length 4096' }),
			{ outcome: 'failed', error: 'wecom HTTP 200 code 40058: markdown.content exceed max length 4096' },
		],
		['wecom', 502, '<html>Bad Gateway</html>', { outcome: 'retry', error: 'wecom HTTP 502: <html>Bad Gateway</html>' }],
		['wecom', 429, '', { outcome: 'retry', error: 'wecom HTTP 429: (empty body)' }],
		['wecom', 404, 'Not Found', { outcome: 'failed', error: 'wecom HTTP 404: Not Found (not a wecom reply)' }],
		// DingTalk
		['dingtalk', 200, json({ errcode: 0, errmsg: 'ok' }), { outcome: 'sent' }],
		[
			'dingtalk',
			200,
			json({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' }),
			{ outcome: 'retry', error: 'dingtalk HTTP 200 code 130101: send too fast, exceed 20 times per minute' },
		],
		[
			'dingtalk',
			200,
			json({ errcode: 310000, errmsg: 'keywords not in content' }),
			{ outcome: 'failed', error: 'dingtalk HTTP 200 code 310000: keywords not in content' },
		],
		[
			'dingtalk',
			200,
			json({ errcode: 310000, errmsg: 'sign not match' }),
			{ outcome: 'failed', error: 'dingtalk HTTP 200 code 310000: sign not match' },
		],
		[
			'dingtalk',
			200,
			json({ errcode: 300001, errmsg: 'token is not exist' }),
			{ outcome: 'failed', error: 'dingtalk HTTP 200 code 300001: token is not exist' },
		],
		['dingtalk', 503, json({ errcode: 0, errmsg: 'ok' }), { outcome: 'retry', error: 'dingtalk HTTP 503 code 0: ok' }],
		// Feishu
		['feishu', 200, json({ code: 0, msg: 'success', data: {} }), { outcome: 'sent' }],
		['feishu', 200, json({ StatusCode: 0, StatusMessage: 'success', Extra: null }), { outcome: 'sent' }],
		['feishu', 200, json({ StatusCode: 0, StatusMessage: 'success', code: 0, msg: 'success', data: {} }), { outcome: 'sent' }],
		[
			'feishu',
			200,
			json({ code: 11232, msg: 'frequency limited psm' }),
			{ outcome: 'retry', error: 'feishu HTTP 200 code 11232: frequency limited psm' },
		],
		[
			'feishu',
			400,
			json({ code: 9499, msg: 'too many request', data: {} }),
			{ outcome: 'retry', error: 'feishu HTTP 400 code 9499: too many request' },
		],
		[
			'feishu',
			200,
			json({ code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }),
			{ outcome: 'failed', error: 'feishu HTTP 200 code 19021: sign match fail or timestamp is not within one hour from current time' },
		],
		[
			'feishu',
			400,
			json({ code: 19024, msg: 'Key Words Not Found' }),
			{ outcome: 'failed', error: 'feishu HTTP 400 code 19024: Key Words Not Found' },
		],
		['feishu', 500, 'upstream error', { outcome: 'retry', error: 'feishu HTTP 500: upstream error' }],
		// Plain webhooks
		['webhook', 200, '', { outcome: 'sent' }],
		['webhook', 202, 'queued', { outcome: 'sent' }],
		['webhook', 204, '', { outcome: 'sent' }],
		['webhook', 408, '', { outcome: 'retry', error: 'webhook HTTP 408: (empty body)' }],
		['webhook', 429, 'slow down', { outcome: 'retry', error: 'webhook HTTP 429: slow down' }],
		['webhook', 500, 'oops', { outcome: 'retry', error: 'webhook HTTP 500: oops' }],
		['webhook', 599, '', { outcome: 'retry', error: 'webhook HTTP 599: (empty body)' }],
		['webhook', 400, '{"error":"bad signature"}', { outcome: 'failed', error: 'webhook HTTP 400: {"error":"bad signature"}' }],
		['webhook', 401, '', { outcome: 'failed', error: 'webhook HTTP 401: (empty body)' }],
		['webhook', 404, 'no such hook', { outcome: 'failed', error: 'webhook HTTP 404: no such hook' }],
		['webhook', 410, 'gone', { outcome: 'failed', error: 'webhook HTTP 410: gone' }],
		['webhook', 301, '', { outcome: 'failed', error: 'webhook HTTP 301: (empty body)' }],
	] as const)('%s HTTP %i %s', (kind, status, body, outcome) => {
		expect(interpretResponse(kind, status, body)).toEqual(outcome);
	});

	it.each([
		['wecom', 200, 'not json'],
		['wecom', 200, '"ok"'],
		['wecom', 200, 'null'],
		['dingtalk', 200, json({ ok: true })], // JSON, but no errcode
		['dingtalk', 200, json({ errcode: '0' })], // a code as text is not the platform's answer
		['feishu', 200, json({ errcode: 0 })], // WeCom's field name is not Feishu's
		['feishu', 200, ''],
	] as const)('%s HTTP %i with body %j is failed: no proof it was sent', (kind, status, body) => {
		expect(interpretResponse(kind, status, body)).toEqual(
			expect.objectContaining({ outcome: 'failed', error: expect.stringContaining('not a') }),
		);
	});

	it('quotes at most 200 characters of an unknown body, on one line', () => {
		const result = interpretResponse('webhook', 400, `line one\n${'x'.repeat(300)}`);
		expect(result).toEqual({ outcome: 'failed', error: `webhook HTTP 400: line one ${'x'.repeat(191)}…` });
	});

	it.each([
		['kind', 'slack', 200],
		['http_status', 'webhook', 99],
		['http_status', 'webhook', 600],
		['http_status', 'wecom', 200.5],
		['http_status', 'feishu', Number.NaN],
	])('refuses, naming %s', (field, kind, status) => {
		expect(() => interpretResponse(kind as ChannelKind, status, '')).toThrow(refused(field));
	});
});
