// Flow operation `salesflow-approve`: one decision on an approval request's current step, as the
// trigger's user or a chosen role would make it in the inbox (same checks: approver, delegation).
import { defineOperationApi } from '@directus/extensions-sdk';
import { invalid } from '../../domain/errors';
import { decideAsCaller } from '../../engine/approvals/engine';
import { operationContext } from '../permissions';

type Options = { request?: string | number; decision?: string; comment?: string; permissions?: string };

export default defineOperationApi<Options>({
	id: 'salesflow-approve',
	handler: async ({ request, decision, comment, permissions }, op) => {
		const id = Number(request);
		if (!Number.isSafeInteger(id) || id <= 0)
			throw invalid('request', `request must be an approval request id, got ${JSON.stringify(request)}`);
		if (decision !== 'approve' && decision !== 'reject')
			throw invalid('decision', `decision must be approve or reject, got ${JSON.stringify(decision)}`);
		const ctx = await operationContext(permissions, op);
		await decideAsCaller(ctx, id, { decision, comment: comment ?? null });
		const row = await ctx.db('approval_requests').where({ id }).first('id', 'number', 'status');
		return { request: id, status: row?.status ?? null };
	},
});
