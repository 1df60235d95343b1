import type { Knex } from 'knex';

/**
 * An in-app Directus notification, written in the caller's transaction so it exists exactly when
 * the decision does. (No e-mail: the notifications service would send mail outside the transaction.)
 */
export async function notify(trx: Knex, n: { recipient: string; sender?: string | null; subject: string; message?: string; collection?: string; item?: string | number }): Promise<void> {
	await trx('directus_notifications').insert({
		timestamp: new Date(),
		status: 'inbox',
		recipient: n.recipient,
		sender: n.sender ?? null,
		subject: n.subject.slice(0, 255),
		message: n.message ?? null,
		collection: n.collection ?? null,
		item: n.item === undefined ? null : String(n.item),
	});
}

/** Active users holding a role (by role id). */
export async function usersWithRole(trx: Knex, roleId: string): Promise<string[]> {
	return (await trx('directus_users').where({ role: roleId, status: 'active' }).select('id')).map((r: any) => r.id);
}
