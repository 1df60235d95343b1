// One source per fact: the schema's status choices are the document types' lifecycles, the approval
// condition dropdown is the engine's conditions, and the panels label from the schema.
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../schema/index';
import { collectionLabel, statusLabel } from '../../schema/labels';
import { CONDITIONS } from '../../extensions/salesflow/src/domain/approval/conditions/index';
import { APPROVAL_COLLECTIONS, LIFECYCLES } from '../../extensions/salesflow/src/documents/lifecycles';
import { collectionName, statusName } from '../../extensions/salesflow/src/panels/shared/format';

const field = (collection: string, name: string) =>
	COLLECTIONS.find((c) => c.collection === collection)?.fields.find((f) => f.field === name);

describe('one source per fact', () => {
	it('every collection with a status field has a lifecycle with exactly those statuses, in order', () => {
		const withStatus = COLLECTIONS.filter((c) => c.fields.some((f) => f.field === 'status')).map((c) => c.collection);
		expect(withStatus.sort()).toEqual(Object.keys(LIFECYCLES).sort());
		for (const [collection, l] of Object.entries(LIFECYCLES)) {
			expect(
				field(collection, 'status')!.choices!.map((c) => c.value),
				collection,
			).toEqual([...l.statuses]);
			expect(field(collection, 'status')!.default, collection).toBe(l.statuses[0]);
		}
	});

	it('the condition dropdown offers exactly the conditions the engine evaluates', () => {
		expect(field('approval_rules', 'condition')!.choices!.map((c) => c.value)).toEqual(Object.keys(CONDITIONS));
	});

	it('approval rules and requests offer exactly the documents that go through approval', () => {
		for (const [collection, name] of [
			['approval_rules', 'document'],
			['approval_requests', 'collection'],
		] as const) {
			expect(field(collection, name)!.choices!.map((c) => c.value)).toEqual(APPROVAL_COLLECTIONS);
		}
	});

	it('panels show the schema labels in both languages', () => {
		for (const [collection, l] of Object.entries(LIFECYCLES)) {
			for (const s of l.statuses) {
				for (const lang of ['zh', 'en'] as const) expect(statusName(collection, s, lang)).toBe(statusLabel(collection, s)![lang]);
			}
			expect(collectionName(collection, 'zh')).toBe(collectionLabel(collection)!.zh);
		}
	});
});
