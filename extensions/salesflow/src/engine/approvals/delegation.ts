// Who decides approval steps: the roles a user approves in, and — delegation (转交/代理,
// domain/approval/delegation.ts) — whom a user stands in for right now, and the rules of the delegations users keep for themselves (and managers for their team).
import { APPROVER_ROLES } from '../../../../../schema/roles';
import { activeAt, checkDelegation } from '../../domain/approval/delegation';
import { type Approver, eligible, type StepState } from '../../domain/approval/decision';
import { DomainError, invalid } from '../../domain/errors';
import { keyOf } from '../../platform/access';
import { now } from '../../platform/clock';
import { roleKeysOf } from '../../platform/context';
import { instantOf, type Row } from '../../platform/database';
import type { Knex } from 'knex';
import { type DocContext, defineRecords, type Id } from '../document-type';

/** The roles an actor approves in: a step asking a staff-wide role (schema/roles.ts) is nobody's but an administrator's. */
export const approvingRoles = (roles: string[]) => roles.filter((r) => APPROVER_ROLES.includes(r));

/** The approvers who named `user` their delegate for the instant `at`, with the roles they approve in. */
export async function delegatorsOf(db: Knex, user: string | null, at: Date): Promise<Approver[]> {
	if (!user) return [];
	const rows: Row[] = await db('approval_delegations').where({ delegate: user }).select('user', 'starts_at', 'ends_at');
	const away = [
		...new Set(
			rows
				.filter((r) => r.user && activeAt({ starts_at: instantOf(r.starts_at)!, ends_at: instantOf(r.ends_at)! }, at))
				.map((r) => String(r.user)),
		),
	];
	return Promise.all(away.map(async (u) => ({ user: u, roles: approvingRoles(await roleKeysOf(db, u)) })));
}

/**
 * Whether `user` stands in now for an approver the pending step of a request asks (not its requester):
 * such a request is theirs to decide although their permissions do not show it to them.
 */
export async function standsInFor(db: Knex, user: string | null, request: Id): Promise<boolean> {
	const delegators = await delegatorsOf(db, user, now());
	if (!delegators.length) return false;
	const r = await db('approval_requests').where({ id: request }).first('requested_by');
	const step = await db('approval_steps').where({ request, status: 'pending' }).first();
	if (!r || !step) return false;
	return delegators.some((d) => d.user !== r.requested_by && eligible(step as StepState, d));
}

const instant = (field: string, v: unknown): Date => {
	const d = instantOf(v);
	if (!d || Number.isNaN(d.getTime())) throw invalid(field, `${field} must be a date and time, got ${JSON.stringify(v ?? null)}`);
	return d;
};

/** A delegation is set for oneself, or by a manager for someone who reports to them (or by an administrator). */
async function assertMayDelegateFor(ctx: DocContext, user: string): Promise<void> {
	if (ctx.actor.admin || ctx.actor.system || user === ctx.actor.user) return;
	const u = await ctx.db('directus_users').where({ id: user }).first('manager');
	if (u && String(u.manager) === String(ctx.actor.user)) return;
	throw new DomainError('FORBIDDEN', 'a delegation is set by the approver who is away, or by their manager', 403, { field: 'user' });
}

async function checkRow(ctx: DocContext, row: Row): Promise<void> {
	const user = keyOf(row.user) as string | null;
	const delegate = keyOf(row.delegate) as string | null;
	if (!user) throw invalid('user', 'user (the approver who is away) is required');
	if (!delegate) throw invalid('delegate', 'delegate is required');
	await assertMayDelegateFor(ctx, user);
	checkDelegation({ user, delegate, starts_at: instant('starts_at', row.starts_at), ends_at: instant('ends_at', row.ends_at) });
}

export const approvalDelegations = defineRecords({
	collection: 'approval_delegations',
	onCreate: async (ctx, payload) => {
		payload.user ??= ctx.actor.user;
		await checkRow(ctx, payload);
	},
	onUpdate: async (ctx, keys: Id[], payload) => {
		for (const current of await ctx.db('approval_delegations').whereIn('id', keys)) {
			// The approver it was set for decides it, as does their manager, before and after the change.
			await assertMayDelegateFor(ctx, String(current.user));
			await checkRow(ctx, { ...current, ...payload });
		}
		return undefined;
	},
});
