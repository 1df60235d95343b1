// /approvals: the caller's inbox and decisions on approval requests.
import { defineEndpoint } from '@directus/extensions-sdk';
import { z } from 'zod';
import { zId } from '../domain/money';
import { decideAsCaller } from '../engine/approvals/engine';
import { approvalInbox, readRequest } from '../engine/approvals/inbox';
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
					await decideAsCaller(ctx, id, { decision: action, comment: body.comment ?? null });
					res.json({ data: await readRequest(ctx, id) });
				}),
			);
		}
	},
});
