import { CHANNEL_EVENTS, CHANNEL_KINDS } from '../../extensions/salesflow/src/domain/channels/channel';
import { bool, ch, choice, type CollectionDef, datetime, id, int, json, L, m2o, str, text } from '../model';

const KIND_LABELS: Record<(typeof CHANNEL_KINDS)[number], [string, string]> = {
	wecom: ['WeCom group bot', '企业微信群机器人'],
	dingtalk: ['DingTalk robot', '钉钉机器人'],
	feishu: ['Feishu bot', '飞书机器人'],
	webhook: ['Webhook', 'Webhook'],
};
const EVENT_LABELS: Record<(typeof CHANNEL_EVENTS)[number], [string, string]> = {
	'salesflow.transition': ['Document status moved', '单据状态变更'],
	'salesflow.approval.requested': ['Approval requested', '提交审批'],
	'salesflow.approval.decided': ['Approval decided', '审批结果'],
	'salesflow.notification': ['Notification', '系统通知'],
	'salesflow.notice.order_confirmed': ['Notice: order to execute', '通知：订单执行'],
	'salesflow.notice.order_late': ['Notice: order late', '通知：订单逾期未发货'],
	'salesflow.notice.approval_overdue': ['Notice: approval overdue', '通知：审批超时提醒'],
	'salesflow.notice.approval_escalated': ['Notice: approval escalated', '通知：审批超时上报'],
	'salesflow.notice.quote_expired': ['Notice: quote expired', '通知：报价已过期'],
	'salesflow.notice.rectification_required': ['Notice: rectification required', '通知：验收需整改'],
	'salesflow.notice.complaint_received': ['Notice: complaint', '通知：客户投诉'],
	'salesflow.notice.complaint_escalated': ['Notice: complaint escalated', '通知：投诉超时升级'],
	'salesflow.notice.work_report_due': ['Notice: work report due', '通知：工作报告提醒'],
	'salesflow.notice.work_report_submitted': ['Notice: work report submitted', '通知：工作报告已提交'],
	'salesflow.notice.work_report_reviewed': ['Notice: work report reviewed', '通知：工作报告已审阅'],
};

/**
 * Chat channels (通知渠道) Salesflow posts its events to: admin-only. The secret is concealed on
 * every read and writes keep no revisions, so it is neither returned nor recorded.
 */
export const notification_channels: CollectionDef = {
	collection: 'notification_channels',
	label: { en: ['Notification channel', 'Notification channels'], zh: ['通知渠道', '通知渠道'] },
	icon: 'forum',
	tracking: 'activity',
	note: L(
		'WeCom, DingTalk or Feishu bots and webhooks that receive the events they subscribe to.',
		'企业微信、钉钉、飞书机器人或 Webhook，接收所订阅的事件消息。',
	),
	template: '{{name}} · {{kind}}',
	fields: [
		id(),
		str('name', L('Name', '名称'), { required: true }),
		choice(
			'kind',
			L('Kind', '类型'),
			CHANNEL_KINDS.map((k) => ch(k, ...KIND_LABELS[k])),
			{ required: true },
		),
		str('url', L('URL', '地址'), {
			required: true,
			width: 'full',
			length: 2000,
			note: L(
				"The bot's webhook address (http or https; on-premise gateways allowed).",
				'机器人 Webhook 地址（http 或 https，可为内网网关）。',
			),
		}),
		str('secret', L('Secret', '签名密钥'), {
			special: ['conceal'],
			interface: 'input-hash',
			options: { masked: true },
			note: L(
				'DingTalk 加签 / Feishu 签名校验 secret (required for them); signs webhooks when set. Never shown again.',
				'钉钉加签、飞书签名校验密钥（二者必填）；填写后 Webhook 也会签名。保存后不再显示。',
			),
		}),
		json('events', L('Events', '订阅事件'), {
			interface: 'select-multiple-checkbox',
			options: { choices: CHANNEL_EVENTS.map((e) => ({ value: e, text: `${EVENT_LABELS[e][1]} / ${EVENT_LABELS[e][0]}` })) },
			required: true,
		}),
		bool('active', L('Active', '启用'), { default: true }),
	],
};

/**
 * The transactional outbox (发件箱): one row per event and channel, written in the transaction of the
 * change, sent by the outbox job with retries (platform/outbox.ts).
 */
export const outbox_messages: CollectionDef = {
	collection: 'outbox_messages',
	label: { en: ['Outbox message', 'Outbox'], zh: ['待发消息', '发件箱'] },
	icon: 'outbox',
	note: L(
		'Messages to the notification channels; set a failed one back to pending to send it again.',
		'发往通知渠道的消息；将失败的消息改回“待发送”即可重发。',
	),
	template: '{{event}} · {{status}}',
	fields: [
		id(),
		m2o('channel', L('Channel', '渠道'), 'notification_channels', { onDelete: 'CASCADE', template: '{{name}}', readonly: true }),
		str('event', L('Event', '事件'), { readonly: true }),
		json('payload', L('Payload', '内容'), { readonly: true }),
		choice(
			'status',
			L('Status', '状态'),
			[ch('pending', 'Pending', '待发送', '#F59E0B'), ch('sent', 'Sent', '已发送', '#10B981'), ch('failed', 'Failed', '失败', '#EF4444')],
			{ required: true, default: 'pending' },
		),
		int('attempts', L('Attempts', '尝试次数'), { readonly: true, default: 0 }),
		datetime('next_attempt_at', L('Next attempt', '下次尝试'), { index: true }),
		datetime('sent_at', L('Sent', '发送时间'), { readonly: true }),
		text('last_error', L('Last error', '最近错误'), { readonly: true }),
		datetime('date_created', L('Created', '创建时间'), { readonly: true, special: ['date-created'] }),
	],
	indexes: [{ columns: ['status', 'next_attempt_at'] }, { columns: ['channel', 'sent_at'] }],
};

export const integrations: CollectionDef[] = [notification_channels, outbox_messages];
