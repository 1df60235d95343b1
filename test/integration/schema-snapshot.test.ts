// `directus schema apply` of the committed snapshot of this run's database type builds the same
// collections, fields and relations on an empty database. (test/unit/schema-snapshot.test.ts compares
// the snapshots with the TypeScript model.)
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../scripts/lib/directus-process';
import { directusEnv } from '../../scripts/lib/env';
import { directusCli } from '../../scripts/lib/ops';
import { scratchDatabase } from '../../scripts/lib/scratch-database';
import { snapshotFile, snapshotShape, takeSnapshot } from '../../scripts/schema-snapshot';
import { env } from './helpers';

const kind = () => (env().DB_CLIENT === 'sqlite3' ? 'sqlite' : 'postgres');
const committed = () => snapshotShape(readFileSync(snapshotFile(kind()), 'utf8'));

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
	for (const c of cleanup.reverse()) await c();
});

describe('schema snapshot', () => {
	it('directus schema apply of the committed snapshot builds the same collections and fields on an empty database', async () => {
		const scratch = await scratchDatabase(kind(), 'apply');
		cleanup.push(scratch.drop);
		const empty = directusEnv({ ...scratch.env });
		bootstrap(empty);
		directusCli(empty, ['schema', 'apply', '--yes', snapshotFile(kind())]);
		expect(snapshotShape(takeSnapshot(empty))).toEqual(committed());
	}, 300_000);
});
