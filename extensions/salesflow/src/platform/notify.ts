import type { Knex } from 'knex';
import { now } from './clock';

/**
 * An in-app Directus notification, written in the caller's transaction so it exists exactly when
 * the decision does. (No e-mail: the notifications service would send mail outside the transaction.)
 */
export async function notify(trx: Knex, n: Notice & { recipient: string }): Promise<void> {
	await notifyAll(trx, [n.recipient], n);
}

type Notice = { sender?: string | null; subject: string; message?: string; collection?: string; item?: string | number };

/** The same notification to several recipients, in one statement. */
export async function notifyAll(trx: Knex, recipients: string[], n: Notice): Promise<void> {
	if (!recipients.length) return;
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

/** Active users holding a role (by role id). */
export async function usersWithRole(trx: Knex, roleId: string): Promise<string[]> {
	return (await trx('directus_users').where({ role: roleId, status: 'active' }).select('id')).map((r: { id: string }) => r.id);
}

/** The item in the data app, for a notification's message (PUBLIC_URL, as Directus itself links). */
export function itemLink(collection: string, id: string | number): string {
	const base = (process.env.PUBLIC_URL ?? '').replace(/\/+$/, '');
	return `${base}/admin/content/${collection}/${id}`;
}
