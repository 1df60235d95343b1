// /customers: the public pool (公海) routes. A seller claims a pooled customer (POST /customers/:id/claim);
// a sales manager assigns one to their team (POST /customers/:id/assign { owner }). Parallel claims
// queue on the customer's row: the first wins, the others get 409 NOT_IN_POOL (documents/customers/pool.ts).
import { defineEndpoint } from '@directus/extensions-sdk';
import { z } from 'zod';
import { zId } from '../domain/money';
import { assignPooledCustomer, claimCustomer } from '../documents/customers/pool';
import type { DocContext } from '../engine/document-type';
import { requireGrant } from '../platform/access';
import { type EndpointContext, parseInput, purgeCacheOnWrite, route } from '../platform/endpoint';
import { documentRequest } from './request';

const zAssign = z.object({ owner: z.string().trim().min(1, 'name the seller who takes the customer') }).strict();

/** The customer as the caller now reads it (their own, or their team's). */
const readBack = (ctx: DocContext, id: number) =>
	new ctx.services.ItemsService('customers', { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability }).readOne(id, {
		fields: ['id', 'code', 'name', 'grade', 'status', 'owner', 'owner_since', 'pooled_at'],
	});

export default defineEndpoint({
	id: 'customers',
	handler: (router, ext: EndpointContext) => {
		purgeCacheOnWrite(router, ext);
		router.post(
			'/:id/claim',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'own_customers', 'claim customers from the public pool');
				const id = parseInput(zId, req.params.id, 'id');
				await claimCustomer(ctx, id);
				res.json({ data: await readBack(ctx, id) });
			}),
		);
		router.post(
			'/:id/assign',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'transfer_ownership', 'assign customers from the public pool');
				const id = parseInput(zId, req.params.id, 'id');
				const { owner } = parseInput(zAssign, req.body);
				await assignPooledCustomer(ctx, id, owner);
				res.json({ data: await readBack(ctx, id) });
			}),
		);
	},
});
