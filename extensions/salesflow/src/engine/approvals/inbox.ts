// The approver's inbox: the pending steps asking the caller — or an approver away who named the caller
// their delegate (on_behalf_of) — with the document, customer and reasons (the figures behind a
// confidential rule only for those who may see cost).
import { type Approver, eligible, type StepState } from '../../domain/approval/decision';
import { holdsGrant } from '../../platform/access';
import { now } from '../../platform/clock';
import type { Row } from '../../platform/database';
import type { DocContext, Id } from '../document-type';
import { approvingRoles, delegatorsOf } from './delegation';

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

export async function approvalInbox(ctx: DocContext) {
	const { db, actor } = ctx;
	// The caller, and the approvers who named the caller their delegate for now (审批代理).
	const self: Approver = { user: actor.user ?? '', roles: approvingRoles(actor.roles) };
	const delegators = await delegatorsOf(db, actor.user, now());
	const rows = await db('approval_steps as s')
		.join('approval_requests as r', 'r.id', 's.request')
		.where('s.status', 'pending')
		.where('r.status', 'pending')
		.where((q) => {
			for (const p of [self, ...delegators]) {
				q.orWhere('s.approver_user', p.user);
				if (p.roles.length) q.orWhereIn('s.approver_role', p.roles);
			}
		})
		.whereNot('r.requested_by', actor.user)
		.orderBy('r.date_created')
		.select(
			's.id as step_id',
			's.sequence',
			's.approver_role',
			's.approver_user',
			's.reasons as step_reasons',
			's.cost_reasons as step_cost_reasons',
			's.due_at',
			'r.*',
		);
	const costs = holdsGrant(actor, 'see_costs');
	const at = now().getTime();
	const out = [];
	const asStep = (s: Row): StepState => ({ ...s, id: s.step_id, status: 'pending', decided_by: null }) as StepState;
	for (const s of rows) {
		// Whom the caller decides for: themself, else an approver away who is not the requester.
		const own = eligible(asStep(s), self);
		const forWhom = own ? null : delegators.find((d) => d.user !== s.requested_by && eligible(asStep(s), d));
		if (!own && !forWhom) continue;
		const doc = await db(s.collection).where({ id: s.item }).first();
		const customerId =
			doc?.customer ??
			(doc?.loan
				? (await db('loans').where({ id: doc.loan }).first('customer'))?.customer
				: doc?.order
					? (await db('sales_orders').where({ id: doc.order }).first('customer'))?.customer
					: null);
		const customer = customerId ? await db('customers').where({ id: customerId }).first('id', 'name') : null;
		const requester = s.requested_by ? await db('directus_users').where({ id: s.requested_by }).first('first_name', 'last_name') : null;
		const amountField = ctx.documents.document(s.collection)?.amountField;
		out.push({
			request: s.id,
			number: s.number,
			step: { id: s.step_id, sequence: s.sequence, approver_role: s.approver_role, approver_user: s.approver_user },
			on_behalf_of: forWhom?.user ?? null,
			collection: s.collection,
			item: s.item,
			document_number: s.document_number,
			document_status: doc?.status ?? null,
			// The reason the document itself states (a red invoice's 红冲原因).
			reason: typeof doc?.reason === 'string' ? doc.reason : null,
			customer,
			amount: amountField ? String(doc?.[amountField] ?? s.amount) : s.amount,
			requested_by: s.requested_by,
			requested_by_name: requester ? `${requester.last_name ?? ''}${requester.first_name ?? ''}` : null,
			requested_at: s.date_created,
			why: (parse((costs && s.step_cost_reasons) || s.step_reasons) as string[]) ?? [],
			rules: parse((costs && s.cost_reasons) || s.reasons),
			due_at: s.due_at ? new Date(s.due_at).toISOString() : null,
			overdue: s.due_at ? new Date(s.due_at).getTime() < at : false,
		});
	}
	return out;
}

/** A request as its decider reads it after deciding; the figures behind confidential rules only for those who may see cost. */
export async function readRequest(ctx: DocContext, id: Id) {
	const service = new ctx.services.ItemsService('approval_requests', { knex: ctx.db, schema: ctx.schema, accountability: null });
	const request = await service.readOne(id, { fields: ['*', 'steps.*'] });
	if (holdsGrant(ctx.actor, 'see_costs')) return request;
	const { cost_reasons: _, steps, ...shown } = request;
	return { ...shown, steps: (steps as Row[]).map(({ cost_reasons: __, ...step }) => step) };
}
