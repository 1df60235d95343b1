// A document's timeline for its page in the data app: its approval requests step by step (approvers,
// decisions, comments, time limits) and its status history. The caller has already been shown the
// document; the figures behind confidential rules are left out, as in every approval view.
import type { Knex } from 'knex';
import { ROLES } from '../../../../../schema/roles';
import type { Text } from '../../domain/document-actions';
import { now } from '../../platform/clock';
import type { Row } from '../../platform/database';
import type { Id } from '../document-type';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | number).toISOString());

/** Display names of users, surname first as Chinese names are written. */
export async function userNames(db: Knex, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
	const rows: Row[] = wanted.length
		? await db('directus_users').whereIn('id', wanted).select('id', 'first_name', 'last_name', 'email')
		: [];
	return new Map(rows.map((u) => [u.id, `${u.last_name ?? ''}${u.first_name ?? ''}` || u.email || u.id]));
}

/** Whom a step asks: a named user, or everyone in a role (its label). */
export function approverOf(step: Row, names: Map<string, string>): Text {
	if (step.approver_user) {
		const name = names.get(step.approver_user) ?? step.approver_user;
		return { zh: name, en: name };
	}
	const role = ROLES.find((r) => r.key === step.approver_role);
	return role ? { ...role.label } : { zh: String(step.approver_role), en: String(step.approver_role) };
}

/** The approvers of a request's steps still to decide, in order. */
export async function openApprovers(db: Knex, requestId: Id): Promise<Text[]> {
	const steps: Row[] = await db('approval_steps')
		.where({ request: requestId })
		.whereIn('status', ['pending', 'waiting'])
		.orderBy('sequence');
	const names = await userNames(
		db,
		steps.map((s) => s.approver_user),
	);
	return steps.map((s) => approverOf(s, names));
}

export async function documentTimeline(db: Knex, collection: string, id: Id) {
	const requests: Row[] = await db('approval_requests')
		.where({ collection, item: String(id) })
		.orderBy('id');
	const steps: Row[] = requests.length
		? await db('approval_steps')
				.whereIn(
					'request',
					requests.map((r) => r.id),
				)
				.orderBy(['request', 'sequence'])
		: [];
	const history: Row[] = await db('status_history')
		.where({ collection, item: String(id) })
		.orderBy('id');
	const names = await userNames(db, [
		...requests.map((r) => r.requested_by),
		...steps.flatMap((s) => [s.approver_user, s.decided_by, s.on_behalf_of]),
		...history.map((h) => h.moved_by),
	]);
	const name = (u: string | null) => (u ? (names.get(u) ?? u) : null);
	const at = now().getTime();
	return {
		approvals: requests.map((r) => ({
			id: r.id,
			number: r.number,
			status: r.status,
			requested_by: name(r.requested_by),
			requested_at: iso(r.date_created),
			decided_at: iso(r.decided_at),
			steps: steps
				.filter((s) => String(s.request) === String(r.id))
				.map((s) => ({
					sequence: Number(s.sequence),
					approver: approverOf(s, names),
					status: s.status,
					decided_by: name(s.decided_by),
					on_behalf_of: name(s.on_behalf_of),
					decided_at: iso(s.decided_at),
					comment: s.comment ?? null,
					due_at: iso(s.due_at),
					overdue: s.status === 'pending' && s.due_at ? new Date(s.due_at).getTime() < at : false,
				})),
		})),
		history: history.map((h) => ({
			from: h.from_status,
			to: h.to_status,
			by: name(h.moved_by),
			by_system: Boolean(h.by_system),
			reason: h.reason ?? null,
			at: iso(h.date_created),
		})),
	};
}
