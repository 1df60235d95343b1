// Business configuration kept as data: approval rules (shipped defaults, admin-editable),
// dashboards and bookmarks join here as their features land.
import { DEFAULT_RULES } from '../extensions/salesflow/src/domain/approval/rules';
import type { AdminApi } from './lib/admin-api';

export async function applyConfiguration(api: AdminApi, log: (m: string) => void = () => {}): Promise<void> {
	// Default rules are created once by key; an admin's later edits are kept.
	const existing = new Set((await api.get<any[]>('/items/approval_rules?limit=-1&fields=key')).map((r) => r.key));
	const missing = DEFAULT_RULES.filter((r: any) => !existing.has(r.key));
	if (missing.length) {
		log(`create ${missing.length} approval rules`);
		// Created inactive, then switched on together: amount tiers are only valid as a set.
		const created = await api.post<any[]>(
			'/items/approval_rules',
			missing.map((r) => ({ key: r.key, name: `${r.name.zh} / ${r.name.en}`, document: r.document, condition: r.condition, params: r.params ?? {}, steps: r.steps, priority: r.priority, active: false })),
		);
		await api.patch('/items/approval_rules', { keys: created.map((r) => r.id), data: { active: true } });
	}
}
