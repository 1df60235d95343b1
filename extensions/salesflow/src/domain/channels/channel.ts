// Notification channels (通知渠道): where Salesflow posts its events — a WeCom (企业微信) group bot, a
// DingTalk (钉钉) custom robot, a Feishu (飞书) custom bot or a plain webhook — and which events each
// one receives. checkChannel validates an admin's channel record before it is stored.
import { z } from 'zod';
import { invalid } from '../errors';

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * The in-app notifications (platform/notify.ts) a channel may also receive, one event each. Approval
 * requests and decisions are not here: their notices go out as salesflow.approval.requested/decided.
 */
export const NOTICE_EVENTS = [
	'salesflow.notice.order_confirmed',
	'salesflow.notice.order_late',
	'salesflow.notice.approval_overdue',
	'salesflow.notice.approval_escalated',
	'salesflow.notice.quote_expired',
	'salesflow.notice.rectification_required',
	'salesflow.notice.complaint_received',
	'salesflow.notice.complaint_escalated',
	'salesflow.notice.work_report_due',
	'salesflow.notice.work_report_submitted',
	'salesflow.notice.work_report_reviewed',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

export const CHANNEL_EVENTS = [
	'salesflow.transition',
	'salesflow.approval.requested',
	'salesflow.approval.decided',
	'salesflow.notification',
	...NOTICE_EVENTS,
] as const;
export type ChannelEvent = (typeof CHANNEL_EVENTS)[number];

/** Once 加签 / 签名校验 is switched on, these bots refuse unsigned posts: the secret is required. */
const SIGNED_KINDS: readonly ChannelKind[] = ['dingtalk', 'feishu'];

const NAME_MAX = 100;
const URL_MAX = 2000;
const SECRET_MAX = 200;

const oneOf = (values: readonly string[]) => values.join(', ');
const zKind = z.enum(CHANNEL_KINDS);

/** The channel kind, or 400 naming `kind`. */
export function channelKind(kind: unknown): ChannelKind {
	const parsed = zKind.safeParse(kind);
	if (!parsed.success) throw invalid('kind', `kind must be one of ${oneOf(CHANNEL_KINDS)}, got ${JSON.stringify(kind)}`);
	return parsed.data;
}

/**
 * An absolute http: or https: URL, or 400 naming `field`. Any host is allowed, loopback and private
 * addresses included: channels may point at an on-premise gateway.
 */
export function parseHttpUrl(value: string, field: string): URL {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalid(field, `${field} must be an absolute http: or https: URL, got ${JSON.stringify(value)}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw invalid(field, `${field} must use http: or https:, got ${url.protocol} in ${JSON.stringify(value)}`);
	}
	if (url.href.length > URL_MAX) throw invalid(field, `${field} must be at most ${URL_MAX} characters, got ${url.href.length}`);
	return url;
}

export type ChannelRecord = {
	name: string;
	kind: ChannelKind;
	url: string;
	secret: string | null;
	events: ChannelEvent[];
	active: boolean;
};
type Field = keyof ChannelRecord;
export type ChannelInput = { [F in Field]?: unknown };

const zText = z.string({ error: 'must be text' });
const zName = zText.trim().superRefine((name, ctx) => {
	const length = [...name].length;
	if (length < 1 || length > NAME_MAX) ctx.addIssue({ code: 'custom', message: `must be 1–${NAME_MAX} characters, got ${length}` });
});
// Blank means "no secret": the admin form sends '' for an emptied field.
const zSecret = zText
	.trim()
	.max(SECRET_MAX, `must be at most ${SECRET_MAX} characters`)
	.nullable()
	.transform((secret) => secret || null);
const zEvents = z
	.array(zText, { error: 'must be a list of event names' })
	.superRefine((events, ctx) => {
		if (!events.length) ctx.addIssue({ code: 'custom', message: `choose at least one of ${oneOf(CHANNEL_EVENTS)}` });
		const unknown = events.find((e) => !(CHANNEL_EVENTS as readonly string[]).includes(e));
		if (unknown !== undefined) {
			ctx.addIssue({ code: 'custom', message: `unknown event ${JSON.stringify(unknown)} (known: ${oneOf(CHANNEL_EVENTS)})` });
		}
	})
	// Stored once each, in the catalogue's order, so equal subscriptions compare equal.
	.transform((events) => CHANNEL_EVENTS.filter((e) => events.includes(e)));
const zActive = z.boolean({ error: 'must be true or false' });

/** `value` through `schema`, or 400 naming `field`; a secret is never echoed back in the message. */
function viaZod<T>(field: Field, schema: z.ZodType<T>, value: unknown): T {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const got = field === 'secret' ? '' : `, got ${JSON.stringify(value)}`;
	throw invalid(field, `${field}: ${parsed.error.issues[0]!.message}${got}`);
}

const parsers: { [F in Field]: (value: unknown) => ChannelRecord[F] } = {
	name: (value) => viaZod('name', zName, value),
	kind: channelKind,
	url: (value) => parseHttpUrl(viaZod('url', zText.trim(), value), 'url').href,
	secret: (value) => viaZod('secret', zSecret, value),
	events: (value) => viaZod('events', zEvents, value),
	active: (value) => viaZod('active', zActive, value),
};
const FIELDS = Object.keys(parsers) as Field[];
const REQUIRED_ON_CREATE: Field[] = ['name', 'kind', 'url', 'events'];

function checkSecretFits(kind: ChannelKind, secret: string | null): void {
	if (SIGNED_KINDS.includes(kind) && !secret) {
		throw invalid('secret', `secret is required for ${kind}: copy it from the bot's security settings (加签 / 签名校验)`);
	}
	if (kind === 'wecom' && secret) throw invalid('secret', 'wecom group bots do not sign requests: leave secret empty');
}

/**
 * A channel as it will be stored: trimmed, url normalised, events de-duplicated in catalogue order.
 * Creating needs name, kind, url and events (secret defaults to none, active to true) and returns
 * the whole record. Updating checks only the fields present and returns just those; pass the
 * stored row as `current` so changing the kind or clearing the secret is checked against the other.
 * Refusals are 400 INVALID_PAYLOAD naming the field.
 */
export function checkChannel(input: ChannelInput, opts: { creating: true }): ChannelRecord;
export function checkChannel(
	input: ChannelInput,
	opts: { creating: boolean; current?: Pick<ChannelRecord, 'kind' | 'secret'> },
): Partial<ChannelRecord>;
export function checkChannel(
	input: ChannelInput,
	opts: { creating: boolean; current?: Pick<ChannelRecord, 'kind' | 'secret'> },
): Partial<ChannelRecord> {
	const given = (field: Field) => input[field] !== undefined;
	if (opts.creating) {
		const missing = REQUIRED_ON_CREATE.find((field) => !given(field));
		if (missing) throw invalid(missing, `${missing} is required`);
	}
	const out: Record<string, unknown> = opts.creating ? { secret: null, active: true } : {};
	for (const field of FIELDS) if (given(field)) out[field] = parsers[field](input[field]);
	const record = out as Partial<ChannelRecord>;

	const kind = record.kind ?? opts.current?.kind;
	const secret = opts.creating || given('secret') ? record.secret : opts.current?.secret;
	if (kind && secret !== undefined) checkSecretFits(kind, secret);
	return record;
}
