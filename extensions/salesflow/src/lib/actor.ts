import type { Accountability } from '@directus/types';
import { roleId } from '../domain/ids';
import { ROLE_KEYS } from '../../../../schema/access';

export type Actor = { user: string | null; roles: string[]; admin: boolean; system: boolean };

const KEY_BY_ROLE_ID = new Map(ROLE_KEYS.map((k) => [roleId(k), k]));

/** Who is acting: role keys instead of ids; no accountability means our own system code. */
export function actorOf(accountability: Accountability | null | undefined): Actor {
	if (!accountability) return { user: null, roles: [], admin: true, system: true };
	const ids = [...new Set([accountability.role, ...((accountability as any).roles ?? [])].filter(Boolean) as string[])];
	return {
		user: accountability.user ?? null,
		roles: ids.map((id) => KEY_BY_ROLE_ID.get(id)).filter((k): k is string => Boolean(k)),
		admin: accountability.admin === true,
		system: false,
	};
}
