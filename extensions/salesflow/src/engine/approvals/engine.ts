// The approval engine: submitting opens one request from the matched rules; decisions walk its
// steps in order. Everything runs in one transaction with row locks, so two approvers clicking at
// once produce exactly one decision, and the document's last approval — its move through the status
// door, with the document type's approval effects — commits together with it.
import type { Knex } from 'knex';
import { canDecide, nextPending, type Approver, type StepState } from '../../domain/approval/decision';
import { approvingRoles, delegatorsOf, standsInFor } from './delegation';
import { expandSteps, matchRules, mergeSteps, publicView, type RuleRecord } from '../../domain/approval/rules';
import { DomainError, invalid } from '../../domain/errors';
import { roleId } from '../../domain/ids';
import { formatMoney } from '../../domain/money';
import { dueAt } from '../../domain/calendar/work-calendar';
import { now, timeZone, workCalendar } from '../../platform/clock';
import { readableRow } from '../../platform/access';
import { asSystem, roleKeysOf } from '../../platform/context';
import { insertRow, lockRow, type Row } from '../../platform/database';
import { notify, notifyAll, usersWithRole } from '../../platform/notify';
import { nextDocumentNumber } from '../../platform/numbering';
import type { DocContext, Effect, Id, Move, TrxDocContext } from '../document-type';
import { announce, inTransaction, moveAsSystem } from '../status';
import { recomputeTotals } from '../totals';

const json = (v: unknown) => JSON.stringify(v);
const parseJson = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? fallback));

/**
 * The effect of submitting an approvable document: totals fixed from the lines as submitted, then the
 * approval request opened. Ends in pending_approval, or in the approved status when no rule asks anyone.
 */
export const submitForApproval: Effect = async (m) => {
	const type = m.documents.document(m.collection)!;
	const totals = await recomputeTotals(m.trx, type, m.id);
	const lines = m.documents.linesOf(m.collection)[0];
	const count = totals
		? totals.lines
		: lines
			? Number((await m.trx(lines.line.collection).where(lines.fk, m.id).count({ n: '*' }))[0]!.n)
			: 1;
	if (!count && !lines?.line.optionalWhen?.(m.row)) throw invalid('lines', `${m.row.number} has no lines`);
	const { lines: _, ...amounts } = totals ?? { lines: 0 };
	return openApprovalRequest(m, { ...m.row, ...amounts });
};

/** The active approval rules of a document type, as the domain reads them. */
export async function activeRules(db: Knex, collection: string): Promise<RuleRecord[]> {
	return (await db('approval_rules').where({ document: collection, active: true })).map((r: Row) => ({
		...(r as RuleRecord),
		active: Boolean(r.active),
		params: parseJson(r.params, {}),
		steps: parseJson(r.steps, []),
	}));
}

/** Opens the approval request of a submitted document; returns the document's next status. */
async function openApprovalRequest(m: Move, row: Row): Promise<string> {
	const { trx, collection } = m;
	const type = m.documents.document(collection)!;
	const rules = await activeRules(trx, collection);
	const approvalCtx = type.approvalContext ? await type.approvalContext(trx, row) : { collection, amountFen: 0n, lines: [] };
	const matched = matchRules(rules, approvalCtx);
	// What everyone involved reads, and the figures behind a confidential rule for those who may see cost.
	const shown = publicView(matched);
	// Named approvers (the products' own product managers) become one step each.
	const steps = expandSteps(mergeSteps(shown), approvalCtx.products);
	const costSteps = expandSteps(mergeSteps(matched), approvalCtx.products);
	const confidential = JSON.stringify(shown) !== JSON.stringify(matched);
	const ruleReasons = (list: typeof matched) =>
		json(list.map((x) => ({ rule: x.rule.name ?? x.rule.condition, condition: x.rule.condition, reasons: x.reasons })));
	const requester = row.owner ?? m.actor.user;
	if (!steps.length) return type.lifecycle!.approved!;
	const owner = requester ? await trx('directus_users').where({ id: requester }).first('manager') : null;
	const requestId = await insertRow(trx, 'approval_requests', {
		number: await nextDocumentNumber(trx, 'approval_requests'),
		collection,
		item: String(row.id),
		document_number: row.number,
		requested_by: requester,
		status: 'pending',
		reasons: ruleReasons(shown),
		cost_reasons: confidential ? ruleReasons(matched) : null,
		amount: formatMoney(approvalCtx.amountFen),
		date_created: now(),
		user_created: m.actor.user,
	});
	const stepRows = steps.map((s, i) => {
		if (s.approver === 'owner_manager' && !owner?.manager) {
			throw new DomainError('APPROVAL_REQUIRED', `${row.number}: the owner has no manager to approve it; set "manager" on the user`, 409);
		}
		const approver =
			s.approver === 'owner_manager'
				? { approver_user: owner!.manager, approver_role: null }
				: s.approver === 'user'
					? { approver_user: s.user, approver_role: null }
					: { approver_user: null, approver_role: s.role };
		// Nobody has approved yet, so the first step is the one to decide.
		return {
			request: requestId,
			sequence: i + 1,
			...approver,
			hours: s.hours,
			working_hours: s.working_hours,
			escalate_to: s.escalate_to ?? null,
			due_at: i === 0 ? stepDueAt(s) : null,
			status: i === 0 ? 'pending' : 'waiting',
			reasons: json(s.reasons),
			cost_reasons: confidential ? json(costSteps[i]!.reasons) : null,
		};
	});
	await trx('approval_steps').insert(stepRows);
	await trx(collection).where({ id: row.id }).update({ approval_request: requestId });
	const next = await advance(
		m,
		requestId,
		collection,
		row,
		stepRows.map((r) => ({ ...r, id: 0, decided_by: null }) as StepState),
	);
	return next ?? type.lifecycle!.approved!;
}

/**
 * When a step that becomes pending now falls due, on the company clock and calendar (working hours 09:00–18:00).
 * A step stored before time limits existed has no hours: it gets no deadline rather than an invented one.
 */
function stepDueAt(s: { hours?: number | null; working_hours?: boolean }): Date | null {
	if (!s.hours) return null;
	return dueAt(now(), Number(s.hours), { workingHours: Boolean(s.working_hours), calendar: workCalendar(), timeZone: timeZone() });
}

/** Approvers who already approved in this request, with their roles (not asked twice). */
async function approversSoFar(t: TrxDocContext, steps: StepState[]): Promise<Approver[]> {
	const users = [...new Set(steps.filter((s) => s.status === 'approved' && s.decided_by).map((s) => s.decided_by!))];
	return Promise.all(users.map(async (user) => ({ user, roles: await roleKeysOf(t.trx, user) })));
}

/**
 * Moves to the next undecided step of `steps` (the request's steps as they now stand): returns
 * 'pending_approval' while someone is still to decide, null when every step is approved.
 */
async function advance(t: TrxDocContext, requestId: Id, collection: string, row: Row, steps: StepState[]): Promise<string | null> {
	const { trx } = t;
	// Earlier approvers matter only for steps still waiting (they are not asked twice).
	const approvers = steps.some((s) => s.status === 'waiting') ? await approversSoFar(t, steps) : [];
	const { autoApprove, next } = nextPending(steps, approvers);
	for (const { step, by } of autoApprove) {
		await trx('approval_steps').where({ id: step.id }).update({
			status: 'approved',
			decided_by: by,
			decided_at: now(),
			comment: 'auto: already approved earlier in this request / 同一审批人已审批',
		});
	}
	if (!next) return null;
	if (next.status !== 'pending') {
		const limit = await trx('approval_steps').where({ id: next.id }).first('hours', 'working_hours');
		await trx('approval_steps')
			.where({ id: next.id })
			.update({ status: 'pending', due_at: stepDueAt({ hours: limit?.hours, working_hours: Boolean(limit?.working_hours) }) });
	}
	const recipients = next.approver_user ? [next.approver_user] : await usersWithRole(trx, roleId(next.approver_role!));
	announce(t, {
		name: 'salesflow.approval.requested',
		payload: { request: requestId, collection, id: row.id, number: row.number ?? null, step: next.sequence, approvers: recipients },
	});
	await notifyAll(
		trx,
		recipients.filter((r) => r !== row.owner),
		{
			sender: t.actor.user,
			subject: `待审批 / Approval needed: ${row.number}`,
			message: `${row.number} — step ${next.sequence}`,
			collection: 'approval_requests',
			item: requestId,
		},
	);
	return 'pending_approval';
}

export type Decision = { decision: 'approve' | 'reject'; comment?: string | null };

/**
 * A caller's decision (the /approvals routes, the salesflow-approve Flow operation): a request they take
 * no part in answers like a missing one — unless they stand in for its approver (审批代理).
 */
export async function decideAsCaller(ctx: DocContext, requestId: number, d: Decision): Promise<void> {
	if (!(await standsInFor(ctx.db, ctx.actor.user, requestId))) await readableRow(ctx, 'approval_requests', requestId, 'approval request');
	await decide(ctx, requestId, d);
}

/** One approver's decision on the current step of a request. */
export async function decide(ctx: DocContext, requestId: Id, d: Decision): Promise<void> {
	await inTransaction(ctx, async (t) => {
		const { trx } = t;
		const request = await lockRow(trx, 'approval_requests', requestId);
		if (!request) throw new DomainError('NOT_FOUND', `approval request ${requestId} does not exist`, 404);
		if (request.status !== 'pending')
			throw new DomainError('REQUEST_CLOSED', `${request.number} is already ${request.status}`, 409, { status: request.status });
		const steps = (await trx('approval_steps').where({ request: requestId }).orderBy('sequence')) as StepState[];
		const step = steps.find((s) => s.status === 'pending');
		if (!step) throw new DomainError('REQUEST_CLOSED', `${request.number} has no pending step`, 409);
		const at = now();
		const delegators = await delegatorsOf(trx, t.actor.user, at);
		const onBehalfOf = canDecide(
			step,
			{ user: t.actor.user ?? '', roles: approvingRoles(t.actor.roles), admin: t.actor.admin },
			request.requested_by,
			delegators,
		);
		const row = await lockRow(trx, request.collection, request.item);
		if (row?.status !== 'pending_approval')
			throw new DomainError('REQUEST_CLOSED', `${request.document_number} is no longer pending approval`, 409);
		const system = asSystem(t);
		const comment = d.comment ?? null;
		const verdict = d.decision === 'reject' ? 'rejected' : 'approved';
		announce(t, {
			name: 'salesflow.approval.decided',
			payload: {
				request: requestId,
				collection: request.collection,
				id: row.id,
				number: request.document_number ?? null,
				decision: verdict,
				step: step.sequence,
				user: t.actor.user,
			},
		});
		if (verdict === 'rejected') {
			if (!comment?.trim()) throw invalid('comment', 'A rejection needs a comment');
			await trx('approval_steps')
				.where({ id: step.id })
				.update({ status: 'rejected', decided_by: t.actor.user, on_behalf_of: onBehalfOf, decided_at: at, comment });
			await trx('approval_steps').where({ request: requestId, status: 'waiting' }).update({ status: 'skipped' });
		} else {
			await trx('approval_steps')
				.where({ id: step.id })
				.update({ status: 'approved', decided_by: t.actor.user, on_behalf_of: onBehalfOf, decided_at: at, comment });
			const decided = steps.map((s) => (s.id === step.id ? { ...s, status: 'approved' as const, decided_by: t.actor.user } : s));
			if (await advance(system, requestId, request.collection, row, decided)) return;
		}
		await closeRequest(system, requestId, verdict, at);
		const to = verdict === 'rejected' ? 'rejected' : t.documents.document(request.collection)!.lifecycle!.approved!;
		await moveAsSystem(system, { collection: request.collection, id: row.id, to, reason: comment });
		if (request.requested_by) {
			await notify(trx, {
				recipient: request.requested_by,
				sender: t.actor.user,
				subject: `${verdict === 'rejected' ? '已驳回 / Rejected' : '已批准 / Approved'}: ${request.document_number}`,
				message: comment ?? undefined,
				collection: request.collection,
				item: row.id,
			});
		}
	});
}

async function closeRequest(t: TrxDocContext, requestId: Id, to: 'approved' | 'rejected', at: Date): Promise<void> {
	await moveAsSystem(t, { collection: 'approval_requests', id: requestId, to });
	await t.trx('approval_requests').where({ id: requestId }).update({ decided_at: at });
}
