// Roles, one policy per role, and the permissions of schema/access.ts — created or updated by
// fixed ids, extra permissions of our policies removed. Idempotent.
import {
	ACCESS,
	type Action,
	allowedFields,
	approvalScope,
	decidableSteps,
	EXTRA_POLICIES,
	filesScope,
	historyScope,
	type LiveField,
	ruleScope,
	scopeFilter,
	deleteScope,
} from '../schema/access';
import { ROLES } from '../schema/roles';
import { COCKPIT, dashboardId } from '../schema/dashboard';
import { COLLEAGUE_FIELDS, colleaguesFilter } from '../extensions/salesflow/src/domain/colleague-fields';
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

const permission = (policy: string, collection: string, action: Action, permissions: unknown, fields = ['*']): Permission => ({
	policy,
	collection,
	action,
	permissions,
	validation: null,
	presets: null,
	fields,
});

/** Directus' own collections every role needs beyond the app-access minimum; the cockpit only for its roles. */
function systemPermissions(policy: string, role: string): Permission[] {
	const p = (collection: string, action: Action, fields: string[], permissions: unknown = null) =>
		permission(policy, collection, action, permissions, fields);
	const cockpit = COCKPIT.roles.includes(role);
	return [
		// Colleagues: names and roles of Salesflow staff only (own record: Directus' app-access minimum).
		p('directus_users', 'read', [...COLLEAGUE_FIELDS], colleaguesFilter(ROLES.map((r) => roleId(r.key)))),
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

/** Every permission of our policies; `fieldsOf` is the live schema (fields an administrator added count too). */
export function wantedPermissions(fieldsOf: (collection: string) => LiveField[]): Permission[] {
	const all: Permission[] = [];
	for (const role of ROLES) {
		const policy = policyId(role.key);
		const approvals = approvalScope(role.key);
		const rolePermissions: Permission[] = [
			...Object.entries(ACCESS[role.key] ?? {}).flatMap(([collection, grant]) =>
				(Object.entries(grant) as Array<[Action, NonNullable<(typeof grant)[Action]>]>).map(([action, scope]) =>
					permission(
						policy,
						collection,
						action,
						collection === 'approval_rules' && action === 'read'
							? ruleScope(role.key)
							: action === 'delete'
								? deleteScope(collection, scope)
								: scopeFilter(collection, scope),
					),
				),
			),
			permission(policy, 'status_history', 'read', historyScope(role.key)),
			permission(policy, 'approval_requests', 'read', approvals),
			permission(policy, 'approval_steps', 'read', approvals ? { request: approvals } : null),
			// Deciding from the data app: the hook turns this update into the engine's decision.
			permission(policy, 'approval_steps', 'update', decidableSteps(role.key), ['status', 'comment']),
		];
		for (const p of rolePermissions)
			if (same(p.fields, ['*'])) p.fields = allowedFields(role.key, p.collection, p.action, fieldsOf(p.collection));
		all.push(...systemPermissions(policy, role.key), ...rolePermissions);
	}
	for (const extra of EXTRA_POLICIES)
		for (const p of extra.permissions) all.push(permission(policyId(extra.key), p.collection, p.action, p.filter, p.fields));
	return all;
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

	for (const extra of EXTRA_POLICIES) {
		const policy = {
			name: `Salesflow · ${extra.label.en} / ${extra.label.zh}`,
			icon: 'lock_open',
			description: `${extra.key}: ${extra.roles.join(', ')}`,
			app_access: false,
			admin_access: false,
			enforce_tfa: false,
		};
		if (policies.has(policyId(extra.key))) await api.patch(`/policies/${policyId(extra.key)}`, policy);
		else await api.post('/policies', { id: policyId(extra.key), ...policy });
		const attached = new Set(
			(await api.get<any[]>(`/access?limit=-1&fields=role&filter[policy][_eq]=${policyId(extra.key)}`)).map((a) => a.role),
		);
		for (const role of extra.roles.filter((r) => !attached.has(roleId(r))))
			await api.post('/access', { role: roleId(role), policy: policyId(extra.key) });
	}

	const fields = new Map<string, LiveField[]>();
	for (const f of await api.get<any[]>('/fields?limit=-1')) {
		if (!fields.has(f.collection)) fields.set(f.collection, []);
		fields.get(f.collection)!.push({ field: f.field, special: f.meta?.special ?? null });
	}
	const ours = new Set([...ROLES.map((r) => policyId(r.key)), ...EXTRA_POLICIES.map((p) => policyId(p.key))]);
	const existing = (await api.get<any[]>('/permissions?limit=-1')).filter((p) => ours.has(p.policy));
	const byKey = new Map(existing.map((p) => [key(p), p]));
	const wanted = wantedPermissions((c) => fields.get(c) ?? []);
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
