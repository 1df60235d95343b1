// Pure formatting for the cockpit panels: labels in the viewer's language, money and quantities
// from the exact decimal strings the reports return (no floating point for amounts shown).
import { collectionLabel, statusLabel } from '../../../../../schema/labels';

export type Lang = 'zh' | 'en';

export const langOf = (code: string | null | undefined): Lang => ((code ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

export const tr = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1234567.5" → "¥1,234,567.50"; null → "—". */
export function money(v: string | null | undefined, symbol = '¥'): string {
	if (v === null || v === undefined || v === '') return '—';
	const neg = v.startsWith('-');
	const [int = '0', frac = ''] = v.replace(/^[-+]/, '').split('.');
	return `${neg ? '-' : ''}${symbol}${group(int)}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

/** A quantity string for people: "1234.5" → "1,234.5". */
export function qty(v: string | number | null | undefined): string {
	if (v === null || v === undefined || v === '') return '—';
	const s = String(v);
	const neg = s.startsWith('-');
	const [int = '0', frac] = s.replace(/^[-+]/, '').split('.');
	return `${neg ? '-' : ''}${group(int)}${frac ? `.${frac}` : ''}`;
}

/** Whole fen of a money string, exactly. */
export function fen(v: string | null | undefined): bigint {
	if (!v) return 0n;
	const neg = v.startsWith('-');
	const [int = '0', frac = ''] = v.replace(/^[-+]/, '').split('.');
	const n = BigInt(int + frac.padEnd(2, '0').slice(0, 2));
	return neg ? -n : n;
}

/** Short money for chart axes and tiles: 158600.00 → "15.9万" / "158.6k". */
export function compactMoney(v: string | null | undefined, lang: Lang): string {
	const n = fen(v);
	const neg = n < 0n;
	const yuan = (neg ? -n : n) / 100n;
	const units: Array<[bigint, string]> =
		lang === 'zh'
			? [
					[100_000_000n, '亿'],
					[10_000n, '万'],
				]
			: [
					[1_000_000_000n, 'B'],
					[1_000_000n, 'M'],
					[1_000n, 'k'],
				];
	for (const [size, suffix] of units) {
		if (yuan >= size) {
			const tenths = (yuan * 10n + size / 2n) / size;
			const s = tenths % 10n === 0n ? `${tenths / 10n}` : `${tenths / 10n}.${tenths % 10n}`;
			return `${neg ? '-' : ''}¥${s}${suffix}`;
		}
	}
	return `${neg ? '-' : ''}¥${group(String(yuan))}`;
}

/** Money as a number of yuan, only for drawing (bar heights), never for sums shown to people. */
export const plotValue = (v: string | null | undefined) => Number(fen(v)) / 100;

export const percent = (v: string | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** A panel option that picks an item (collection-item-dropdown) gives { key }; plain inputs give the value. */
export function optionKey(v: unknown): string | undefined {
	if (v === null || v === undefined || v === '') return undefined;
	if (typeof v === 'object') {
		const key = (v as { key?: unknown }).key;
		return key === undefined || key === null ? undefined : String(key);
	}
	return String(v);
}

/** The message of a failed API call in Directus' error format. */
export function errorText(e: unknown): string {
	const err = e as { response?: { data?: { errors?: Array<{ message?: string }> } }; message?: string } | null;
	return err?.response?.data?.errors?.[0]?.message ?? err?.message ?? String(e);
}

/** A collection's name in the viewer's language (from the schema's labels). */
export const collectionName = (collection: string, lang: Lang) => collectionLabel(collection)?.[lang] ?? collection;

/** A status's name for a collection in the viewer's language (from the schema's status choices). */
export const statusName = (collection: string, status: string, lang: Lang) => statusLabel(collection, status)?.[lang] ?? status;

/** Where the data app shows an item. */
export const itemLink = (collection: string, id: string | number) => `/content/${collection}/${id}`;
