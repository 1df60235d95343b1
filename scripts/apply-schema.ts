// Applies schema/ to a running Directus: creates missing collections, fields and relations and
// keeps the metadata we own (labels, notes, interfaces, choices) up to date. Never drops or
// retypes anything, so running it twice is a no-op and user data is safe.
import { COLLECTIONS, SYSTEM_FIELDS, type CollectionDef, type FieldDef } from '../schema/index';
import type { Label } from '../schema/model';
import { FOLDERS, placeOf, type Folder } from '../schema/navigation';
import type { Knex } from 'knex';
import type { AdminApi } from './lib/admin-api';

const LANGS = [
	['en-US', 'en'],
	['zh-CN', 'zh'],
] as const;

export type TranslationRow = { key: string; language: string; value: string };

/** Custom translation strings (choices and notes) referenced as `$t:key`. */
export function schemaTranslations(): TranslationRow[] {
	const rows: TranslationRow[] = [];
	const add = (key: string, label: Label) => {
		// The data app compiles custom translations as vue-i18n messages; a brace that is no placeholder fails to
		// compile and the app then translates no field at all.
		if (/[{}]/.test(label.en + label.zh)) throw new Error(`translation ${key} contains a brace: ${label.en}`);
		for (const [language, k] of LANGS) rows.push({ key, language, value: label[k] });
	};
	for (const { collection, field } of allFields()) {
		for (const c of field.choices ?? []) add(choiceKey(collection, field.field, c.value), c.label);
		if (field.note) add(noteKey(collection, field.field), field.note);
	}
	for (const c of COLLECTIONS) if (c.note) add(`sf_${c.collection}__note`, c.note);
	return rows;
}

const choiceKey = (collection: string, field: string, value: string) => `sf_${collection}_${field}_${value}`.replace(/[^A-Za-z0-9_]/g, '_');
const noteKey = (collection: string, field: string) => `sf_${collection}_${field}__note`;

/** Every field we own; `sort` is its place in its collection's form (our fields on Directus' collections keep theirs). */
function allFields(): Array<{ collection: string; field: FieldDef; sort?: number }> {
	return [...COLLECTIONS.flatMap((c) => c.fields.map((field, i) => ({ collection: c.collection, field, sort: i + 1 }))), ...SYSTEM_FIELDS];
}

function fieldMeta(collection: string, f: FieldDef, sort?: number) {
	const choices = f.choices?.map((c) => ({ text: `$t:${choiceKey(collection, f.field, c.value)}`, value: c.value }));
	const badge = f.choices?.map((c) => ({
		text: `$t:${choiceKey(collection, f.field, c.value)}`,
		value: c.value,
		foreground: '#FFFFFF',
		background: c.color ?? '#A2B5CD',
	}));
	return {
		interface: f.interface ?? null,
		options: choices ? { ...(f.options ?? {}), choices } : (f.options ?? null),
		display: f.display ?? null,
		display_options: f.display === 'labels' && badge ? { choices: badge, showAsDot: false } : (f.display_options ?? null),
		readonly: f.readonly ?? false,
		hidden: f.hidden ?? false,
		required: f.required ?? false,
		width: f.width ?? 'full',
		special: f.special ?? null,
		note: f.note ? `$t:${noteKey(collection, f.field)}` : null,
		group: f.group ?? null,
		...(sort ? { sort } : {}),
		conditions: f.conditions ?? null,
		translations: LANGS.map(([language, k]) => ({ language, translation: f.label[k] })),
	};
}

function fieldSchema(f: FieldDef) {
	if (f.type === 'alias') return undefined;
	if (f.field === 'id') return { is_primary_key: true, has_auto_increment: true };
	return {
		is_nullable: true,
		is_unique: f.unique ?? false,
		default_value: f.default ?? null,
		...(f.type === 'decimal' ? { numeric_precision: f.precision, numeric_scale: f.scale } : {}),
		...(f.type === 'string' ? { max_length: f.length ?? 255 } : {}),
	};
}

const fieldPayload = (collection: string, f: FieldDef, sort?: number) => ({
	field: f.field,
	type: f.type,
	meta: fieldMeta(collection, f, sort),
	schema: fieldSchema(f),
});

function collectionMeta(c: CollectionDef) {
	const place = placeOf(c.collection);
	if (!place) throw new Error(`collection ${c.collection} is in no navigation folder (schema/navigation.ts)`);
	return {
		icon: c.icon,
		group: place.group,
		sort: place.sort,
		note: c.note ? `$t:sf_${c.collection}__note` : null,
		display_template: c.template ?? null,
		hidden: c.hidden ?? false,
		singleton: c.singleton ?? false,
		accountability: c.tracking ?? 'all',
		translations: LANGS.map(([language, k]) => ({ language, translation: c.label[k][1], singular: c.label[k][0], plural: c.label[k][1] })),
	};
}

/** A navigation folder: a collection with meta only (no table), named by its members' `group`. */
function folderMeta(f: Folder) {
	return {
		icon: f.icon,
		group: null,
		sort: placeOf(f.collection)!.sort,
		collapse: 'open',
		translations: LANGS.map(([language, k]) => ({ language, translation: f.label[k], singular: f.label[k], plural: f.label[k] })),
	};
}

/** The relations implied by m2o fields, with their o2m counterpart when one is declared. */
function relations() {
	const o2ms = allFields()
		.filter(({ field }) => field.o2m)
		.map(({ collection, field }) => ({ one: collection, field: field.field, ...field.o2m! }));
	return allFields()
		.filter(({ field }) => field.m2o)
		.map(({ collection, field }) => {
			const back = o2ms.find((o) => o.related === collection && o.fk === field.field && o.one === field.m2o!.related);
			return {
				collection,
				field: field.field,
				related_collection: field.m2o!.related,
				schema: { on_delete: field.m2o!.onDelete ?? 'SET NULL' },
				meta: {
					one_field: back?.field ?? null,
					one_deselect_action: back?.ownsRows ? 'delete' : 'nullify',
				},
			};
		});
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function applySchema(api: AdminApi, db: Knex, log: (m: string) => void = () => {}): Promise<void> {
	const collections = await api.get<any[]>('/collections');
	const existingCollections = new Set(collections.map((c) => c.collection));
	const currentMeta = new Map(collections.map((c) => [c.collection, c.meta]));
	const existingFields = new Map<string, any>((await api.get<any[]>('/fields')).map((f) => [`${f.collection}.${f.field}`, f]));

	// Folders first: a collection's `group` must name an existing collection.
	for (const f of FOLDERS) {
		const meta = folderMeta(f);
		if (!existingCollections.has(f.collection)) {
			log(`create folder ${f.collection}`);
			await api.post('/collections', { collection: f.collection, meta, schema: null });
		} else if (!sameMeta(currentMeta.get(f.collection), meta)) await api.patch(`/collections/${f.collection}`, { meta });
	}

	for (const c of COLLECTIONS) {
		if (existingCollections.has(c.collection)) {
			const meta = collectionMeta(c);
			if (!sameMeta(currentMeta.get(c.collection), meta)) await api.patch(`/collections/${c.collection}`, { meta });
			continue;
		}
		log(`create collection ${c.collection}`);
		await api.post('/collections', {
			collection: c.collection,
			meta: collectionMeta(c),
			schema: {},
			fields: c.fields.map((f, i) => fieldPayload(c.collection, f, i + 1)),
		});
	}

	for (const { collection, field, sort } of allFields()) {
		const current = existingFields.get(`${collection}.${field.field}`);
		if (!existingCollections.has(collection) && !collection.startsWith('directus_')) continue; // created above with its fields
		const payload = fieldPayload(collection, field, sort);
		if (!current) {
			log(`create field ${collection}.${field.field}`);
			await api.post(`/fields/${collection}`, payload);
		} else if (field.field !== 'id' && !sameMeta(current.meta, payload.meta)) {
			await api.patch(`/fields/${collection}/${field.field}`, { meta: payload.meta });
		}
	}

	const existingRelations = new Map((await api.get<any[]>('/relations')).map((r) => [`${r.collection}.${r.field}`, r]));
	let metaWritten = false;
	for (const r of relations()) {
		const current = existingRelations.get(`${r.collection}.${r.field}`);
		if (!current) {
			log(`create relation ${r.collection}.${r.field} → ${r.related_collection}`);
			await api.post('/relations', r);
		} else if ((current.meta?.one_field ?? null) !== r.meta.one_field) {
			// A back-reference added later (e.g. a file's usage by documents, after an upgrade) is written
			// onto the relation's row alone. PATCH /relations would drop and re-create the foreign key
			// (without its ON DELETE rule unless resent) and, by writing the constraint name into the
			// frozen schema (CACHE_SCHEMA_FREEZE_ENABLED), crash Directus: upgrade.test.ts found it.
			log(`relation ${r.collection}.${r.field}: back-reference ${r.meta.one_field}`);
			await db('directus_relations').where({ many_collection: r.collection, many_field: r.field }).update(r.meta);
			metaWritten = true;
		}
	}
	// Directus reads its relations from the schema cache: rebuilt now, on every replica.
	if (metaWritten) await api.post('/utils/cache/clear?system=true', {});
}

function sameMeta(current: any, wanted: any): boolean {
	if (!current) return false;
	const translations = (list: any[]) =>
		(list ?? []).map((t: any) =>
			Object.fromEntries(Object.entries(t).filter(([key]) => ['language', 'translation', 'singular', 'plural'].includes(key))),
		);
	return Object.entries(wanted).every(([k, v]) => same(k === 'translations' ? translations(current[k]) : current[k], v));
}
