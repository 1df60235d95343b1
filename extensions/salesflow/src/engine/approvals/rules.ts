// Approval rules as an admin edits them, and decisions taken in the data app on a step: both are
// plain collections (no document machinery), with the rules here.
import { ROLE_KEYS } from '../../../../../schema/access';
import { APPROVER_ROLES } from '../../../../../schema/roles';
import { conditionParamsSchema } from '../../domain/approval/conditions/index';
import { type RuleRecord, stepField, validateAmountTiers, zRuleSteps } from '../../domain/approval/rules';
import { DomainError, invalid } from '../../domain/errors';
import { assertVisible } from '../../platform/access';
import type { Row } from '../../platform/database';
import { type DocContext, defineDocument, defineRecords, type Id } from '../document-type';
import { decide } from './engine';
import { remindOverdueApprovals } from './reminders';
import { approvalRequestLifecycle } from './lifecycle';

const parseJson = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * An approval rule as an admin saves it: known condition, valid params and steps, and the active
 * amount tiers of each affected document still cover every amount with no gap or overlap. A
 * multi-key update is checked as one final state, so tiers can be switched together.
 */
async function validateRule(ctx: DocContext, payload: Row, keys: Id[] = []): Promise<void> {
	const current: Row[] = keys.length ? await ctx.db('approval_rules').whereIn('id', keys) : [{ id: null }];
	const changed = current.map(
		(cur): Row => ({
			...cur,
			...payload,
			params: parseJson(payload.params ?? cur.params ?? {}),
			steps: parseJson(payload.steps ?? cur.steps ?? []),
		}),
	);
	for (const merged of changed) {
		const params = conditionParamsSchema(merged.condition ?? 'always').safeParse(merged.params ?? {});
		if (!params.success) throw invalid('params', `params for ${merged.condition}: ${params.error.issues[0]?.message}`);
		const steps = zRuleSteps.safeParse(merged.steps);
		if (!steps.success) {
			const issue = steps.error.issues[0]!;
			throw invalid(stepField(issue.path), `steps: ${issue.path.join('.')}: ${issue.message}`);
		}
		const unknownEscalation = steps.data.find((s) => s.escalate_to && !ROLE_KEYS.includes(s.escalate_to));
		if (unknownEscalation) throw invalid('escalate_to', `steps: escalate_to: unknown role "${unknownEscalation.escalate_to}"`);
		const unknownRole = steps.data.find((s) => s.approver === 'role' && !ROLE_KEYS.includes(s.role));
		if (unknownRole && unknownRole.approver === 'role') throw invalid('steps', `steps: unknown role "${unknownRole.role}"`);
		const staffWide = steps.data.find((s) => s.approver === 'role' && !APPROVER_ROLES.includes(s.role));
		if (staffWide && staffWide.approver === 'role') {
			throw invalid('steps', `steps: role "${staffWide.role}" cannot approve as a role (allowed: ${APPROVER_ROLES.join(', ')})`);
		}
	}
	if (changed.some((r) => typeof r.document !== 'string' || !r.document)) {
		throw invalid('document', 'document is required: the document type the rule applies to');
	}
	for (const document of new Set(changed.map((r) => r.document as string))) {
		const stored: Row[] = await ctx.db('approval_rules').where({ document });
		const finalSet = [...stored.filter((r) => !changed.some((c) => c.id === r.id)), ...changed.filter((c) => c.document === document)];
		validateAmountTiers(
			finalSet.map(
				(r): RuleRecord => ({
					...(r as RuleRecord),
					active: r.active === undefined ? true : Boolean(r.active),
					params: parseJson(r.params ?? {}),
					steps: [],
				}),
			),
		);
	}
}

export const approvalRules = defineRecords({
	collection: 'approval_rules',
	onCreate: (ctx, payload) => validateRule(ctx, payload),
	onUpdate: async (ctx, keys, payload) => {
		await validateRule(ctx, payload, keys);
		return undefined;
	},
});

/** A decision taken in the data app: PATCH approval_steps/:id { status, comment }, turned into the engine's decision. */
export const approvalSteps = defineRecords({
	collection: 'approval_steps',
	jobs: [{ name: 'approval-reminders', env: 'APPROVAL_REMINDERS', cron: '*/5 * * * *', run: (ctx) => remindOverdueApprovals(ctx) }],
	onUpdate: async (ctx, keys, payload) => {
		const extra = Object.keys(payload).filter((k) => !['status', 'comment'].includes(k));
		if (extra.length || !['approved', 'rejected'].includes(payload.status)) {
			throw invalid(extra[0] ?? 'status', 'An approval step is decided by setting status to approved or rejected, with a comment');
		}
		// A step the caller may not read answers like a missing one.
		await assertVisible(ctx, 'approval_steps', keys);
		for (const key of keys) {
			const step = await ctx.db('approval_steps').where({ id: key }).first('request', 'status');
			if (!step) throw new DomainError('NOT_FOUND', `approval step ${key} does not exist`, 404);
			if (step.status !== 'pending') throw new DomainError('REQUEST_CLOSED', `approval step ${key} is ${step.status}`, 409);
			await decide(ctx, step.request, { decision: payload.status === 'approved' ? 'approve' : 'reject', comment: payload.comment });
		}
		// The engine wrote the decision; Directus writes nothing more.
		return {};
	},
});

/** Requests are opened and closed by the engine only; the status table says so. */
export const approvalRequests = defineDocument({ collection: 'approval_requests', lifecycle: approvalRequestLifecycle });
