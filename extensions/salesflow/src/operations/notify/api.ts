// Flow operation `salesflow-notify`: a message to a notification channel, through the outbox (sent by
// the outbox job with its retries and rate limits) as the event `salesflow.notification`.
import { defineOperationApi } from '@directus/extensions-sdk';
import { invalid } from '../../domain/errors';
import { outboxRow } from '../../platform/outbox';

type Options = { channel?: string | number; subject?: string; message?: string };

export default defineOperationApi<Options>({
	id: 'salesflow-notify',
	handler: async ({ channel, subject, message }, { database }) => {
		if (!subject?.trim()) throw invalid('subject', 'subject is required');
		const target = channel ? await database('notification_channels').where({ id: channel }).first('id') : undefined;
		if (!target) throw invalid('channel', `channel ${JSON.stringify(channel)} does not exist`);
		await database('outbox_messages').insert(
			outboxRow(target.id, 'salesflow.notification', { subject: subject.trim(), message: message ?? null }),
		);
		return { channel: target.id, queued: true };
	},
});
