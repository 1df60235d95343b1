// The shipped configuration behind login throttling and short tokens (issue #23, findings 8 and 14):
// `npm start` / tests (scripts/lib/env.ts) and the cluster (docker-compose.yml behind nginx).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOGIN_LIMITS } from '../../extensions/salesflow/src/domain/login-throttle';
import { redisEnv } from '../../scripts/lib/replicas';
import { DEFAULTS, directusEnv } from '../../scripts/lib/env';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any> };
const replicaEnv = compose.services.directus.environment as Record<string, string>;

// Directus suspends an account after this many failed logins in a row (directus_settings.auth_login_attempts,
// left at Directus' default by the setup step).
const DIRECTUS_SUSPENDS_AFTER = 25;

describe('access tokens live 5 minutes (finding 14)', () => {
	it('in npm start and the tests', () => {
		expect(DEFAULTS.ACCESS_TOKEN_TTL).toBe('5m');
		expect(directusEnv({}).ACCESS_TOKEN_TTL).toBe(process.env.ACCESS_TOKEN_TTL ?? '5m');
	});

	it('in docker-compose', () => {
		expect(replicaEnv.ACCESS_TOKEN_TTL).toBe('5m');
	});
});

describe('the client address that login throttling counts (finding 8)', () => {
	it('is the connection itself for npm start: X-Forwarded-For is not trusted', () => {
		expect(DEFAULTS.IP_TRUST_PROXY).toBe('false');
	});

	it('is the one nginx saw in docker-compose: exactly one trusted hop, nginx appending the client', () => {
		expect(String(replicaEnv.IP_TRUST_PROXY)).toBe('1');
		expect(read('deploy/nginx.conf')).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
	});

	it('is counted in Redis shared by the replicas, under a namespace of their own in the scale tests', () => {
		expect(replicaEnv.REDIS).toMatch(/^redis:\/\//);
		expect(redisEnv('redis://x', 'ns').SALESFLOW_LOGIN_NAMESPACE).toBe('ns:login');
	});
});

describe('one address cannot get an account suspended', () => {
	it('allows fewer failures per address and window than Directus takes to suspend', () => {
		expect(LOGIN_LIMITS.addressFailures).toBeLessThan(DIRECTUS_SUSPENDS_AFTER);
		expect(LOGIN_LIMITS.freeAccountFailures).toBeLessThan(DIRECTUS_SUSPENDS_AFTER);
	});

	it('leaves Directus’ suspension threshold alone in the setup step', () => {
		for (const f of ['scripts/ensure.ts', 'scripts/apply-configuration.ts', 'extensions/salesflow/src/platform/settings.ts'])
			expect(read(f), f).not.toMatch(/auth_login_attempts/);
	});
});
