// Runs Directus as a child process under the Node 22 of the `node` package (Directus 11.17
// needs ≥ 22; the machine's own node may be 20).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, directusUrl } from './env';
import { waitForDirectus } from './admin-api';

const BIN = join(ROOT, 'node_modules/.bin');
const NODE = existsSync(join(BIN, 'node')) ? join(BIN, 'node') : process.execPath;
const DIRECTUS = join(ROOT, 'node_modules/directus/cli.js');

const withPath = (env: Record<string, string>) => ({ ...env, PATH: `${BIN}:${process.env.PATH}` });

export function buildExtension(): void {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

/** `directus bootstrap`: creates or migrates the database and the first admin. */
export function bootstrap(env: Record<string, string>): void {
	if (env.DB_CLIENT === 'sqlite3') mkdirSync(dirname(env.DB_FILENAME!), { recursive: true });
	execFileSync(NODE, [DIRECTUS, 'bootstrap'], { cwd: ROOT, env: withPath(env), stdio: env.CI ? 'inherit' : 'pipe' });
}

export type RunningDirectus = { proc: ChildProcess; url: string; stop: () => Promise<void> };

/** `nodeArgs`: extra Node options, e.g. `--cpu-prof` to profile the server (`npm run bench -- --cpu-prof DIR`). */
export async function startDirectus(
	env: Record<string, string>,
	opts: { inherit?: boolean; nodeArgs?: string[] } = {},
): Promise<RunningDirectus> {
	// A fresh clone has no uploads folder, and Directus would refuse to store files.
	if (env.STORAGE_LOCAL_ROOT) mkdirSync(env.STORAGE_LOCAL_ROOT, { recursive: true });
	const proc = spawn(NODE, [...(opts.nodeArgs ?? []), DIRECTUS, 'start'], {
		cwd: ROOT,
		env: withPath(env),
		stdio: opts.inherit || process.env.DEBUG_DIRECTUS ? 'inherit' : ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	proc.stdout?.on('data', (d) => (output = (output + d).slice(-20000)));
	proc.stderr?.on('data', (d) => (output = (output + d).slice(-20000)));
	const exited = new Promise<never>((_, reject) =>
		proc.once('exit', (code) => reject(new Error(`Directus exited with ${code}:\n${output}`))),
	);
	const url = directusUrl(env);
	await Promise.race([waitForDirectus(url), exited]);
	exited.catch(() => {});
	return {
		proc,
		url,
		stop: () =>
			new Promise<void>((resolve) => {
				// Already gone (an exit code, or killed by a signal): a second stop must not wait forever.
				if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill('SIGTERM');
				setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
			}),
	};
}
