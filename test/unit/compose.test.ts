// docker-compose.yml cannot run here (no Docker engine), so its promises are checked by parsing it:
// PostgreSQL + Redis + Directus 11.17.4 with our bundle mounted, a one-off setup job first, and
// replicas configured as one cluster (CONTRACT.md, QUALITY.md, shared/notes/DIRECTUS.md).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULTS } from '../../scripts/lib/env';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

const raw = read('docker-compose.yml');
// `<<: *anchor` merge keys are YAML 1.1; Docker Compose resolves them, so do we.
const compose = parse(raw, { merge: true }) as { services: Record<string, any>; volumes?: Record<string, unknown> };
const services = compose.services;
const directus = services.directus;
const setup = services.setup;

const DIRECTUS_IMAGE = 'directus/directus:11.17.4';

/** A service's environment as a map, whichever of the two Compose syntaxes it uses. */
function envOf(service: any): Record<string, string> {
	const env = service?.environment ?? {};
	if (Array.isArray(env)) return Object.fromEntries(env.map((e: string) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
	return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Bind mounts and volumes as { source, target }, short or long syntax. */
function mountsOf(service: any): Array<{ source: string; target: string; readOnly: boolean }> {
	return (service?.volumes ?? []).map((v: any) => {
		if (typeof v === 'string') {
			const [source, target, mode] = v.split(':');
			return { source, target, readOnly: mode === 'ro' };
		}
		return { source: v.source, target: v.target, readOnly: v.read_only === true };
	});
}

/** `depends_on` as { service: condition } (the list form means service_started). */
function dependsOf(service: any): Record<string, string> {
	const d = service?.depends_on ?? {};
	if (Array.isArray(d)) return Object.fromEntries(d.map((s: string) => [s, 'service_started']));
	return Object.fromEntries(Object.entries(d).map(([k, v]: [string, any]) => [k, v?.condition ?? 'service_started']));
}

const healthcheckText = (service: any) => [service?.healthcheck?.test ?? []].flat().join(' ');

describe('docker-compose.yml: backing services', () => {
	it('runs PostgreSQL 16 on a named volume, with a readiness healthcheck', () => {
		expect(services.postgres?.image).toMatch(/^postgres:16(\b|$)/);
		expect(mountsOf(services.postgres)).toContainEqual(
			expect.objectContaining({ source: 'postgres-data', target: '/var/lib/postgresql/data' }),
		);
		expect(compose.volumes).toHaveProperty('postgres-data');
		expect(healthcheckText(services.postgres)).toContain('pg_isready');
	});

	it('runs Redis 7 with a healthcheck', () => {
		expect(services.redis?.image).toMatch(/^redis:7(\b|$)/);
		expect(healthcheckText(services.redis)).toContain('redis-cli ping');
	});
});

describe('docker-compose.yml: the Directus replicas', () => {
	const env = envOf(directus);

	it('use exactly the pinned Directus image', () => {
		expect(directus?.image).toBe(DIRECTUS_IMAGE);
		// Nothing else may bring a different Directus into the cluster.
		for (const [name, s] of Object.entries(services))
			if (String(s.image ?? '').startsWith('directus/')) expect([name, s.image]).toEqual([name, DIRECTUS_IMAGE]);
	});

	it('use PostgreSQL', () => {
		expect(env).toMatchObject({ DB_CLIENT: 'pg', DB_HOST: 'postgres' });
		for (const k of ['DB_PORT', 'DB_DATABASE', 'DB_USER', 'DB_PASSWORD']) expect(env[k], k).toBeTruthy();
	});

	it('share cache, rate limiter and synchronization through Redis', () => {
		expect(env.REDIS).toMatch(/^redis:\/\/redis:6379/);
		expect(env).toMatchObject({
			CACHE_ENABLED: 'true',
			CACHE_STORE: 'redis',
			RATE_LIMITER_ENABLED: 'true',
			RATE_LIMITER_STORE: 'redis',
			SYNCHRONIZATION_STORE: 'redis',
		});
		// Obsolete since Directus 10; setting it would suggest it does something.
		expect(env).not.toHaveProperty('MESSENGER_STORE');
	});

	it('cap the heap as npm start does, overridable', () => {
		expect(env.NODE_OPTIONS).toBe(`\${NODE_OPTIONS:-${DEFAULTS.NODE_OPTIONS}}`);
	});

	it('take SECRET (and the database password) from the environment, never a literal', () => {
		expect(env.SECRET).toMatch(/^\$\{SECRET(:\?[^}]*)?\}$/);
		expect(env.DB_PASSWORD).toMatch(/^\$\{DB_PASSWORD(:\?[^}]*)?\}$/);
		expect(envOf(setup).SECRET).toBe(env.SECRET);
	});

	it('load the built Salesflow bundle, and refuse to start without it', () => {
		expect(env).toMatchObject({ EXTENSIONS_PATH: '/directus/extensions', EXTENSIONS_MUST_LOAD: 'true' });
		const mount = mountsOf(directus).find((m) => m.target === '/directus/extensions/salesflow');
		expect(mount?.source.replace(/\/$/, '')).toBe('./extensions/salesflow');
		// The mounted folder is the bundle: its package.json points Directus at dist/.
		const pkg = JSON.parse(read('extensions/salesflow/package.json'));
		expect(pkg['directus:extension']).toMatchObject({ type: 'bundle', path: { api: 'dist/api.js', app: 'dist/app.js' } });
	});

	it('can run as several replicas: replicas ≥ 2, no container name, no fixed host port, shared uploads', () => {
		expect(Number(directus?.deploy?.replicas)).toBeGreaterThanOrEqual(2);
		expect(directus).not.toHaveProperty('container_name');
		expect(directus).not.toHaveProperty('ports');
		const uploads = mountsOf(directus).find((m) => m.target === '/directus/uploads');
		expect(uploads, 'uploads volume').toBeDefined();
		expect(compose.volumes).toHaveProperty(uploads!.source); // a named volume, not a per-host folder
	});

	it('report readiness on /server/ping', () => {
		expect(healthcheckText(directus)).toContain('/server/ping');
	});

	it('start after the setup job succeeded and the backing services are healthy', () => {
		expect(dependsOf(directus)).toEqual({ setup: 'service_completed_successfully', postgres: 'service_healthy', redis: 'service_healthy' });
	});
});

describe('docker-compose.yml: the one-off setup job', () => {
	const env = envOf(setup);

	it('runs `npm run setup` (start.ts without serving) once, from the repository image', () => {
		expect(setup?.restart).toBe('no');
		expect(setup?.deploy?.replicas ?? 1).toBe(1);
		expect([setup?.command].flat().join(' ')).toBe('npm run setup');
		expect(JSON.parse(read('package.json')).scripts.setup).toBe('tsx scripts/start.ts --no-serve');
		const dockerfile = read(setup.build?.dockerfile ?? 'Dockerfile');
		expect(dockerfile).toMatch(/^FROM node:22\b/m);
		expect(dockerfile).toMatch(/^RUN npm ci\b/m);
		expect(dockerfile).toMatch(/^RUN npm run build\b/m);
	});

	it("has the PostgreSQL client of the compose database's major version, for backup and restore", () => {
		const major = String(services.postgres?.image).match(/^postgres:(\d+)/)?.[1];
		expect(read(setup.build?.dockerfile ?? 'Dockerfile')).toMatch(new RegExp(`apt-get install [^\\n]*postgresql-client-${major}\\b`));
	});

	it('works on the same database as the replicas, after PostgreSQL and Redis are healthy', () => {
		const replica = envOf(directus);
		for (const k of ['DB_CLIENT', 'DB_HOST', 'DB_PORT', 'DB_DATABASE', 'DB_USER', 'DB_PASSWORD', 'SECRET', 'REDIS'])
			expect(env[k], k).toBe(replica[k]);
		expect(dependsOf(setup)).toEqual({ postgres: 'service_healthy', redis: 'service_healthy' });
	});

	it('gets the administrator and demo settings, and runs the bundle the replicas mount', () => {
		for (const k of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SEED_DEMO']) expect(env[k], k).toBeTruthy();
		expect(env.ADMIN_PASSWORD).toMatch(/^\$\{ADMIN_PASSWORD(:\?[^}]*)?\}$/);
		expect(env.SKIP_BUILD).toBe('true');
		expect(mountsOf(setup)).toContainEqual(
			expect.objectContaining({ source: './extensions/salesflow', target: '/app/extensions/salesflow' }),
		);
	});
});

describe('docker-compose.yml: entry point and settings', () => {
	it('publishes one port, through nginx, which balances over the replicas', () => {
		const published = Object.entries(services).filter(([, s]) => s.ports?.length);
		expect(published.map(([name]) => name)).toEqual(['nginx']);
		const conf = mountsOf(services.nginx).find((m) => m.target.startsWith('/etc/nginx/'));
		expect(conf && existsSync(resolve(ROOT, conf.source))).toBe(true);
		expect(read(conf!.source)).toMatch(/server directus:8055\b/);
		expect(dependsOf(services.nginx)).toEqual({ directus: 'service_healthy' });
	});

	it('documents every required variable in .env.example', () => {
		const required = new Set([...raw.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]!));
		expect([...required].sort()).toEqual(['ADMIN_PASSWORD', 'DB_PASSWORD', 'SECRET']);
		const example = read('.env.example');
		for (const name of required) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
	});
});
