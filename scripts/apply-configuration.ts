// Business configuration kept as data: approval rules (shipped defaults, admin-editable),
// dashboards and bookmarks join here as their features land.
import { DEFAULT_RULES } from '../extensions/salesflow/src/domain/approval/rules';
import { zonedDateTime } from '../extensions/salesflow/src/domain/calendar/work-calendar';
import { businessTimeZone } from '../extensions/salesflow/src/domain/crm';
import { BOOKMARKS, LIST_VIEWS, bookmarkFilter } from '../schema/bookmarks';
import { EXAMPLE_FLOWS } from '../schema/flows';
import { roleId } from '../extensions/salesflow/src/domain/ids';
import type { AdminApi } from './lib/admin-api';
import { applyDashboard } from './apply-dashboard';

export async function applyConfiguration(api: AdminApi, log: (m: string) => void = () => {}): Promise<void> {
	await applyBookmarks(api);
	await applyListViews(api);
	await applyDashboard(api, log);
	await applyExampleFlows(api, log);
	await applyDefaultCommissionRate(api, log);
	// Default rules are created once by key; an admin's later edits are kept.
	const existing = new Set((await api.get<any[]>('/items/approval_rules?limit=-1&fields=key')).map((r) => r.key));
	const missing = DEFAULT_RULES.filter((r: any) => !existing.has(r.key));
	if (missing.length) {
		log(`create ${missing.length} approval rules`);
		// Created inactive, then switched on together: amount tiers are only valid as a set.
		const created = await api.post<any[]>(
			'/items/approval_rules',
			missing.map((r) => ({
				key: r.key,
				name: `${r.name.zh} / ${r.name.en}`,
				document: r.document,
				condition: r.condition,
				params: r.params ?? {},
				steps: r.steps,
				priority: r.priority,
				active: false,
			})),
		);
		await api.patch('/items/approval_rules', { keys: created.map((r) => r.id), data: { active: true } });
	}
}

/**
 * The default commission rate (提成比例 with neither product group nor customer grade) at 0 %, once: every
 * invoice line then has a rate, so the commission report answers before finance has set any; the rate
 * table keeps that row (documents/commission-rates), and finance sets its rate.
 */
async function applyDefaultCommissionRate(api: AdminApi, log: (m: string) => void): Promise<void> {
	const rows = await api.get<any[]>('/items/commission_rates?limit=-1&fields=product_group,customer_grade');
	if (rows.some((r) => !r.product_group && !r.customer_grade)) return;
	log('create the default commission rate (0 %)');
	await api.post('/items/commission_rates', { rate: '0.00', memo: '默认提成比例 / Default rate' });
}

/** Minutes the zone's wall clock is ahead of UTC now. */
function utcOffsetMinutes(zone: string, at = new Date(Math.floor(Date.now() / 60_000) * 60_000)): number {
	const wall = zonedDateTime(at, zone);
	return Math.round((Date.parse(`${wall.date}T${wall.time}:00Z`) - at.getTime()) / 60_000);
}

/** Role bookmarks (saved views), kept in step with schema/bookmarks.ts by (name, role). */
export async function applyBookmarks(api: AdminApi): Promise<void> {
	const settings = await api.get<{ time_zone?: string } | null>('/items/salesflow_settings');
	const offset = utcOffsetMinutes(settings?.time_zone ?? businessTimeZone(process.env));
	const existing = await api.get<any[]>('/presets?limit=-1&filter[bookmark][_nnull]=true&fields=id,bookmark,role');
	const byKey = new Map(existing.map((p) => [`${p.bookmark}|${p.role}`, p]));
	const create = [];
	for (const b of BOOKMARKS) {
		for (const role of b.roles) {
			const body = {
				bookmark: b.name,
				role: roleId(role),
				user: null,
				collection: b.collection,
				icon: b.icon,
				color: b.color ?? null,
				layout: 'tabular',
				layout_query: { tabular: { fields: b.fields, sort: b.sort, page: 1 } },
				filter: bookmarkFilter(b, role, offset),
			};
			const cur = byKey.get(`${b.name}|${roleId(role)}`);
			if (cur) await api.patch(`/presets/${cur.id}`, body);
			else create.push(body);
		}
	}
	if (create.length) await api.post('/presets', create);
}

/** The example Flows (schema/flows.ts), created once and inactive; an admin's later edits are kept. */
async function applyExampleFlows(api: AdminApi, log: (m: string) => void): Promise<void> {
	const existing = new Set((await api.get<any[]>('/flows?limit=-1&fields=id')).map((f) => f.id));
	for (const { operation, ...flow } of EXAMPLE_FLOWS) {
		if (existing.has(flow.id)) continue;
		log(`create the example flow ${flow.name}`);
		await api.post('/flows', { ...flow, status: 'inactive', accountability: 'all' });
		await api.post('/operations', { ...operation, flow: flow.id, position_x: 19, position_y: 1 });
		await api.patch(`/flows/${flow.id}`, { operation: operation.id });
	}
}

/** Role list defaults (presets without a bookmark name), kept in step with LIST_VIEWS by (collection, role). */
export async function applyListViews(api: AdminApi): Promise<void> {
	const existing = await api.get<any[]>(
		'/presets?limit=-1&filter[bookmark][_null]=true&filter[role][_nnull]=true&filter[user][_null]=true&fields=id,collection,role',
	);
	const byKey = new Map(existing.map((p) => [`${p.collection}|${p.role}`, p]));
	const create = [];
	for (const v of LIST_VIEWS) {
		for (const role of v.roles) {
			const body = {
				bookmark: null,
				role: roleId(role),
				user: null,
				collection: v.collection,
				layout: 'tabular',
				layout_query: { tabular: { fields: v.fields, sort: v.sort, page: 1 } },
			};
			const cur = byKey.get(`${v.collection}|${roleId(role)}`);
			if (cur) await api.patch(`/presets/${cur.id}`, body);
			else create.push(body);
		}
	}
	if (create.length) await api.post('/presets', create);
}
