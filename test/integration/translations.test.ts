// Every label the data app shows, as Directus serves it to the app: collection and field names, notes,
// choices, display options and display templates. A `$t:key` the app cannot translate shows as the raw
// key (the approval requests' document-type column did), so each must have a zh-CN and an en-US text
// among the translations the same user reads — read the way the app reads them, per language. The app
// compiles those texts as vue-i18n messages: one brace that is no placeholder fails to compile and stops
// it from translating any field at all, so no text may hold one.
import { describe, expect, it } from 'vitest';
import { ok } from './helpers';

const LANGUAGES = ['zh-CN', 'en-US'] as const;
const USERS = ['admin', 'sales_rep', 'sales_manager', 'warehouse', 'finance'];

/** Every `$t:` string anywhere in a value, with where it was found. */
function rawKeys(value: unknown, where: string, out: Array<{ where: string; key: string }> = []) {
	if (typeof value === 'string' && value.startsWith('$t:')) out.push({ where, key: value.slice(3) });
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) rawKeys(v, `${where}.${k}`, out);
	return out;
}

/** Names in both languages, non-empty (a missing one falls back to the raw collection or field name). */
function missingNames(translations: Array<{ language: string; translation?: string }> | null | undefined, where: string): string[] {
	return LANGUAGES.filter((l) => !translations?.find((t) => t.language === l && t.translation?.trim())).map(
		(l) => `${where}: no ${l} name`,
	);
}

const ours = (collection: string) => !collection.startsWith('directus_');

describe('translations as the data app reads them', () => {
	it.each(USERS)('%s sees no raw $t: key and every name in zh-CN and en-US', async (user) => {
		const [collections, fields] = await Promise.all([ok<any[]>(user, 'GET', '/collections'), ok<any[]>(user, 'GET', '/fields')]);
		const served = await Promise.all(
			LANGUAGES.map(async (language) => {
				const q = new URLSearchParams({ fields: 'language,key,value', 'filter[language][_eq]': language, limit: '-1' });
				return ok<Array<{ language: string; key: string; value: string }>>(user, 'GET', `/translations?${q}`);
			}),
		);
		const known = Object.fromEntries(
			LANGUAGES.map((language, i) => [language, new Set(served[i]!.filter((r) => r.value?.trim()).map((r) => r.key))]),
		) as Record<(typeof LANGUAGES)[number], Set<string>>;
		const uncompilable = served.flat().filter((r) => /[{}]/.test(r.value ?? ''));
		expect(uncompilable.map((r) => `${r.language} ${r.key}: ${r.value}`)).toEqual([]);

		const found = [
			...collections.filter((c) => c.meta && ours(c.collection)).flatMap((c) => rawKeys(c.meta, c.collection)),
			...fields.filter((f) => f.meta && ours(f.collection)).flatMap((f) => rawKeys(f.meta, `${f.collection}.${f.field}`)),
			// Our fields on Directus' own collections (a user's manager, a file's usages).
			...fields.filter((f) => f.meta && !ours(f.collection) && f.meta.id).flatMap((f) => rawKeys(f.meta, `${f.collection}.${f.field}`)),
		];
		expect(found.length).toBeGreaterThan(100);
		const untranslated = found.flatMap(({ where, key }) =>
			LANGUAGES.filter((l) => !known[l].has(key)).map((l) => `${where}: $t:${key} has no ${l} text`),
		);
		const unnamed = [
			...collections.filter((c) => c.meta && ours(c.collection)).flatMap((c) => missingNames(c.meta.translations, c.collection)),
			...fields.filter((f) => f.meta && ours(f.collection)).flatMap((f) => missingNames(f.meta.translations, `${f.collection}.${f.field}`)),
		];
		expect([...new Set(untranslated)]).toEqual([]);
		expect(unnamed).toEqual([]);
	});
});
