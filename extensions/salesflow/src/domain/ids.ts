import { createHash } from 'node:crypto';

/** A row id as Directus hands it out: integer keys arrive as numbers or numeric strings. */
export type Id = number | string;

/** A name-based UUID, so roles and policies keep the same id on every install (idempotent ensure). */
export function stableUuid(name: string): string {
	const h = createHash('sha1').update(`salesflow:${name}`).digest('hex');
	const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const roleId = (key: string) => stableUuid(`role:${key}`);
export const policyId = (key: string) => stableUuid(`policy:${key}`);

/** Orders ids numerically when they are numbers ("9" before "10"), so ties break by creation order. */
export const compareIds = (a: Id, b: Id) => String(a).localeCompare(String(b), 'en', { numeric: true });
