// Notification channels (通知渠道, admin-only) and their outbox: a channel is checked before it is
// stored (domain/channels/channel.ts: http(s) URL, known kind and events, the secret its kind needs),
// and the outbox job posts the messages committed changes left (platform/outbox.ts).
import { type ChannelInput, type ChannelKind, checkChannel } from '../../domain/channels/channel';
import { defineRecords } from '../../engine/document-type';
import type { Row } from '../../platform/database';
import { assertWritable } from '../../platform/input';
import { deliverOutbox, outboxDue } from '../../platform/outbox';

export const notificationChannels = defineRecords({
	collection: 'notification_channels',
	onCreate: async (ctx, payload) => {
		await assertWritable(ctx, 'notification_channels', payload);
		Object.assign(payload, checkChannel(payload as ChannelInput, { creating: true }));
	},
	onUpdate: async (ctx, keys, payload) => {
		await assertWritable(ctx, 'notification_channels', payload);
		// Each channel's own kind and secret: changing one is checked against the other.
		const rows: Row[] = await ctx.db('notification_channels').whereIn('id', keys).select('kind', 'secret');
		let checked: Row = {};
		for (const row of rows)
			checked = checkChannel(payload as ChannelInput, { creating: false, current: { kind: row.kind as ChannelKind, secret: row.secret } });
		return { ...payload, ...checked };
	},
	// Every few seconds (SALESFLOW_CRON_OUTBOX): messages are sent normally within 30 s of their commit.
	jobs: [{ name: 'outbox', env: 'OUTBOX', cron: '*/5 * * * * *', run: (ctx) => deliverOutbox(ctx.db), due: outboxDue }],
});
