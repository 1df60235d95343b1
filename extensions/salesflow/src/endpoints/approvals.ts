// /approvals: the caller's inbox and decisions on approval requests.
import { defineEndpoint } from '@directus/extensions-sdk';
import { z } from 'zod';
import { zId } from '../domain/money';
import { standsInFor } from '../engine/approvals/delegation';
import { decide } from '../engine/approvals/engine';
import { approvalInbox, readRequest } from '../engine/approvals/inbox';
import { readableRow } from '../platform/access';
import { parseInput, purgeCacheOnWrite, route } from '../platform/endpoint';
import { documentRequest } from './request';

const zRequestId = zId;
const zApprove = z.object({ comment: z.string().max(2000).nullish() }).strict();
const zReject = z.object({ comment: z.string().trim().min(1, 'a rejection needs a comment').max(2000) }).strict();

export default defineEndpoint({
	id: 'approvals',
	handler: (router, ext) => {
		purgeCacheOnWrite(router, ext);
		router.get(
			'/inbox',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				res.json({ data: await approvalInbox(ctx) });
			}),
		);
		for (const [action, schema] of [
			['approve', zApprove],
			['reject', zReject],
		] as const) {
			router.post(
				`/:requestId/${action}`,
				route(async (req, res) => {
					const ctx = documentRequest(ext, req);
					const id = parseInput(zRequestId, req.params.requestId, 'requestId');
					const body = parseInput(schema, req.body);
					// A request the caller takes no part in answers like a missing one — unless they stand in for its approver (审批代理).
					if (!(await standsInFor(ctx.db, ctx.actor.user, id))) await readableRow(ctx, 'approval_requests', id, 'approval request');
					await decide(ctx, id, { decision: action, comment: body.comment ?? null });
					res.json({ data: await readRequest(ctx, id) });
				}),
			);
		}
	},
});
