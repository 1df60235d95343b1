import { describe, expect, it } from 'vitest';
import { CHANNEL_EVENTS, type ChannelKind } from './channel';
import { utf8Bytes } from './markdown';
import { type ChannelMessage, renderBody, WECOM_CONTENT_MAX_BYTES, type WecomBody } from './render';

const link = 'https://sales.example.com/admin/content/contracts/12';
const message: ChannelMessage = {
	event: 'salesflow.approval.requested',
	title: '合同待审批',
	number: 'HT-2026-001',
	lines: ['客户：*A&B_<Co>*', '金额：12,345.60 元'],
	link,
};
const payload = { collection: 'contracts', keys: [12], from: 'draft', to: 'pending' };

const refused = (field: string) => expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field } });
const wecomContent = (msg: ChannelMessage) => (renderBody('wecom', msg, null) as WecomBody).markdown.content;

describe('renderBody', () => {
	it('wecom: a markdown message, bold title, escaped lines, link last', () => {
		expect(renderBody('wecom', message, payload)).toEqual({
			msgtype: 'markdown',
			markdown: {
				content: `**合同待审批**\n单号：HT-2026-001\n客户：＊A&B＿＜Co＞＊\n金额：12,345.60 元\n[查看详情](${link})`,
			},
		});
	});

	it('dingtalk: a markdown message with a plain title for the chat list', () => {
		expect(renderBody('dingtalk', { ...message, title: '*A&B_<Co>* 待审批' }, payload)).toEqual({
			msgtype: 'markdown',
			markdown: {
				title: '*A&B_<Co>* 待审批',
				text: `#### ＊A&B＿＜Co＞＊ 待审批\n\n单号：HT-2026-001  \n客户：＊A&B＿＜Co＞＊  \n金额：12,345.60 元\n\n[查看详情](${link})`,
			},
		});
	});

	it('feishu: an interactive card, plain-text header, markdown element and a button to the link', () => {
		expect(renderBody('feishu', { ...message, title: '*A&B_<Co>* 待审批' }, payload)).toEqual({
			msg_type: 'interactive',
			card: {
				header: { title: { tag: 'plain_text', content: '*A&B_<Co>* 待审批' } },
				elements: [
					{ tag: 'markdown', content: '单号：HT&#45;2026&#45;001\n客户：&#42;A&#38;B&#95;&#60;Co&#62;&#42;\n金额：12,345.60 元' },
					{ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '查看详情' }, type: 'primary', url: link }] },
				],
			},
		});
	});

	it('webhook: the event, the message as given and the raw payload', () => {
		const body = renderBody('webhook', message, payload);
		expect(body).toEqual({ event: 'salesflow.approval.requested', message, payload });
		expect((body as { payload: unknown }).payload).toBe(payload);
	});

	it('webhook: the message without empty optional fields or stray keys', () => {
		const loose = { event: 'salesflow.notification', title: '提醒', lines: [], number: null, link: '', extra: 1 };
		expect(renderBody('webhook', loose as unknown as ChannelMessage, undefined)).toEqual({
			event: 'salesflow.notification',
			message: { event: 'salesflow.notification', title: '提醒', lines: [] },
			payload: undefined,
		});
	});

	describe('without number or link', () => {
		const bare: ChannelMessage = { event: 'salesflow.notification', title: '日报提醒', lines: ['请提交今日日报'] };

		it.each([
			['wecom', { msgtype: 'markdown', markdown: { content: '**日报提醒**\n请提交今日日报' } }],
			['dingtalk', { msgtype: 'markdown', markdown: { title: '日报提醒', text: '#### 日报提醒\n\n请提交今日日报' } }],
			[
				'feishu',
				{
					msg_type: 'interactive',
					card: {
						header: { title: { tag: 'plain_text', content: '日报提醒' } },
						elements: [{ tag: 'markdown', content: '请提交今日日报' }],
					},
				},
			],
		] as const)('%s', (kind, body) => {
			expect(renderBody(kind, bare, null)).toEqual(body);
		});

		it('feishu: a title-only message is a header-only card', () => {
			expect(renderBody('feishu', { ...bare, lines: [] }, null)).toEqual({
				msg_type: 'interactive',
				card: { header: { title: { tag: 'plain_text', content: '日报提醒' } }, elements: [] },
			});
		});

		it('dingtalk: a title-only message is just the heading', () => {
			expect(renderBody('dingtalk', { ...bare, lines: [] }, null)).toEqual({
				msgtype: 'markdown',
				markdown: { title: '日报提醒', text: '#### 日报提醒' },
			});
		});
	});

	it.each(['wecom', 'dingtalk'] as const)('%s: a link with parentheses or spaces cannot end early', (kind) => {
		const body = JSON.stringify(renderBody(kind, { ...message, link: 'https://app.example/items/(1) x' }, null));
		expect(body).toContain('[查看详情](https://app.example/items/%281%29%20x)');
	});

	it('a title over several lines stays one line', () => {
		expect(wecomContent({ ...message, title: '标题\n# 伪造', lines: [], number: undefined, link: undefined })).toBe('**标题 # 伪造**');
	});

	describe('wecom: content within 4096 bytes', () => {
		const href = `[查看详情](${link})`;

		it('leaves content of exactly 4096 bytes whole', () => {
			const fixed = utf8Bytes(`**T**\n\n${href}`);
			const line = 'x'.repeat(WECOM_CONTENT_MAX_BYTES - fixed);
			const content = wecomContent({ ...message, title: 'T', number: undefined, lines: [line] });
			expect(content).toBe(`**T**\n${line}\n${href}`);
			expect(utf8Bytes(content)).toBe(WECOM_CONTENT_MAX_BYTES);
		});

		it('cuts one byte more with …, keeping the link', () => {
			const fixed = utf8Bytes(`**T**\n\n${href}`);
			const line = 'x'.repeat(WECOM_CONTENT_MAX_BYTES - fixed + 1);
			const content = wecomContent({ ...message, title: 'T', number: undefined, lines: [line] });
			expect(content).toBe(`**T**\n${'x'.repeat(line.length - 4)}…\n${href}`);
			expect(utf8Bytes(content)).toBe(WECOM_CONTENT_MAX_BYTES);
		});

		it('keeps whole lines while they fit, cuts the next between characters and drops the rest', () => {
			const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}行：${'长'.repeat(40)}`);
			const content = wecomContent({ ...message, lines });
			expect(utf8Bytes(content)).toBeLessThanOrEqual(WECOM_CONTENT_MAX_BYTES);
			const kept = content.split('\n');
			expect(kept[0]).toBe('**合同待审批**');
			expect(kept[1]).toBe('单号：HT-2026-001');
			expect(kept.at(-1)).toBe(href);
			const body = kept.slice(2, -1);
			expect(body.slice(0, -1)).toEqual(lines.slice(0, body.length - 1));
			const cut = body.at(-1)!;
			expect(cut.endsWith('…')).toBe(true);
			expect(lines[body.length - 1]!.startsWith(cut.slice(0, -1))).toBe(true);
			expect(content).not.toContain('\uFFFD');
		});

		it('cuts an over-long title inside its bold markers and keeps the link', () => {
			const content = wecomContent({ ...message, title: '题'.repeat(2000) });
			expect(utf8Bytes(content)).toBeLessThanOrEqual(WECOM_CONTENT_MAX_BYTES);
			expect(content).toMatch(/^\*\*题+…\*\*\n\[查看详情\]/);
			expect(content.endsWith(href)).toBe(true);
		});

		it('cuts escaped text between escapes', () => {
			const content = wecomContent({ ...message, link: undefined, number: undefined, lines: ['*'.repeat(3000)] });
			expect(utf8Bytes(content)).toBeLessThanOrEqual(WECOM_CONTENT_MAX_BYTES);
			expect(content).toMatch(/^\*\*合同待审批\*\*\n＊+…$/);
		});
	});

	it('names the unknown event', () => {
		expect(() => renderBody('wecom', { ...message, event: 'salesflow.order.created' }, null)).toThrow(
			`message.event: must be one of ${CHANNEL_EVENTS.join(', ')}, got "salesflow.order.created"`,
		);
	});

	it.each([
		['kind', 'slack', message],
		['message', 'wecom', null],
		['message.event', 'wecom', { ...message, event: 'salesflow.order.created' }],
		['message.title', 'dingtalk', { ...message, title: ' \n ' }],
		['message.title', 'feishu', { ...message, title: 7 }],
		['message.lines', 'wecom', { ...message, lines: '一行' }],
		['message.lines.1', 'wecom', { ...message, lines: ['一', 2] }],
		['message.number', 'wecom', { ...message, number: 12 }],
		['message.link', 'wecom', { ...message, link: '/admin/content/contracts/12' }],
		['message.link', 'feishu', { ...message, link: 'javascript:alert(1)' }],
		['message.link', 'webhook', { ...message, link: 'ftp://files.example.com/a' }],
	])('refuses with %s named (%s)', (field, kind, msg) => {
		expect(() => renderBody(kind as ChannelKind, msg as ChannelMessage, null)).toThrow(refused(field));
	});
});
