import { defineOperationApp } from '@directus/extensions-sdk';

export default defineOperationApp({
	id: 'salesflow-notify',
	name: '发送到通知渠道 / Notify a channel',
	icon: 'forum',
	description: '经发件箱发送消息到企业微信、钉钉、飞书或 Webhook / Posts a message to a notification channel through the outbox',
	overview: ({ channel, subject }) => [
		{ label: '渠道 / Channel', text: String(channel ?? '') },
		{ label: '标题 / Subject', text: String(subject ?? '') },
	],
	options: [
		{ field: 'channel', name: '渠道 ID / Channel id', type: 'string', meta: { width: 'half', interface: 'input' } },
		{ field: 'subject', name: '标题 / Subject', type: 'string', meta: { width: 'half', interface: 'input' } },
		{ field: 'message', name: '内容 / Message', type: 'text', meta: { width: 'full', interface: 'input-multiline' } },
	],
});
