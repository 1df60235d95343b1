// Several Directus processes on one PostgreSQL database, coordinated through Redis — the
// production shape (docker-compose `--scale directus=N`). Used by `npm run replicas` and the
// scale tests. Each run gets its own database and its own Redis key namespaces.
import { bootstrap, startDirectus, type RunningDirectus } from './directus-process';
import { directusEnv } from './env';
import { freePort, scratchDatabase } from './scratch-database';
import { ensure } from '../ensure';

export type Replicas = { urls: string[]; env: Record<string, string>; instances: RunningDirectus[]; stop: () => Promise<void> };

export type ReplicaOptions = {
	count?: number;
	/** A fresh scratch database (dropped on stop) unless an existing one is given. */
	database?: Record<string, string>;
	redis?: string;
	/** Extra Directus environment, e.g. faster cron schedules. */
	env?: Record<string, string>;
	log?: (m: string) => void;
};

/** The variables that make Directus instances share state through Redis instead of memory. */
export function redisEnv(redis: string, namespace: string): Record<string, string> {
	return {
		REDIS: redis,
		SYNCHRONIZATION_STORE: 'redis',
		SYNCHRONIZATION_NAMESPACE: `${namespace}:sync`,
		CACHE_ENABLED: 'true',
		CACHE_STORE: 'redis',
		CACHE_AUTO_PURGE: 'true',
		CACHE_NAMESPACE: `${namespace}:cache`,
		RATE_LIMITER_STORE: 'redis',
		REDIS_BUS_NAMESPACE: `${namespace}:bus`,
		REDIS_LOCK_NAMESPACE: `${namespace}:lock`,
		SALESFLOW_LOGIN_NAMESPACE: `${namespace}:login`,
	};
}

export async function startReplicas(opts: ReplicaOptions = {}): Promise<Replicas> {
	const log = opts.log ?? (() => {});
	const count = opts.count ?? 2;
	const scratch = opts.database ? { env: opts.database, drop: async () => {} } : await scratchDatabase('postgres', 'replicas');
	const namespace = `salesflow-${process.pid}-${Date.now()}`;
	const shared = directusEnv({
		...scratch.env,
		...redisEnv(opts.redis ?? process.env.REDIS ?? 'redis://127.0.0.1:6379', namespace),
		HOST: '127.0.0.1',
		SEED_DEMO: 'true',
		PRESSURE_LIMITER_ENABLED: 'false',
		...opts.env,
	});
	const instances: RunningDirectus[] = [];
	const stop = async () => {
		await Promise.all(instances.map((i) => i.stop()));
		await scratch.drop();
	};
	try {
		bootstrap(shared);
		for (let i = 0; i < count; i++) {
			const port = String(await freePort());
			const env = { ...shared, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}` };
			instances.push(await startDirectus(env));
			log(`replica ${i + 1}/${count} on ${instances[i]!.url}`);
			// Schema, access, configuration and demo data once, through the first instance.
			if (i === 0) await ensure(env, log);
		}
	} catch (e) {
		await stop();
		throw e;
	}
	return { urls: instances.map((i) => i.url), env: shared, instances, stop };
}
