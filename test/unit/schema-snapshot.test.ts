// The committed Directus snapshots (schema/snapshot.*.yaml, `npm run schema:snapshot`) must describe
// what the TypeScript model builds: same collections, fields with their types, and relations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelShape, snapshotFile, snapshotShape } from '../../scripts/schema-snapshot';

describe('schema snapshots', () => {
	for (const kind of ['sqlite', 'postgres'] as const) {
		it(`schema/snapshot.${kind}.yaml matches the model (else run npm run schema:snapshot)`, () => {
			const { vendor, ...snapshot } = snapshotShape(readFileSync(snapshotFile(kind), 'utf8'));
			expect(vendor).toBe(kind);
			expect(snapshot).toEqual(modelShape(vendor));
		}, 60_000); // a megabyte of YAML takes seconds to parse on a busy machine
	}
});
