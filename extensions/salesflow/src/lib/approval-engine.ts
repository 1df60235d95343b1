// The approval engine: submitting opens one request from the matched rules; decisions walk its
// steps in order. Everything runs in the caller's transaction with row locks, so two approvers
// clicking at once produce exactly one decision, and the last approval's side effects commit
// together with it.
import type { Knex } from 'knex';
import { canDecide, nextPending, type Approver, type StepState } from '../domain/approval/decision';
import { matchRules, mergeSteps, type RuleRecord } from '../domain/approval/rules';
import { DomainError } from '../domain/errors';
import { roleId } from '../domain/ids';
import { formatMoney } from '../domain/money';
import { APPROVED_STATUS } from '../domain/state-machines';
import { actorOf, type Actor } from './actor';
import { buildApprovalContext } from './approval-context';
import { lockRow, type RuleContext } from './context';
import { nextDocumentNumber } from './numbering';
import { notify, notifyAll, usersWithRole } from './notify';

/** May return the status the document ends in instead of its approved status (order changes: applied). */
export type ApprovedEffect = (
	ctx: RuleContext & { trx: Knex; collection: string; id: number | string; row: any },
) => Promise<string | void>;
const approvedEffects = new Map<string, ApprovedEffect[]>();

/** Registers what happens in the same transaction as a document's last approval. */
export function onApproved(collection: string, effect: ApprovedEffect): void {
	approvedEffects.set(collection, [...(approvedEffects.get(collection) ?? []), effect]);
}

const json = (v: unknown) => JSON.stringify(v);
const parseJson = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? fallback));

async function roleKeysOf(trx: Knex, userId: string): Promise<string[]> {
	const u = await trx('directus_users').where({ id: userId }).first('role');
	return u?.role ? actorOf({ role: u.role, roles: [u.role], user: userId, admin: false } as any).roles : [];
}

/** Opens the approval request of a submitted document; returns the document's next status. */
export async function openApprovalRequest(ctx: RuleContext & { trx: Knex }, collection: string, row: any): Promise<string> {
	const { trx } = ctx;
	const rules: RuleRecord[] = (await trx('approval_rules').where({ document: collection, active: true })).map((r: any) => ({
		...r,
		active: Boolean(r.active),
		params: parseJson(r.params, {}),
		steps: parseJson(r.steps, []),
	}));
	const approvalCtx = await buildApprovalContext(trx, collection, row);
	const matched = matchRules(rules, approvalCtx);
	const steps = mergeSteps(matched);
	const requester = row.owner ?? ctx.actor.user;
	if (!steps.length) return completeApproval(ctx, collection, row);
	const owner = requester ? await trx('directus_users').where({ id: requester }).first('manager') : null;
	const number = await nextDocumentNumber(trx, 'approval_requests');
	const [inserted] = await trx('approval_requests')
		.insert({
			number,
			collection,
			item: String(row.id),
			document_number: row.number,
			requested_by: requester,
			status: 'pending',
			reasons: json(matched.map((m) => ({ rule: m.rule.name ?? m.rule.condition, condition: m.rule.condition, reasons: m.reasons }))),
			amount: formatMoney(approvalCtx.amountFen),
			date_created: new Date(),
			user_created: ctx.actor.user,
		})
		.returning('id');
	const requestId = typeof inserted === 'object' ? inserted.id : inserted;
	const stepRows = steps.map((s, i) => {
		if (s.approver === 'owner_manager' && !owner?.manager)
			throw new DomainError('APPROVAL_REQUIRED', `${row.number}: the owner has no manager to approve it; set "manager" on the user`, 409);
		const approver =
			s.approver === 'owner_manager'
				? { approver_user: owner!.manager, approver_role: null }
				: { approver_user: null, approver_role: s.role };
		// Nobody has approved yet, so the first step is the one to decide.
		return { request: requestId, sequence: i + 1, ...approver, status: i === 0 ? 'pending' : 'waiting', reasons: json(s.reasons) };
	});
	await trx('approval_steps').insert(stepRows);
	await trx(collection).where({ id: row.id }).update({ approval_request: requestId });
	return (
		(await advance(
			ctx,
			requestId,
			collection,
			row,
			stepRows.map((r) => ({ ...r, id: 0, decided_by: null }) as StepState),
		)) ?? 'pending_approval'
	);
}

async function loadSteps(trx: Knex, requestId: number | string): Promise<StepState[]> {
	return (await trx('approval_steps').where({ request: requestId }).orderBy('sequence')) as StepState[];
}

/** Approvers who already approved in this request, with their roles (not asked twice). */
async function approversSoFar(trx: Knex, steps: StepState[]): Promise<Approver[]> {
	const users = [...new Set(steps.filter((s) => s.status === 'approved' && s.decided_by).map((s) => s.decided_by!))];
	return Promise.all(users.map(async (user) => ({ user, roles: await roleKeysOf(trx, user) })));
}

/**
 * Moves to the next undecided step of `steps` (the request's steps as they now stand); when none is
 * left, completes and returns the document's final status.
 */
async function advance(
	ctx: RuleContext & { trx: Knex },
	requestId: number | string,
	collection: string,
	row: any,
	steps: StepState[],
): Promise<string | null> {
	const { trx } = ctx;
	// Earlier approvers matter only for steps still waiting (they are not asked twice).
	const approvers = steps.some((s) => s.status === 'waiting') ? await approversSoFar(trx, steps) : [];
	const { autoApprove, next } = nextPending(steps, approvers);
	for (const { step, by } of autoApprove) {
		await trx('approval_steps').where({ id: step.id }).update({
			status: 'approved',
			decided_by: by,
			decided_at: new Date(),
			comment: 'auto: already approved earlier in this request / 同一审批人已审批',
		});
	}
	if (next) {
		if (next.status !== 'pending') await trx('approval_steps').where({ id: next.id }).update({ status: 'pending' });
		const recipients = next.approver_user ? [next.approver_user] : await usersWithRole(trx, roleId(next.approver_role!));
		await notifyAll(
			trx,
			recipients.filter((r) => r !== row.owner),
			{
				sender: ctx.actor.user,
				subject: `待审批 / Approval needed: ${row.number}`,
				message: `${collection} ${row.number} — step ${next.sequence}`,
				collection: 'approval_requests',
				item: requestId,
			},
		);
		return null;
	}
	await trx('approval_requests').where({ id: requestId }).update({ status: 'approved', decided_at: new Date() });
	return completeApproval(ctx, collection, row);
}

/** The approval side effects run in the deciding transaction; returns the document's final status. */
async function completeApproval(ctx: RuleContext & { trx: Knex }, collection: string, row: any): Promise<string> {
	let status = APPROVED_STATUS[collection]!;
	for (const effect of approvedEffects.get(collection) ?? []) status = (await effect({ ...ctx, collection, id: row.id, row })) || status;
	return status;
}

export type Decision = { decision: 'approve' | 'reject'; comment?: string | null };

/** One approver's decision on the current step of a request. */
export async function decide(ctx: RuleContext, requestId: number | string, d: Decision): Promise<void> {
	await ctx.db.transaction(async (trx) => {
		const t = { ...ctx, db: trx, trx };
		const request = await lockRow(trx, 'approval_requests', requestId);
		if (!request) throw new DomainError('NOT_FOUND', `approval request ${requestId} does not exist`, 404);
		if (request.status !== 'pending')
			throw new DomainError('REQUEST_CLOSED', `${request.number} is already ${request.status}`, 409, { status: request.status });
		const steps = await loadSteps(trx, requestId);
		const step = steps.find((s) => s.status === 'pending');
		if (!step) throw new DomainError('REQUEST_CLOSED', `${request.number} has no pending step`, 409);
		const actor: Actor = ctx.actor;
		canDecide(step, { user: actor.user ?? '', roles: actor.roles, admin: actor.admin }, request.requested_by);
		const row = await lockRow(trx, request.collection, request.item);
		if (row?.status !== 'pending_approval')
			throw new DomainError('REQUEST_CLOSED', `${request.document_number} is no longer pending approval`, 409);
		const now = new Date();
		const system = { ...t, actor: { ...actor, system: true }, accountability: null };
		if (d.decision === 'reject') {
			if (!d.comment?.trim()) throw new DomainError('INVALID_PAYLOAD', 'A rejection needs a comment', 400, { field: 'comment' });
			await trx('approval_steps')
				.where({ id: step.id })
				.update({ status: 'rejected', decided_by: actor.user, decided_at: now, comment: d.comment });
			await trx('approval_steps').where({ request: requestId, status: 'waiting' }).update({ status: 'skipped' });
			await trx('approval_requests').where({ id: requestId }).update({ status: 'rejected', decided_at: now });
			await writeDocumentStatus(system, request.collection, row.id, 'rejected');
			if (request.requested_by)
				await notify(trx, {
					recipient: request.requested_by,
					sender: actor.user,
					subject: `已驳回 / Rejected: ${request.document_number}`,
					message: d.comment,
					collection: request.collection,
					item: row.id,
				});
			return;
		}
		await trx('approval_steps')
			.where({ id: step.id })
			.update({ status: 'approved', decided_by: actor.user, decided_at: now, comment: d.comment ?? null });
		const decided = steps.map((s) => (s.id === step.id ? { ...s, status: 'approved' as const, decided_by: actor.user } : s));
		const done = await advance(system, requestId, request.collection, row, decided);
		if (done) {
			await writeDocumentStatus(system, request.collection, row.id, done);
			if (request.requested_by)
				await notify(trx, {
					recipient: request.requested_by,
					sender: actor.user,
					subject: `已批准 / Approved: ${request.document_number}`,
					collection: request.collection,
					item: row.id,
				});
		}
	});
}

/** A status the engine sets (revision kept, hooks not re-run). */
async function writeDocumentStatus(ctx: RuleContext, collection: string, id: number | string, status: string): Promise<void> {
	const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: null });
	await service.updateOne(id, { status }, { emitEvents: false });
}
