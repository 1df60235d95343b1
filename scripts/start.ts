// `npm start`: build the bundle, bootstrap the database, apply schema/access/config, seed the demo
// once, and serve Directus. `--no-serve` stops after setup (used by deployment jobs).
import { buildExtension, bootstrap, startDirectus } from './lib/directus-process';
import { directusEnv } from './lib/env';
import { ensure } from './ensure';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../seed/users';

const serve = !process.argv.includes('--no-serve');
const env = directusEnv();
const log = (m: string) => console.log(`salesflow: ${m}`);

if (process.env.SKIP_BUILD !== 'true') {
	log('building the extension bundle…');
	buildExtension();
}
log(`preparing the database (${env.DB_CLIENT}${env.DB_CLIENT === 'sqlite3' ? ` ${env.DB_FILENAME}` : ''})…`);
bootstrap(env);
const directus = await startDirectus(env, { inherit: serve });
try {
	await ensure(env, log);
} catch (e) {
	await directus.stop();
	throw e;
}
if (!serve) {
	await directus.stop();
	log('setup done');
	process.exit(0);
}
const password = env.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
console.log(`\nSalesflow is running at ${directus.url}\n  admin: ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD}`);
if (env.SEED_DEMO !== 'false') for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(18)} ${u.email} / ${password}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => directus.stop().then(() => process.exit(0)));
