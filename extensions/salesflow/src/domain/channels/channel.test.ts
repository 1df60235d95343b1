import { describe, expect, it } from 'vitest';
import { CHANNEL_EVENTS, CHANNEL_KINDS, type ChannelInput, channelKind, checkChannel, NOTICE_EVENTS, parseHttpUrl } from './channel';

const refused = (field: string) => expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field } });

const dingtalk: ChannelInput = {
	name: '销售群',
	kind: 'dingtalk',
	url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
	secret: 'SECabc',
	events: ['salesflow.transition'],
};

describe('catalogues', () => {
	it('lists the four kinds, the four events and the notices', () => {
		expect(CHANNEL_KINDS).toEqual(['wecom', 'dingtalk', 'feishu', 'webhook']);
		expect(CHANNEL_EVENTS).toEqual([
			'salesflow.transition',
			'salesflow.approval.requested',
			'salesflow.approval.decided',
			'salesflow.notification',
			...NOTICE_EVENTS,
		]);
		expect(NOTICE_EVENTS.every((e) => e.startsWith('salesflow.notice.'))).toBe(true);
	});

	it.each(CHANNEL_KINDS)('channelKind accepts %s', (kind) => {
		expect(channelKind(kind)).toBe(kind);
	});

	it.each([['slack'], ['WeCom'], [' wecom'], [''], [null], [3]])('channelKind refuses %j naming kind', (kind) => {
		expect(() => channelKind(kind)).toThrow(refused('kind'));
	});
});

describe('parseHttpUrl', () => {
	it.each([
		['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'],
		['http://127.0.0.1:8080/hook', 'http://127.0.0.1:8080/hook'], // loopback: an on-premise gateway
		['http://10.0.0.5/hook', 'http://10.0.0.5/hook'], // private address
		['http://[::1]:9000/x', 'http://[::1]:9000/x'],
		['HTTPS://Gateway.Local', 'https://gateway.local/'],
	])('accepts %s', (url, href) => {
		expect(parseHttpUrl(url, 'url').href).toBe(href);
	});

	it.each([['ftp://example.com/x'], ['javascript:alert(1)'], ['file:///etc/passwd'], ['example.com/hook'], ['/relative'], ['']])(
		'refuses %j naming the field',
		(url) => {
			expect(() => parseHttpUrl(url, 'url')).toThrow(refused('url'));
		},
	);

	it('refuses a URL longer than 2000 characters, saying how long', () => {
		expect(() => parseHttpUrl(`https://a.example/${'x'.repeat(2000)}`, 'link')).toThrow(/link must be at most 2000 characters, got 2018/);
	});
});

describe('checkChannel: creating', () => {
	it('normalises a full record: trimmed, url normalised, active by default', () => {
		expect(
			checkChannel(
				{ ...dingtalk, name: '  销售群 ', url: ' https://OAPI.dingtalk.com/robot/send?access_token=abc123 ', secret: ' SECabc ' },
				{ creating: true },
			),
		).toEqual({
			name: '销售群',
			kind: 'dingtalk',
			url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123',
			secret: 'SECabc',
			events: ['salesflow.transition'],
			active: true,
		});
	});

	it('keeps events once each, in catalogue order', () => {
		const events = ['salesflow.notification', 'salesflow.transition', 'salesflow.notification'];
		expect(checkChannel({ ...dingtalk, events }, { creating: true }).events).toEqual(['salesflow.transition', 'salesflow.notification']);
	});

	it.each([
		['wecom', undefined, null],
		['wecom', '', null],
		['webhook', undefined, null],
		['webhook', null, null],
		['webhook', 'hook-secret', 'hook-secret'],
		['dingtalk', 'SECx', 'SECx'],
		['feishu', 'fs-secret', 'fs-secret'],
	])('%s with secret %j stores %j', (kind, secret, stored) => {
		expect(checkChannel({ ...dingtalk, kind, secret }, { creating: true }).secret).toBe(stored);
	});

	it('keeps active when given', () => {
		expect(checkChannel({ ...dingtalk, active: false }, { creating: true }).active).toBe(false);
	});

	it('ignores fields that are not part of a channel', () => {
		const record = checkChannel({ ...dingtalk, id: 7 } as ChannelInput, { creating: true });
		expect(Object.keys(record).sort()).toEqual(['active', 'events', 'kind', 'name', 'secret', 'url']);
	});

	it.each([
		[{ name: undefined }, 'name', /name is required/],
		[{ kind: undefined }, 'kind', /kind is required/],
		[{ url: undefined }, 'url', /url is required/],
		[{ events: undefined }, 'events', /events is required/],
		[{ name: '   ' }, 'name', /name: must be 1–100 characters, got 0/],
		[{ name: '客'.repeat(101) }, 'name', /name: must be 1–100 characters, got 101/],
		[{ name: 42 }, 'name', /name: must be text, got 42/],
		[{ kind: 'slack' }, 'kind', /kind must be one of wecom, dingtalk, feishu, webhook, got "slack"/],
		[{ url: 'ftp://files.example.com' }, 'url', /url must use http: or https:, got ftp:/],
		[{ url: 'not a url' }, 'url', /url must be an absolute http: or https: URL, got "not a url"/],
		[{ url: 12 }, 'url', /url: must be text, got 12/],
		[{ events: [] }, 'events', /events: choose at least one of salesflow.transition/],
		[{ events: ['salesflow.transition', 'salesflow.order.created'] }, 'events', /unknown event "salesflow.order.created"/],
		[{ events: 'salesflow.transition' }, 'events', /events: must be a list of event names/],
		[{ events: [7] }, 'events', /events: must be text/],
		[{ active: 'yes' }, 'active', /active: must be true or false, got "yes"/],
		[{ active: null }, 'active', /active: must be true or false/],
		[{ secret: undefined }, 'secret', /secret is required for dingtalk/],
		[{ secret: '  ' }, 'secret', /secret is required for dingtalk/],
		[{ kind: 'feishu', secret: null }, 'secret', /secret is required for feishu/],
		[{ kind: 'wecom' }, 'secret', /wecom group bots do not sign requests/],
		[{ secret: 'S'.repeat(201) }, 'secret', /secret: must be at most 200 characters$/],
	])('refuses %j naming %s', (change, field, message) => {
		const attempt = () => checkChannel({ ...dingtalk, ...change }, { creating: true });
		expect(attempt).toThrow(refused(field));
		expect(attempt).toThrow(message);
	});

	it('never echoes a secret back in a refusal', () => {
		const secret = `SEC${'z'.repeat(200)}`;
		const attempt = () => checkChannel({ ...dingtalk, secret }, { creating: true });
		expect(attempt).toThrow('secret: must be at most 200 characters');
		expect(attempt).not.toThrow('zzz');
	});

	it('counts characters, not UTF-16 units: 100 emoji fit', () => {
		expect(checkChannel({ ...dingtalk, name: '😀'.repeat(100) }, { creating: true }).name).toHaveLength(200);
	});
});

describe('checkChannel: updating', () => {
	const current = { kind: 'dingtalk' as const, secret: 'SECold' };

	it('checks and returns only the fields given', () => {
		expect(checkChannel({ name: ' 新名字 ' }, { creating: false, current })).toEqual({ name: '新名字' });
		expect(checkChannel({ active: false, events: ['salesflow.approval.decided'] }, { creating: false })).toEqual({
			active: false,
			events: ['salesflow.approval.decided'],
		});
		expect(checkChannel({}, { creating: false, current })).toEqual({});
	});

	it('clears a secret given as empty', () => {
		expect(checkChannel({ secret: '' }, { creating: false, current: { kind: 'webhook', secret: 'x' } })).toEqual({ secret: null });
	});

	it.each([
		[{ name: null }, 'name'],
		[{ url: null }, 'url'],
		[{ events: [] }, 'events'],
		[{ kind: null }, 'kind'],
	])('refuses %j naming %s', (patch, field) => {
		expect(() => checkChannel(patch, { creating: false, current })).toThrow(refused(field));
	});

	it.each([
		['clearing the secret of a signed bot', { secret: null }, current],
		['switching to a signed kind that has no secret yet', { kind: 'feishu' }, { kind: 'webhook' as const, secret: null }],
		['switching to wecom while a secret is stored', { kind: 'wecom' }, current],
		['adding a secret to a wecom bot', { secret: 'SECx' }, { kind: 'wecom' as const, secret: null }],
	])('checks the secret against the stored kind: refuses %s', (_, patch, stored) => {
		expect(() => checkChannel(patch, { creating: false, current: stored })).toThrow(refused('secret'));
	});

	it.each([
		['switching kind with a new secret', { kind: 'feishu', secret: 'fs' }, current, { kind: 'feishu', secret: 'fs' }],
		['switching to wecom and clearing the secret', { kind: 'wecom', secret: '' }, current, { kind: 'wecom', secret: null }],
		['a new secret for the same bot', { secret: 'SECnew' }, current, { secret: 'SECnew' }],
	])('accepts %s', (_, patch, stored, out) => {
		expect(checkChannel(patch, { creating: false, current: stored })).toEqual(out);
	});

	it('without the stored row, checks what the patch itself shows', () => {
		expect(() => checkChannel({ kind: 'dingtalk', secret: '' }, { creating: false })).toThrow(refused('secret'));
		expect(checkChannel({ kind: 'dingtalk' }, { creating: false })).toEqual({ kind: 'dingtalk' });
	});
});
