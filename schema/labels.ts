// Labels the data app's panels show, read from the collection definitions (one source with the
// schema's own translations): collection names and status names per collection.
import { COLLECTIONS } from './index';
import type { Label } from './model';

const byName = new Map(COLLECTIONS.map((c) => [c.collection, c]));

/** A collection's singular name. */
export function collectionLabel(collection: string): Label | undefined {
	const c = byName.get(collection);
	return c ? { en: c.label.en[0], zh: c.label.zh[0] } : undefined;
}

/** The label of one status of a collection. */
export function statusLabel(collection: string, status: string): Label | undefined {
	return byName
		.get(collection)
		?.fields.find((f) => f.field === 'status')
		?.choices?.find((c) => c.value === status)?.label;
}
