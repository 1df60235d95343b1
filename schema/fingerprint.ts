// Which version of the schema, access and configuration a database was set up with: the setup step
// records it when it has finished, and a Salesflow server serves requests only once the database's
// fingerprint is the one it was built with (platform/readiness.ts).
import { createHash } from 'node:crypto';
import { DEFAULT_RULES } from '../extensions/salesflow/src/domain/approval/rules';
import { ACCESS, GRANTS, OWNER_PATH } from './access';
import { BOOKMARKS } from './bookmarks';
import { DASHBOARDS } from './dashboard';
import { COLLECTIONS, SYSTEM_FIELDS } from './index';
import { ROLES } from './roles';

export function setupFingerprint(): string {
	const everything = { COLLECTIONS, SYSTEM_FIELDS, ACCESS, GRANTS, OWNER_PATH, ROLES, BOOKMARKS, DASHBOARDS, DEFAULT_RULES };
	return createHash('sha1').update(JSON.stringify(everything)).digest('hex');
}

/** The header value the setup step sends to reach the server before it is ready. */
export const setupToken = (secret: string): string => createHash('sha256').update(`salesflow-setup:${secret}`).digest('hex');

export const SETUP_HEADER = 'x-salesflow-setup';
