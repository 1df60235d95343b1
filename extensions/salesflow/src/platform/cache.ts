// Our rules write some rows with SQL (stock levels and moves, totals, approval steps, rollups,
// history), which Directus' item cache does not see. With CACHE_ENABLED and CACHE_AUTO_PURGE —
// the production shape — we purge the data cache after such writes, as Directus does after its own.
import type { ApiExtensionContext, SchemaOverview } from '@directus/types';

/** Directus' data cache, which its item services hold but do not type. */
type WithCache = { cache?: { clear: () => Promise<void> } | null };

/** A function that purges Directus' data cache (a no-op when caching or auto-purge is off). */
export function dataCachePurger(ext: Pick<ApiExtensionContext, 'services' | 'env'>): () => Promise<void> {
	// Callers in one burst (a 500-line order's after-commit actions) share one purge that starts
	// after all of them wrote; a caller arriving once it has started gets the next one.
	let queued: Promise<void> | undefined;
	const clear = async () => {
		queued = undefined;
		const service = new ext.services.ItemsService('directus_users', { schema: null as unknown as SchemaOverview }) as unknown as WithCache;
		await service.cache?.clear();
	};
	return () => {
		if (!ext.env?.CACHE_AUTO_PURGE) return Promise.resolve();
		queued ??= new Promise<void>((resolve) => setImmediate(resolve)).then(clear);
		return queued;
	};
}
