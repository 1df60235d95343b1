// The environment a Salesflow Directus process runs with: Directus' own variables win, the
// defaults make `npm start` work on a fresh clone with an embedded SQLite file.
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export const DEFAULTS = {
	HOST: '127.0.0.1',
	PORT: '8055',
	DB_CLIENT: 'sqlite3',
	DB_FILENAME: resolve(ROOT, 'data/salesflow.db'),
	EXTENSIONS_PATH: resolve(ROOT, 'extensions'),
	// Directus writes the data app's extension bundle here and serves it from this file; its default
	// (node_modules/.directus) is shared by checkouts sharing node_modules, whose bundles then replace ours.
	TEMP_PATH: resolve(ROOT, 'data/directus-tmp'),
	// Uploads (contract scans, logo, seal) on the local disk; startDirectus creates the folder.
	STORAGE_LOCATIONS: 'local',
	STORAGE_LOCAL_ROOT: resolve(ROOT, 'uploads'),
	ADMIN_EMAIL: 'admin@salesflow.example.com',
	ADMIN_PASSWORD: 'salesflow-admin',
	// A fixed development secret keeps sessions valid across restarts; set SECRET in production.
	SECRET: 'salesflow-development-secret-change-me',
	TELEMETRY: 'false',
	LOG_LEVEL: 'warn',
	EXTENSIONS_AUTO_RELOAD: 'false',
	EXTENSIONS_MUST_LOAD: 'true',
	WEBSOCKETS_ENABLED: 'false',
	// Bulk API use by the ensure script and tests would trip the default limiter.
	RATE_LIMITER_ENABLED: 'false',
	MAX_PAYLOAD_SIZE: '10mb',
	QUERY_LIMIT_MAX: '-1',
	// Relations followed by one read (`*.*.*`); deeper wildcards multiply rows (platform/query-limits.ts).
	MAX_RELATIONAL_DEPTH: '3',
	DEFAULT_LANGUAGE: 'zh-CN',
	// Requests share one frozen schema instead of each getting a deep copy (measured in the bench's full
	// flow); nothing in Salesflow writes to the schema object, and a write would throw.
	CACHE_SCHEMA_FREEZE_ENABLED: 'true',
	// V8 otherwise sizes its heap from the machine's memory and lets garbage pile up before collecting
	// in earnest: uncapped, one process reached 675–738 MB of RSS importing 5,000 customers, capped about
	// 400 MB (the bench). 384 MB of heap keeps a process within 600 MB; raise it for bigger imports or exports.
	NODE_OPTIONS: '--max-old-space-size=384',
	// A token outlives its logout by at most this long; clients renew with their refresh token (README, Security).
	ACCESS_TOKEN_TTL: '5m',
	// Served directly: X-Forwarded-For is the client's to invent, so it must not pick the address
	// login throttling counts (behind a proxy, trust that one hop: docker-compose.yml).
	IP_TRUST_PROXY: 'false',
} as const;

export function directusEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries({ ...DEFAULTS, ...process.env, ...overrides })) if (v !== undefined) env[k] = String(v);
	if (!env.PUBLIC_URL) env.PUBLIC_URL = `http://${env.HOST}:${env.PORT}`;
	return env;
}

export const directusUrl = (env: Record<string, string>) => `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;

/** knex connection settings for the same database Directus uses. */
export function knexConfig(env: Record<string, string>) {
	if (env.DB_CLIENT === 'sqlite3') {
		return {
			client: 'sqlite3',
			connection: { filename: env.DB_FILENAME },
			useNullAsDefault: true,
			// Directus writes to the same file: wait for its lock rather than fail with SQLITE_BUSY.
			pool: {
				afterCreate: (conn: { configure: (k: string, v: number) => void }, done: (e: Error | null, c: unknown) => void) => {
					conn.configure('busyTimeout', 15_000);
					done(null, conn);
				},
			},
		};
	}
	if (env.DB_CLIENT === 'pg' || env.DB_CLIENT === 'postgres') {
		return {
			client: 'pg',
			connection: env.DB_CONNECTION_STRING ?? {
				host: env.DB_HOST ?? '127.0.0.1',
				port: Number(env.DB_PORT ?? 5432),
				user: env.DB_USER ?? 'postgres',
				password: env.DB_PASSWORD ?? '',
				database: env.DB_DATABASE ?? 'salesflow',
			},
		};
	}
	throw new Error(`Salesflow supports DB_CLIENT=sqlite3 or pg, not ${env.DB_CLIENT}`);
}
