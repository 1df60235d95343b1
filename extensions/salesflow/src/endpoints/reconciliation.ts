// /reconciliation: write-off of receipts against invoices, monthly statements (computed, persisted,
// printable), receivables aging and the business-vs-finance ledger check. Inputs are zod-validated;
// what a caller sees follows the row scopes of schema/access.ts.
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request } from 'express';
import { z } from 'zod';
import { zPeriod } from '../domain/invoicing';
import { zId, zPositiveMoney } from '../domain/money';
import { allocateReceipt } from '../documents/receipts/allocation';
import { assertMayAllocate, requireAllocator } from '../documents/receipts/write-off';
import { persistStatements } from '../documents/statements/figures';
import { printedDocument } from '../documents/printing';
import { noSuchRow } from '../platform/input';
import type { Row } from '../platform/database';
import { type EndpointContext, parseInput, purgeCacheOnWrite, queryOf, route } from '../platform/endpoint';
import { sendPrinted, zPrintQuery } from '../platform/printing';
import { ownerCondition, ownerInScope, requireScope } from '../platform/row-scope';
import { customerStatement, ledgerMismatches, receivablesAging } from '../reports/reconciliation';
import { documentRequest } from './request';

const zAllocate = z
	.object({
		mode: z.literal('fifo', { error: 'mode must be "fifo"' }).optional(),
		allocations: z
			.array(
				z.union([z.object({ invoice: zId, amount: zPositiveMoney }).strict(), z.object({ order: zId, amount: zPositiveMoney }).strict()], {
					error: 'each allocation is { invoice, amount } or, for an advance, { order, amount }',
				}),
			)
			.min(1, 'give at least one allocation')
			.max(500)
			.optional(),
	})
	.strict()
	.refine(
		(b) => (b.mode === undefined) !== (b.allocations === undefined),
		'give either { mode: "fifo" } or { allocations: [{ invoice, amount } | { order, amount }] }',
	);

const zPersist = z.object({ period: zPeriod, customers: z.array(zId).min(1).max(5000).optional() }).strict();

const idParam = (req: Request) => parseInput(zId, req.params.id, 'id');

export default defineEndpoint({
	id: 'reconciliation',
	handler: (router, ext: EndpointContext) => {
		purgeCacheOnWrite(router, ext);
		// 核销: allocate a confirmed receipt to issued invoices, by hand or oldest due first, or hold it as advances to
		// orders (预收款) — finance any receipt, sales those of their own customers.
		router.post(
			'/receipts/:id/allocate',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireAllocator(ctx.actor);
				const id = idParam(req);
				const body = parseInput(zAllocate, req.body);
				const request = body.mode
					? { mode: 'fifo' as const }
					: {
							allocations: body.allocations!.map((a) =>
								'invoice' in a ? { invoice: a.invoice, amountFen: a.amount } : { order: a.order, amountFen: a.amount },
							),
						};
				const made = await ctx.db.transaction(async (trx) => {
					await assertMayAllocate(trx, ctx.actor, id);
					return allocateReceipt(trx, id, request, ctx.actor.user);
				});
				res.json({ data: made });
			}),
		);

		// One customer's statement for a month, computed now.
		router.get(
			'/statement',
			route(async (req, res) => {
				res.json({ data: await customerStatement(documentRequest(ext, req), queryOf(req)) });
			}),
		);

		// Persist the period's statements (finance: all customers; sales: their own).
		router.post(
			'/statements',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const scope = requireScope(ctx.actor, 'statements', ['create', 'update'], 'create statements');
				const body = parseInput(zPersist, req.body);
				const customers = body.customers ? [...new Set(body.customers)] : undefined;
				if (customers) {
					const found = new Map<number, Row>(
						((await ctx.db('customers').whereIn('id', customers).select('id', 'owner')) as Row[]).map((c) => [Number(c.id), c]),
					);
					// Another rep's customer gets the answer a missing one gets: no name, no hint that it exists.
					for (const id of customers) {
						const c = found.get(id);
						if (!c || (!c.owner ? scope !== 'all' : !(await ownerInScope(ctx.db, scope, ctx.actor.user, c.owner))))
							throw noSuchRow('customers', id, 'customers');
					}
				}
				const owner = ownerCondition(scope, ctx.actor.user, 'c.owner');
				const result = await ctx.db.transaction((trx) => persistStatements(trx, body.period, { customers, owner }, ctx.actor.user));
				res.json({
					data: result.rows,
					meta: {
						period: body.period,
						created: result.created,
						updated: result.updated,
						unchanged: result.unchanged,
						locked: result.locked,
					},
				});
			}),
		);

		// The printable statement the customer signs: the same page (or ?format=pdf) as /print/statements/:id.
		router.get(
			'/statements/:id/print',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const { format = 'html' } = parseInput(zPrintQuery, queryOf(req));
				await sendPrinted(ctx, res, await printedDocument(ctx, 'statements', idParam(req)), format);
			}),
		);

		// Receivables aging per customer, per owner and in total.
		router.get(
			'/aging',
			route(async (req, res) => {
				res.json({ data: await receivablesAging(documentRequest(ext, req), queryOf(req)) });
			}),
		);

		// Every mismatch between the business and the finance ledgers.
		router.get(
			'/ledger-check',
			route(async (req, res) => {
				res.json(await ledgerMismatches(documentRequest(ext, req), queryOf(req)));
			}),
		);
	},
});
