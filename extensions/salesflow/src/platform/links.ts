/** The item in the data app, for a notification's message (PUBLIC_URL, as Directus itself links). */
export function itemLink(collection: string, id: string | number): string {
	const base = (process.env.PUBLIC_URL ?? '').replace(/\/+$/, '');
	return `${base}/admin/content/${collection}/${id}`;
}
