// `npm run replicas`: two (or --count N) Directus processes on one PostgreSQL database with Redis,
// as in production behind a load balancer. Uses DB_* from the environment when DB_CLIENT=pg
// (data kept), otherwise a scratch database dropped on exit.
import { buildExtension } from './lib/directus-process';
import { startReplicas } from './lib/replicas';

const i = process.argv.indexOf('--count');
const count = i > 0 ? Number(process.argv[i + 1]) : 2;
const log = (m: string) => console.log(`salesflow: ${m}`);
const pg = process.env.DB_CLIENT === 'pg';
const database = pg
	? Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DB_')) as Array<[string, string]>)
	: undefined;

if (process.env.SKIP_BUILD !== 'true') buildExtension();
const replicas = await startReplicas({ count, database, log });
console.log(
	`\n${count} Salesflow replicas on one PostgreSQL database (${replicas.env.DB_DATABASE}) sharing Redis (${replicas.env.REDIS}):`,
);
for (const url of replicas.urls) console.log(`  ${url}`);
console.log(`Ctrl-C stops them${pg ? '.' : ' and drops the scratch database.'}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => replicas.stop().then(() => process.exit(0)));
