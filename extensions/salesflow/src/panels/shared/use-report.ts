// What every report panel does: read GET /reports/:name with its options as filters (again when
// the options change or the dashboard refreshes), and know the viewer's language.
import { useApi, useStores } from '@directus/extensions-sdk';
import { computed, ref, watch, type Ref } from 'vue';
import { errorText, langOf, type Lang } from './format';

/** The viewer's language: their own setting, else the project default, else the browser's. */
export function useLang(): Ref<Lang> {
	const { useUserStore, useSettingsStore } = useStores();
	// The app's stores are untyped for extensions: only the fields read here.
	const user = useUserStore() as { currentUser?: { language?: string | null } | null };
	const settings = useSettingsStore() as { settings?: { default_language?: string | null } | null };
	return computed(() =>
		langOf(
			user.currentUser?.language ?? settings.settings?.default_language ?? (typeof navigator === 'undefined' ? 'en' : navigator.language),
		),
	);
}

export function useReport<T>(name: string, params: () => Record<string, string | undefined>, refresh: () => unknown = () => null) {
	const api = useApi();
	const data = ref<T | null>(null) as Ref<T | null>;
	const loading = ref(true);
	const error = ref<string | null>(null);
	let latest = 0;

	async function load() {
		const mine = ++latest;
		loading.value = true;
		error.value = null;
		try {
			const query = Object.fromEntries(Object.entries(params()).filter(([, v]) => v !== undefined && v !== ''));
			const res = await api.get(`/reports/${name}`, { params: query });
			if (mine === latest) data.value = res.data.data as T;
		} catch (e) {
			if (mine === latest) {
				error.value = errorText(e);
				data.value = null;
			}
		} finally {
			if (mine === latest) loading.value = false;
		}
	}

	watch(() => [JSON.stringify(params()), refresh()], load, { immediate: true });
	return { data, loading, error, reload: load };
}
