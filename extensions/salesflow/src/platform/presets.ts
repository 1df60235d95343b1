// Bookmarks and saved layouts (Directus presets): staff keep their own. Role and global presets are
// the administrator's (schema/bookmarks.ts). Directus' app-access minimum lets anyone create a preset
// that names no user — a bookmark for a whole role, or for everyone — which it then cannot delete.
import type { Accountability } from '@directus/types';
import { DomainError } from '../domain/errors';
import type { Row } from './database';
import { keyOf } from './access';

/** Refuses a preset (created, or changed by `payload`) that would belong to anyone but the caller. */
export function ownPresetsOnly(payload: Row, accountability: Accountability | null, creating: boolean): void {
	if (!accountability || accountability.admin) return;
	const refuse = (what: string) => {
		throw new DomainError('FORBIDDEN', `Presets and bookmarks are personal: ${what}`, 403, { field: what.split(' ')[0] });
	};
	if ((creating || 'user' in payload) && keyOf(payload.user) !== accountability.user) refuse('user must be you');
	if ('role' in payload && payload.role !== null) refuse('role must be empty (role bookmarks are set up by the administrator)');
}
