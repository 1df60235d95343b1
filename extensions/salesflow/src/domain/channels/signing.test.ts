import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkUrl, feishuSign, signFeishuBody, webhookSignature } from './signing';

/** HMAC-SHA256 by the RFC 2104 construction on plain SHA-256: independent of node's createHmac. */
function referenceHmac(key: string | Buffer, message: string | Buffer): Buffer {
	const block = 64;
	let k = Buffer.from(key);
	if (k.length > block) k = createHash('sha256').update(k).digest();
	k = Buffer.concat([k, Buffer.alloc(block - k.length)]);
	const pad = (byte: number) => Buffer.from(k.map((b) => b ^ byte));
	const inner = createHash('sha256').update(pad(0x36)).update(message).digest();
	return createHash('sha256').update(pad(0x5c)).update(inner).digest();
}

const refused = (field: string) => expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field } });
const signParam = (url: string) => /[?&]sign=([^&#]*)/.exec(url)![1]!;

describe('the reference HMAC', () => {
	it.each([
		// RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first).
		[Buffer.alloc(20, 0x0b), 'Hi There', 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
		['Jefe', 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
		[
			Buffer.alloc(131, 0xaa),
			'Test Using Larger Than Block-Size Key - Hash Key First',
			'60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
		],
	])('matches RFC 4231 (%#)', (key, message, hex) => {
		expect(referenceHmac(key, message).toString('hex')).toBe(hex);
	});

	it("reproduces DingTalk's published HMAC-SHA256 → base64 → urlencode sample (appSecret testappSecret)", () => {
		const sign = referenceHmac('testappSecret', '1546084445901').toString('base64');
		expect(encodeURIComponent(sign)).toBe('HCbG3xNE3vzhO%2Bu7qCUL1jS5hsu2n5r2cFhnTrtyDAE%3D');
	});
});

describe('dingtalkUrl', () => {
	const robot = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';

	// Expected signs computed separately with Python's hmac/base64/urllib.parse.quote_plus.
	it.each([
		[1700000000000, 'SECthis-is-a-test-secret', 'IRZT287QybIa2F%2FxrEkTcyuBS3Hp0ycAceupV5IhA5s%3D'],
		[1546084445901, 'this is secret', 'iZUamRUhDrNjadIMypR3HzMCRArfP4PWgn33Azh7zVk%3D'],
		[1735660800123, 'SEC密钥+/=', 'Bj5%2Fa0xQOYEMaJyRcOc6E3sl%2F8JQ8wpIW0KAywA3kEQ%3D'],
		[1767225600002, 'SECdemo', '7S2B6anEbesJRnqrOPWV390Na2F8fSO%2B%2F0OyfDVstJ0%3D'],
	])('at %i with %j signs %s', (timestampMs, secret, sign) => {
		expect(dingtalkUrl(robot, secret, timestampMs)).toBe(`${robot}&timestamp=${timestampMs}&sign=${sign}`);
	});

	it.each([
		[1700000000000, 'SECa'],
		[1800000000999, 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd'],
		[1234567890123, 'ключ 🔑'],
	])('agrees with the reference HMAC at %i', (timestampMs, secret) => {
		const expected = referenceHmac(secret, `${timestampMs}\n${secret}`).toString('base64');
		expect(decodeURIComponent(signParam(dingtalkUrl(robot, secret, timestampMs)))).toBe(expected);
	});

	it.each([
		[
			'keeps the access token and other parameters as written',
			`${robot}&x=1%202&y=`,
			`${robot}&x=1%202&y=&timestamp=1700000000000&sign=`,
			'',
		],
		['replaces an earlier timestamp and sign', `${robot}&timestamp=1&sign=old`, `${robot}&timestamp=1700000000000&sign=`, ''],
		[
			'keeps a parameter that only starts like sign',
			`${robot}&signature=keep`,
			`${robot}&signature=keep&timestamp=1700000000000&sign=`,
			'',
		],
		['starts a query when there is none', 'http://10.1.2.3:8080/ding', 'http://10.1.2.3:8080/ding?timestamp=1700000000000&sign=', ''],
		['keeps the fragment last', `${robot}#top`, `${robot}&timestamp=1700000000000&sign=`, '#top'],
	])('%s', (_, url, prefix, fragment) => {
		const signed = dingtalkUrl(url, 'SECx', 1_700_000_000_000);
		const expected = referenceHmac('SECx', '1700000000000\nSECx').toString('base64');
		expect(signed).toBe(`${prefix}${encodeURIComponent(expected)}${fragment}`);
	});

	it.each([
		['secret', robot, '', 1_700_000_000_000],
		['timestamp_ms', robot, 'SECx', 1_700_000_000], // seconds, not milliseconds
		['timestamp_ms', robot, 'SECx', 1_700_000_000_000.5],
		['timestamp_ms', robot, 'SECx', -1],
		['timestamp_ms', robot, 'SECx', Number.NaN],
		['url', 'ftp://oapi.dingtalk.com/robot/send', 'SECx', 1_700_000_000_000],
		['url', 'oapi.dingtalk.com/robot/send', 'SECx', 1_700_000_000_000],
	])('refuses, naming %s', (field, url, secret, timestampMs) => {
		expect(() => dingtalkUrl(url, secret, timestampMs)).toThrow(refused(field));
	});
});

describe('feishuSign', () => {
	// Expected signs computed separately with Python: hmac.new(f"{ts}\n{secret}".encode(), b"", sha256).
	it.each([
		[1599360473, 'demo-secret', '3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s='],
		[1700000000, 'SECfeishu', 'T8PVsiE1HpAJWexa3tsPCf4uGJILpRXgMBTql5lUpP0='],
		[1735660800, '飞书密钥', 'fH1A386P6LryRhn7qp4bXCUSyCRTqi8STfaM/Ww2T1g='],
		[1767225600, 'SECdemo', 'qcErL3q+dg7UYG+sIOzhK77jFmspEgBx9WHXK/idXqw='],
	])('at %i with %j signs %s', (timestampSec, secret, sign) => {
		expect(feishuSign(secret, timestampSec)).toBe(sign);
	});

	it.each([
		[1, 'a'],
		[1700000123, 'x'.repeat(100)],
		[99999999999, 'ключ 🔑'],
	])('agrees with the reference HMAC at %i (key = timestamp + "\\n" + secret, empty message)', (timestampSec, secret) => {
		expect(feishuSign(secret, timestampSec)).toBe(referenceHmac(`${timestampSec}\n${secret}`, '').toString('base64'));
	});

	it.each([
		['secret', '', 1_700_000_000],
		['timestamp_sec', 's', 1_700_000_000_000], // milliseconds, not seconds
		['timestamp_sec', 's', 0],
		['timestamp_sec', 's', 1.5],
	])('refuses, naming %s', (field, secret, timestampSec) => {
		expect(() => feishuSign(secret, timestampSec)).toThrow(refused(field));
	});
});

describe('signFeishuBody', () => {
	it('adds timestamp as a string of seconds and the sign, keeping the body', () => {
		const body = { msg_type: 'interactive', card: { elements: [] } };
		expect(signFeishuBody(body, 'demo-secret', 1599360473)).toEqual({
			msg_type: 'interactive',
			card: { elements: [] },
			timestamp: '1599360473',
			sign: '3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=',
		});
	});

	it('leaves the body it was given unchanged', () => {
		const body = { msg_type: 'text' };
		signFeishuBody(body, 'demo-secret', 1599360473);
		expect(body).toEqual({ msg_type: 'text' });
	});

	it('refuses a missing secret', () => {
		expect(() => signFeishuBody({}, '', 1599360473)).toThrow(refused('secret'));
	});
});

describe('webhookSignature', () => {
	it.each([
		// GitHub's published webhook-validation example (X-Hub-Signature-256 uses the same scheme).
		["It's a Secret to Everybody", 'Hello, World!', '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
		// RFC 4231 test case 2.
		['Jefe', 'what do ya want for nothing?', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
		// UTF-8 body and secret, computed separately with Python.
		['秘密', '{"event":"salesflow.transition","客户":"*A&B_<Co>*"}', '265c9ca0999abec3823ae3be3b72c9a7453c2d93aab13bdb1ff10ac812a306eb'],
	])('%j over %j', (secret, body, hex) => {
		expect(webhookSignature(secret, body)).toBe(`sha256=${hex}`);
	});

	it('signs the bytes: a Uint8Array body gives the same header as its string', () => {
		const body = '{"event":"salesflow.notification","title":"日报提醒"}';
		expect(webhookSignature('s', new TextEncoder().encode(body))).toBe(webhookSignature('s', body));
	});

	it.each([
		['k', ''],
		['hook-secret', JSON.stringify({ event: 'salesflow.approval.decided', payload: { id: 9 } })],
	])('agrees with the reference HMAC (%j)', (secret, body) => {
		expect(webhookSignature(secret, body)).toBe(`sha256=${referenceHmac(secret, body).toString('hex')}`);
	});

	it('refuses a missing secret', () => {
		expect(() => webhookSignature('', '{}')).toThrow(refused('secret'));
	});
});
