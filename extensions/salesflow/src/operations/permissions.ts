// Who a Salesflow Flow operation acts as, like the built-in item operations' "permissions" option:
// the trigger's user ($trigger, the default) or a chosen role. Never full access: a Flow without a
// user (a schedule) must name a role, and the role's permissions and Salesflow's rules then apply.
import type { Accountability, OperationContext } from '@directus/types';
import type { Knex } from 'knex';
import { DOCUMENTS } from '../documents/index';
import { DomainError } from '../domain/errors';
import type { DocContext } from '../engine/document-type';
import { actorOf } from '../platform/context';

import { TRIGGER } from './options';

export async function operationAccountability(
	permissions: string | undefined,
	trigger: Accountability | null,
	db: Knex,
): Promise<Accountability> {
	if (!permissions || permissions === TRIGGER) {
		if (!trigger) {
			throw new DomainError(
				'FORBIDDEN',
				'this flow has no user (a schedule or another flow started it): choose a role under "permissions"',
				403,
				{
					field: 'permissions',
				},
			);
		}
		return trigger;
	}
	const role = await db('directus_roles').where({ id: permissions }).first('id');
	if (!role) throw new DomainError('INVALID_PAYLOAD', `permissions: role ${permissions} does not exist`, 400, { field: 'permissions' });
	return { role: role.id, roles: [role.id], user: null, admin: false, app: false, ip: trigger?.ip ?? null };
}

/** The rule context an operation acts in, as `permissions` says. */
export async function operationContext(permissions: string | undefined, op: OperationContext): Promise<DocContext> {
	const accountability = await operationAccountability(permissions, op.accountability, op.database);
	return {
		db: op.database,
		accountability,
		schema: await op.getSchema({ database: op.database }),
		actor: actorOf(accountability),
		services: op.services,
		getSchema: op.getSchema,
		documents: DOCUMENTS,
	};
}
