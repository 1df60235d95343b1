// Roles, one policy per role, and the permissions of schema/access.ts — created or updated by
// fixed ids, extra permissions of our policies removed. Idempotent.
import { ACCESS, type Action, approvalScope, filesScope, historyScope, scopeFilter } from '../schema/access';
import { ROLES } from '../schema/roles';
import { COCKPIT, dashboardId } from '../schema/dashboard';
import { policyId, roleId } from '../extensions/salesflow/src/domain/ids';
import type { AdminApi } from './lib/admin-api';

type Permission = {
	policy: string;
	collection: string;
	action: Action;
	permissions: unknown;
	validation: unknown;
	presets: unknown;
	fields: string[];
};

/** Directus' own collections every role needs beyond the app-access minimum; the cockpit only for its roles. */
function systemPermissions(policy: string, role: string): Permission[] {
	const p = (collection: string, action: Action, fields: string[], permissions: unknown = null): Permission => ({
		policy,
		collection,
		action,
		permissions,
		validation: null,
		presets: null,
		fields,
	});
	const cockpit = COCKPIT.roles.includes(role);
	return [
		p('directus_users', 'read', ['id', 'first_name', 'last_name', 'email', 'avatar', 'role', 'manager', 'title', 'status']),
		p('directus_roles', 'read', ['id', 'name', 'icon', 'description']),
		p('directus_dashboards', 'read', ['*'], cockpit ? null : { id: { _nin: [dashboardId()] } }),
		p('directus_panels', 'read', ['*'], cockpit ? null : { dashboard: { _nin: [dashboardId()] } }),
		// Files: staff upload (contract scans…), read their own uploads and the files of documents they
		// may read, and rename their own uploads.
		p('directus_files', 'create', ['*']),
		p('directus_files', 'read', ['*'], filesScope(role)),
		p('directus_files', 'update', ['title', 'description', 'filename_download', 'tags', 'folder'], {
			uploaded_by: { _eq: '$CURRENT_USER' },
		}),
		p('directus_folders', 'read', ['*']),
	];
}

export function wantedPermissions(): Permission[] {
	const out: Permission[] = [];
	for (const role of ROLES) {
		const policy = policyId(role.key);
		out.push(...systemPermissions(policy, role.key));
		for (const [collection, grant] of Object.entries(ACCESS[role.key] ?? {})) {
			for (const [action, scope] of Object.entries(grant) as Array<[Action, NonNullable<(typeof grant)[Action]>]>) {
				out.push({
					policy,
					collection,
					action,
					permissions: scopeFilter(collection, scope),
					validation: null,
					presets: null,
					fields: ['*'],
				});
			}
		}
		out.push({
			policy,
			collection: 'status_history',
			action: 'read',
			permissions: historyScope(role.key),
			validation: null,
			presets: null,
			fields: ['*'],
		});
		const approvals = approvalScope(role.key);
		out.push({
			policy,
			collection: 'approval_requests',
			action: 'read',
			permissions: approvals,
			validation: null,
			presets: null,
			fields: ['*'],
		});
		out.push({
			policy,
			collection: 'approval_steps',
			action: 'read',
			permissions: approvals ? { request: approvals } : null,
			validation: null,
			presets: null,
			fields: ['*'],
		});
		// Deciding from the data app: the hook turns this update into the engine's decision.
		const mine = { _or: [{ approver_user: { _eq: '$CURRENT_USER' } }, { approver_role: { _eq: role.key } }] };
		out.push({
			policy,
			collection: 'approval_steps',
			action: 'update',
			permissions: mine,
			validation: null,
			presets: null,
			fields: ['status', 'comment'],
		});
	}
	return out;
}

const key = (p: { policy: string; collection: string; action: string }) => `${p.policy}|${p.collection}|${p.action}`;
const same = (a: any, b: any) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function applyAccess(api: AdminApi, log: (m: string) => void = () => {}): Promise<void> {
	const roles = new Set((await api.get<any[]>('/roles?limit=-1&fields=id')).map((r) => r.id));
	const policies = new Set((await api.get<any[]>('/policies?limit=-1&fields=id')).map((p) => p.id));
	for (const role of ROLES) {
		const policy = {
			name: `Salesflow · ${role.label.en} / ${role.label.zh}`,
			icon: role.icon,
			description: `${role.does.en} / ${role.does.zh}`,
			app_access: true,
			admin_access: false,
			enforce_tfa: false,
		};
		if (policies.has(policyId(role.key))) await api.patch(`/policies/${policyId(role.key)}`, policy);
		else {
			log(`create policy ${role.key}`);
			await api.post('/policies', { id: policyId(role.key), ...policy });
		}
		const roleBody = { name: `${role.label.zh} ${role.label.en}`, icon: role.icon, description: `${role.key}: ${role.does.en}` };
		if (roles.has(roleId(role.key))) await api.patch(`/roles/${roleId(role.key)}`, roleBody);
		else {
			log(`create role ${role.key}`);
			await api.post('/roles', { id: roleId(role.key), ...roleBody, policies: { create: [{ policy: policyId(role.key) }] } });
		}
	}

	const ours = new Set(ROLES.map((r) => policyId(r.key)));
	const existing = (await api.get<any[]>('/permissions?limit=-1')).filter((p) => ours.has(p.policy));
	const byKey = new Map(existing.map((p) => [key(p), p]));
	const wanted = wantedPermissions();
	const wantedKeys = new Set(wanted.map(key));
	const toCreate = wanted.filter((w) => !byKey.has(key(w)));
	if (toCreate.length) await api.post('/permissions', toCreate);
	for (const w of wanted) {
		const cur = byKey.get(key(w));
		if (
			cur &&
			!(
				same(cur.permissions, w.permissions) &&
				same(cur.fields, w.fields) &&
				same(cur.validation, w.validation) &&
				same(cur.presets, w.presets)
			)
		) {
			await api.patch(`/permissions/${cur.id}`, {
				permissions: w.permissions,
				fields: w.fields,
				validation: w.validation,
				presets: w.presets,
			});
		}
	}
	const extra = existing.filter((p) => !wantedKeys.has(key(p))).map((p) => p.id);
	if (extra.length) await api.delete('/permissions', extra);
}
