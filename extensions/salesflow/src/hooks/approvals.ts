// Approvals in the document life cycle: submitting opens a request (or approves at once), rules
// are validated when an admin edits them, and approvers can decide from the data app by setting
// their step to approved/rejected.
import { DomainError } from '../domain/errors';
import { conditionParamsSchema } from '../domain/approval/conditions/index';
import { validateAmountTiers, zRuleSteps, type RuleRecord } from '../domain/approval/rules';
import { APPROVAL_COLLECTIONS } from '../domain/state-machines';
import { ROLE_KEYS } from '../../../../schema/access';
import { decide, openApprovalRequest } from '../lib/approval-engine';
import type { RuleContext } from '../lib/context';
import { LINES_OF } from '../lib/model';
import { recomputeTotals } from './totals';
import { onTransition } from './transitions';

for (const collection of APPROVAL_COLLECTIONS) {
	onTransition(collection, 'submitted', async (t) => {
		// Totals are fixed from the lines as submitted; the count of lines comes with them.
		const totals = await recomputeTotals(t.trx, collection, t.id);
		const lines = LINES_OF[collection];
		const count = totals ? totals.lines : lines ? Number((await t.trx(lines.collection).where(lines.fk, t.id).count({ n: '*' }))[0]!.n) : 1;
		if (!count) throw new DomainError('INVALID_PAYLOAD', `${t.row.number} has no lines`, 400, { field: 'lines' });
		const { lines: _, ...amounts } = totals ?? { lines: 0 };
		return openApprovalRequest(t, collection, { ...t.row, ...amounts });
	});
}

const parseJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * An approval rule as an admin saves it: known condition, valid params and steps, and the active
 * amount tiers of each affected document still cover every amount with no gap or overlap. A
 * multi-key update is checked as one final state, so tiers can be switched together.
 */
export async function validateRule(ctx: RuleContext, payload: Record<string, any>, keys: Array<number | string> = []): Promise<void> {
	const current = keys.length ? await ctx.db('approval_rules').whereIn('id', keys) : [{ id: null }];
	const changed = current.map((cur: any) => ({
		...cur,
		...payload,
		params: parseJson(payload.params ?? cur.params ?? {}),
		steps: parseJson(payload.steps ?? cur.steps ?? []),
	}));
	for (const merged of changed) {
		const params = conditionParamsSchema(merged.condition ?? 'always').safeParse(merged.params ?? {});
		if (!params.success)
			throw new DomainError('INVALID_PAYLOAD', `params for ${merged.condition}: ${params.error.issues[0]?.message}`, 400, {
				field: 'params',
			});
		const steps = zRuleSteps.safeParse(merged.steps);
		if (!steps.success) throw new DomainError('INVALID_PAYLOAD', `steps: ${steps.error.issues[0]?.message}`, 400, { field: 'steps' });
		const unknownRole = steps.data.find((s) => s.approver === 'role' && !ROLE_KEYS.includes(s.role));
		if (unknownRole && unknownRole.approver === 'role')
			throw new DomainError('INVALID_PAYLOAD', `steps: unknown role "${unknownRole.role}"`, 400, { field: 'steps' });
	}
	const undocumented = changed.find((r: any) => typeof r.document !== 'string' || !r.document);
	if (undocumented)
		throw new DomainError('INVALID_PAYLOAD', 'document is required: the document type the rule applies to', 400, { field: 'document' });
	for (const document of new Set(changed.map((r: any) => r.document))) {
		const stored = await ctx.db('approval_rules').where({ document });
		const finalSet = [
			...stored.filter((r: any) => !changed.some((c: any) => c.id === r.id)),
			...changed.filter((c: any) => c.document === document),
		];
		validateAmountTiers(
			finalSet.map(
				(r: any): RuleRecord => ({
					...r,
					active: r.active === undefined ? true : Boolean(r.active),
					params: parseJson(r.params ?? {}),
					steps: [],
				}),
			),
		);
	}
}

/** A decision taken in the data app: PATCH approval_steps/:id { status, comment }. */
export async function decideFromStep(
	ctx: RuleContext,
	keys: Array<number | string>,
	payload: Record<string, any>,
): Promise<Record<string, any>> {
	const extra = Object.keys(payload).filter((k) => !['status', 'comment'].includes(k));
	if (extra.length || !['approved', 'rejected'].includes(payload.status)) {
		throw new DomainError('INVALID_PAYLOAD', 'An approval step is decided by setting status to approved or rejected, with a comment', 400, {
			field: extra[0] ?? 'status',
		});
	}
	for (const key of keys) {
		const step = await ctx.db('approval_steps').where({ id: key }).first('request', 'status');
		if (!step) throw new DomainError('NOT_FOUND', `approval step ${key} does not exist`, 404);
		if (step.status !== 'pending') throw new DomainError('REQUEST_CLOSED', `approval step ${key} is ${step.status}`, 409);
		await decide(ctx, step.request, { decision: payload.status === 'approved' ? 'approve' : 'reject', comment: payload.comment });
	}
	return {};
}
