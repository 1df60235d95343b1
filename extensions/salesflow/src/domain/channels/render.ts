// One notification, rendered as the JSON body each channel expects: a WeCom (企业微信) markdown
// message, a DingTalk (钉钉) markdown message, a Feishu (飞书) interactive card (消息卡片) or, for a
// plain webhook, the message with the raw event payload. The message's title and lines are plain
// zh-CN text: they are escaped for each markdown dialect, never interpreted.
import { z } from 'zod';
import { invalid } from '../errors';
import { CHANNEL_EVENTS, type ChannelKind, channelKind, parseHttpUrl } from './channel';
import { type MarkdownDialect, markdownHref, markdownText, singleLine, truncateUtf8, utf8Bytes } from './markdown';

export type ChannelMessage = {
	event: string;
	title: string;
	/** zh-CN plain text, one entry per line. */
	lines: string[];
	/** The document's number (单号), e.g. HT-2026-0001. */
	number?: string;
	/** Absolute URL of the item in the data app. */
	link?: string;
};

export type WecomBody = { msgtype: 'markdown'; markdown: { content: string } };
export type DingtalkBody = { msgtype: 'markdown'; markdown: { title: string; text: string } };
type PlainText = { tag: 'plain_text'; content: string };
type FeishuElement =
	| { tag: 'markdown'; content: string }
	| { tag: 'action'; actions: Array<{ tag: 'button'; text: PlainText; type: 'primary'; url: string }> };
export type FeishuBody = { msg_type: 'interactive'; card: { header: { title: PlainText }; elements: FeishuElement[] } };
export type WebhookBody = { event: string; message: ChannelMessage; payload: unknown };
export type ChannelBody = WecomBody | DingtalkBody | FeishuBody | WebhookBody;

/** WeCom refuses markdown content over 4096 bytes of UTF-8. */
export const WECOM_CONTENT_MAX_BYTES = 4096;

const LINK_TEXT = '查看详情';

const zLine = z.string({ error: 'must be text' });
const zChannelMessage = z.object(
	{
		event: z.enum(CHANNEL_EVENTS, { error: (issue) => `must be one of ${CHANNEL_EVENTS.join(', ')}, got ${JSON.stringify(issue.input)}` }),
		title: zLine.refine((title) => singleLine(title) !== '', 'must not be empty'),
		lines: z.array(zLine, { error: 'must be a list of text lines' }),
		number: zLine.nullish(),
		link: zLine.nullish(),
	},
	{ error: 'must be a message { event, title, lines, number?, link? }' },
);

type CheckedMessage = { message: ChannelMessage; link?: URL };

function checkMessage(msg: ChannelMessage): CheckedMessage {
	const parsed = zChannelMessage.safeParse(msg);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = ['message', ...issue.path].join('.');
		throw invalid(field, `${field}: ${issue.message}`);
	}
	const { number, link, ...rest } = parsed.data;
	const message: ChannelMessage = { ...rest, ...(number ? { number } : {}), ...(link ? { link } : {}) };
	return { message, ...(link ? { link: parseHttpUrl(link, 'message.link') } : {}) };
}

/** The body lines as escaped markdown: the number first, then the message's own lines. */
const bodyLines = (dialect: MarkdownDialect, { number, lines }: ChannelMessage) =>
	[...(number ? [`单号：${number}`] : []), ...lines].map((line) => markdownText(dialect, line));

const markdownLink = (link: URL | undefined) => (link ? `[${LINK_TEXT}](${markdownHref(link)})` : '');

/**
 * The lines that fit `maxBytes` joined by newlines: whole lines while they fit, then the first one
 * that does not, cut with …, and nothing after it (a half line mid-list would read as a whole one).
 */
function fitLines(lines: string[], maxBytes: number): string[] {
	const kept: string[] = [];
	let used = 0;
	for (const line of lines) {
		const separator = kept.length ? 1 : 0;
		const fitted = truncateUtf8(line, maxBytes - used - separator);
		if (!fitted && line) break;
		kept.push(fitted);
		used += separator + utf8Bytes(fitted);
		if (fitted !== line) break;
	}
	return kept;
}

function wecomBody({ message, link }: CheckedMessage): WecomBody {
	const linkLine = link ? `\n${markdownLink(link)}` : '';
	const bold = (text: string) => `**${text}**`;
	// The link and the bold markers are kept whole; the text gives way, the body before the title.
	const room = WECOM_CONTENT_MAX_BYTES - utf8Bytes(linkLine) - utf8Bytes(bold(''));
	const [title = '', ...body] = fitLines([markdownText('wecom', message.title), ...bodyLines('wecom', message)], room);
	return { msgtype: 'markdown', markdown: { content: [bold(title), ...body].join('\n') + linkLine } };
}

function dingtalkBody({ message, link }: CheckedMessage): DingtalkBody {
	// A line break needs two trailing spaces in DingTalk markdown; blank lines separate the blocks.
	const text = [`#### ${markdownText('dingtalk', message.title)}`, bodyLines('dingtalk', message).join('  \n'), markdownLink(link)]
		.filter(Boolean)
		.join('\n\n');
	// The title is what the chat list and the push notification show: plain text.
	return { msgtype: 'markdown', markdown: { title: singleLine(message.title), text } };
}

function feishuBody({ message, link }: CheckedMessage): FeishuBody {
	const body = bodyLines('feishu', message).join('\n');
	const elements: FeishuElement[] = [];
	if (body) elements.push({ tag: 'markdown', content: body });
	if (link) {
		elements.push({
			tag: 'action',
			actions: [{ tag: 'button', text: { tag: 'plain_text', content: LINK_TEXT }, type: 'primary', url: link.href }],
		});
	}
	return {
		msg_type: 'interactive',
		card: { header: { title: { tag: 'plain_text', content: singleLine(message.title) } }, elements },
	};
}

const RENDERERS: Record<ChannelKind, (checked: CheckedMessage, payload: unknown) => ChannelBody> = {
	wecom: wecomBody,
	dingtalk: dingtalkBody,
	feishu: feishuBody,
	webhook: ({ message }, payload) => ({ event: message.event, message, payload }),
};

/**
 * The JSON body to post to a channel of `kind` for `msg`; `payload` is the raw event payload, sent
 * only to plain webhooks. A bad kind or message is 400 INVALID_PAYLOAD naming the field.
 */
export function renderBody(kind: ChannelKind, msg: ChannelMessage, payload: unknown): ChannelBody {
	return RENDERERS[channelKind(kind)](checkMessage(msg), payload);
}
