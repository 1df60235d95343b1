import type { Knex } from 'knex';
import type { NoticeEvent } from '../domain/channels/channel';
import { now } from './clock';
import { enqueueOutbox } from './outbox';

/**
 * An in-app Directus notification, written in the caller's transaction so it exists exactly when
 * the decision does. (No e-mail: the notifications service would send mail outside the transaction.)
 */
export async function notify(trx: Knex, n: Notice & { recipient: string }): Promise<void> {
	await notifyAll(trx, [n.recipient], n);
}

type Notice = {
	sender?: string | null;
	subject: string;
	message?: string;
	collection?: string;
	item?: string | number;
	/** The event chat channels subscribe to for this notice; without it the notice stays in the data app. */
	event?: NoticeEvent;
	/** The document's number, shown in the channel message. */
	number?: string | null;
};

/**
 * The same notification to several recipients, in one statement, and — when it names an event — to
 * the channels subscribed to it through the outbox, in the same transaction (one message however
 * many recipients, even none: a group chat may stand in for a role nobody holds yet).
 */
export async function notifyAll(db: Knex, recipients: string[], n: Notice): Promise<void> {
	if (!recipients.length && !n.event) return;
	const write = async (trx: Knex) => {
		if (recipients.length) {
			await trx('directus_notifications').insert(
				recipients.map((recipient) => ({
					timestamp: now(),
					status: 'inbox',
					recipient,
					sender: n.sender ?? null,
					subject: n.subject.slice(0, 255),
					message: n.message ?? null,
					collection: n.collection ?? null,
					item: n.item === undefined ? null : String(n.item),
				})),
			);
		}
		if (n.event) {
			await enqueueOutbox(trx, [
				{
					name: n.event,
					payload: {
						collection: n.collection ?? null,
						id: n.item ?? null,
						number: n.number ?? null,
						subject: n.subject,
						message: n.message ?? null,
					},
				},
			]);
		}
	};
	// Notice and outbox rows commit together; a caller past its commit (a new complaint) gets its own transaction.
	await (db.isTransaction ? write(db) : db.transaction(write));
}

/** Active users holding a role (by role id). */
export async function usersWithRole(trx: Knex, roleId: string): Promise<string[]> {
	return (await trx('directus_users').where({ role: roleId, status: 'active' }).select('id')).map((r: { id: string }) => r.id);
}

export { itemLink } from './links';
