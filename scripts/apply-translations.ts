import type { AdminApi } from './lib/admin-api';
import { schemaTranslations, type TranslationRow } from './apply-schema';

/** Custom translation strings ($t:key) for choices and notes: create missing, fix changed. */
export async function applyTranslations(api: AdminApi, extra: TranslationRow[] = []): Promise<void> {
	const wanted = [...schemaTranslations(), ...extra];
	const existing = await api.get<any[]>('/translations?limit=-1&filter[key][_starts_with]=sf_');
	const byKey = new Map(existing.map((t) => [`${t.key}|${t.language}`, t]));
	const create = wanted.filter((w) => !byKey.has(`${w.key}|${w.language}`));
	for (let i = 0; i < create.length; i += 500) await api.post('/translations', create.slice(i, i + 500));
	for (const w of wanted) {
		const cur = byKey.get(`${w.key}|${w.language}`);
		if (cur && cur.value !== w.value) await api.patch(`/translations/${cur.id}`, { value: w.value });
	}
}
