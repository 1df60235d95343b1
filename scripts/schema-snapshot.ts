// `npm run schema:snapshot`: Directus' own `schema snapshot` of a fresh install (schema, constraints,
// access and configuration through the ensure step, no demo data), one per database type, written to
// schema/snapshot.sqlite.yaml and schema/snapshot.postgres.yaml. The TypeScript model in schema/ stays
// the source; the snapshots are for `directus schema apply`, diffing and review. Roles, policies and
// permissions are not in a snapshot: they live in schema/access.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { COLLECTIONS, SYSTEM_FIELDS } from '../schema/index';
import { FOLDERS } from '../schema/navigation';
import { ensure } from './ensure';
import { bootstrap, startDirectus } from './lib/directus-process';
import { directusEnv, ROOT } from './lib/env';
import { directusCli } from './lib/ops';
import { freePort, scratchDatabase } from './lib/scratch-database';

export type SnapshotKind = 'sqlite' | 'postgres';
export const snapshotFile = (kind: SnapshotKind) => join(ROOT, `schema/snapshot.${kind}.yaml`);

/** `directus schema snapshot` of the database of `env`, as YAML text. */
export function takeSnapshot(env: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'salesflow-snapshot-'));
	try {
		directusCli(env, ['schema', 'snapshot', '--yes', '--format', 'yaml', join(dir, 'snapshot.yaml')]);
		return readFileSync(join(dir, 'snapshot.yaml'), 'utf8');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A fresh install's snapshot on a throw-away database of `kind`. */
export async function snapshotOfFreshInstall(kind: SnapshotKind): Promise<string> {
	const scratch = await scratchDatabase(kind, 'snapshot');
	try {
		const port = String(await freePort());
		const env = directusEnv({ ...scratch.env, HOST: '127.0.0.1', PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}`, SEED_DEMO: 'false' });
		bootstrap(env);
		const directus = await startDirectus(env);
		try {
			await ensure(env);
		} finally {
			await directus.stop();
		}
		return takeSnapshot(env);
	} finally {
		await scratch.drop();
	}
}

/** What model and snapshot must agree on: collection names, fields with their types, relations. */
export type SchemaShape = { collections: string[]; fields: string[]; relations: string[] };

type Snapshot = {
	vendor: string;
	collections: Array<{ collection: string }>;
	fields: Array<{
		collection: string;
		field: string;
		type: string;
		schema?: { numeric_precision?: number; numeric_scale?: number } | null;
	}>;
	relations: Array<{ collection: string; field: string; related_collection: string | null }>;
};

// SQLite has no decimal or uuid column: knex creates `float` and `char(36)`, which Directus reads back
// as float and (mostly) string. Both sides are compared in what the vendor can tell apart.
const vendorType = (vendor: string, type: string) =>
	vendor !== 'sqlite' ? type : type.startsWith('decimal') ? 'float' : type === 'uuid' ? 'string' : type;

const fieldKey = (vendor: string, collection: string, field: string, type: string, precision?: number, scale?: number) =>
	`${collection}.${field}: ${vendorType(vendor, type === 'decimal' ? `decimal(${precision},${scale})` : type)}`;

export function snapshotShape(yaml: string): SchemaShape & { vendor: string } {
	const s = parse(yaml) as Snapshot;
	return {
		vendor: s.vendor,
		collections: s.collections.map((c) => c.collection).sort(),
		fields: s.fields
			.map((f) => fieldKey(s.vendor, f.collection, f.field, f.type, f.schema?.numeric_precision, f.schema?.numeric_scale))
			.sort(),
		relations: s.relations.map((r) => `${r.collection}.${r.field} → ${r.related_collection}`).sort(),
	};
}

/** The shape the TypeScript model gives on a `vendor` ('sqlite' or 'postgres', as Directus names them). */
export function modelShape(vendor: string): SchemaShape {
	const fields = [...COLLECTIONS.flatMap((c) => c.fields.map((field) => ({ collection: c.collection, field }))), ...SYSTEM_FIELDS];
	return {
		collections: [...FOLDERS.map((f) => f.collection), ...COLLECTIONS.map((c) => c.collection)].sort(),
		fields: fields.map(({ collection, field: f }) => fieldKey(vendor, collection, f.field, f.type, f.precision, f.scale)).sort(),
		relations: fields
			.filter(({ field }) => field.m2o)
			.map(({ collection, field }) => `${collection}.${field.field} → ${field.m2o!.related}`)
			.sort(),
	};
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
	for (const kind of ['sqlite', 'postgres'] as const) {
		console.log(`salesflow: snapshot of a fresh install on ${kind}…`);
		writeFileSync(snapshotFile(kind), await snapshotOfFreshInstall(kind));
		console.log(`salesflow: wrote ${snapshotFile(kind)}`);
	}
}
