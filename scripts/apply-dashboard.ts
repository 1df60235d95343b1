// The dashboards of schema/dashboard.ts (Sales cockpit, Excel import) created or brought up to date by
// fixed ids. Idempotent: a second run changes nothing; panels someone added to a dashboard are kept.
import { DASHBOARDS, dashboardId, panelId } from '../schema/dashboard';
import type { AdminApi } from './lib/admin-api';

const same = (a: any, b: Record<string, unknown>) =>
	Object.entries(b).every(([k, v]) => JSON.stringify(a?.[k] ?? null) === JSON.stringify(v ?? null));

export async function applyDashboard(api: AdminApi, log: (m: string) => void = () => {}): Promise<void> {
	for (const board of DASHBOARDS) {
		const id = dashboardId(board.key);
		const dashboard = { name: board.name, icon: board.icon, color: board.color, note: board.note };
		const [current] = await api.get<any[]>(`/dashboards?filter[id][_eq]=${id}&fields=id,name,icon,color,note`);
		if (!current) {
			log(`create dashboard ${board.key}`);
			await api.post('/dashboards', { id, ...dashboard });
		} else if (!same(current, dashboard)) await api.patch(`/dashboards/${id}`, dashboard);

		const existing = new Map((await api.get<any[]>(`/panels?filter[dashboard][_eq]=${id}&limit=-1`)).map((p) => [p.id, p]));
		const create = [];
		for (const p of board.panels) {
			const body = {
				dashboard: id,
				name: p.name,
				icon: p.icon,
				color: p.color ?? null,
				note: p.note ?? null,
				show_header: true,
				type: p.type,
				position_x: p.x,
				position_y: p.y,
				width: p.width,
				height: p.height,
				options: p.options ?? {},
			};
			const cur = existing.get(panelId(p.key, board.key));
			if (!cur) create.push({ id: panelId(p.key, board.key), ...body });
			else if (!same(cur, body)) await api.patch(`/panels/${cur.id}`, body);
		}
		if (create.length) {
			log(`create ${create.length} ${board.key} panels`);
			await api.post('/panels', create);
		}
	}
}
