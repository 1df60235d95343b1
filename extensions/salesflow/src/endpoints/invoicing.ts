// /invoicing: what is left to invoice, draft invoices from delivery notes, issuing (finance) and
// red-letter credits and the 数电票 round trip (batch workbook out, the platform's results in). Inputs are zod-validated; the caller's read access
// decides which delivery notes and invoices they may use.
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { zEinvoiceNumber, zRedConfirmationNo } from '../domain/einvoice/identifiers';
import { DomainError, invalid } from '../domain/errors';
import { displayQty, zId, zPositiveMoney, zPositiveQty } from '../domain/money';
import { createBlueInvoice, createRedInvoice, INVOICEABLE_SHIPMENT, invoiceableLines } from '../documents/invoices/drafts';
import { batchInvoices, importResults } from '../documents/invoices/einvoice';
import { batchWorkbook, readEinvoiceResults, XLSX_TYPE } from '../documents/invoices/einvoice-workbooks';
import { issueInvoiceAs } from '../documents/invoices/issue';
import type { DocContext } from '../engine/document-type';
import { inTransaction } from '../engine/status';
import { readVisible, requireGrant } from '../platform/access';
import { type EndpointContext, parseInput, purgeCacheOnWrite, queryOf, route } from '../platform/endpoint';
import { readingAll } from '../platform/query-limits';
import { readUpload } from '../platform/uploads';
import { documentRequest } from './request';

const zBlue = z
	.object({
		type: z.enum(['vat_special', 'vat_ordinary']),
		shipments: z.array(zId).min(1).max(200),
		lines: z
			.array(z.object({ shipment_line: zId, quantity: zPositiveQty }).strict())
			.min(1)
			.max(2000)
			.optional(),
	})
	.strict();

const zRed = z
	.object({
		original_invoice: zId,
		lines: z
			.array(
				z
					.object({ invoice_line: zId, quantity: zPositiveQty.optional(), amount: zPositiveMoney.optional() })
					.strict()
					.refine(
						(l) => l.quantity !== undefined || l.amount !== undefined,
						'a red line needs a quantity (goods back) or an amount (price correction)',
					),
			)
			.min(1)
			.max(2000),
		reason: z.string().trim().min(1, 'a red invoice needs a reason').max(2000),
	})
	.strict();

// Finance may give what the e-invoice platform issued: its number, and a red invoice's confirmation.
const zIssue = z.object({ einvoice_number: zEinvoiceNumber.optional(), red_confirmation_no: zRedConfirmationNo.optional() }).strict();

async function readInvoice(ctx: DocContext, id: number) {
	const service = new ctx.services.ItemsService('invoices', { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	return service.readOne(id, { fields: ['*', 'lines.*'] });
}

const idParam = (req: Request, name: string) => parseInput(zId, req.params[name], name);

const MAX_BATCH = 500;
const zBatch = z.object({ invoices: z.string().min(1, 'name the invoices: invoices=1,2') }).strict();

/** A workbook as a download; `warnings` also go into a header, for callers that do not open the workbook. */
function sendWorkbook(res: Response, name: string, buffer: Buffer, warnings?: number): void {
	res.setHeader('Content-Type', XLSX_TYPE);
	res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
	if (warnings !== undefined) {
		res.setHeader('X-Salesflow-Warnings', String(warnings));
		res.setHeader('Access-Control-Expose-Headers', 'X-Salesflow-Warnings, Content-Disposition');
	}
	res.send(buffer);
}

export default defineEndpoint({
	id: 'invoicing',
	handler: (router, ext: EndpointContext) => {
		purgeCacheOnWrite(router, ext);
		router.get(
			'/uninvoiced',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const customer = req.query.customer === undefined ? undefined : parseInput(zId, req.query.customer, 'customer');
				if (customer !== undefined) await readVisible(ctx, 'customers', customer, 'customer');
				// The caller's own read permission decides which delivery notes they see.
				const shipments = new ctx.services.ItemsService('shipments', {
					knex: ctx.db,
					schema: ctx.schema,
					accountability: ctx.accountability,
				});
				const visible = await readingAll(() =>
					shipments.readByQuery({
						filter: { status: { _in: INVOICEABLE_SHIPMENT }, ...(customer ? { customer: { _eq: customer } } : {}) },
						fields: ['id'],
						limit: -1,
					}),
				);
				const lines = visible.length
					? await invoiceableLines(
							ctx.db,
							visible.map((s) => Number(s.id)),
						)
					: [];
				res.json({
					data: lines
						.filter((l) => l.remaining > 0n)
						.map((l) => ({
							shipment: l.shipment,
							shipment_number: l.shipment_number,
							shipment_line: l.id,
							customer: l.customer,
							product: l.product,
							sku: l.sku,
							name: l.product_name,
							quantity: l.quantity,
							unit_price: l.unit_price,
							tax_rate: l.tax_rate,
							remaining: displayQty(l.remaining),
						})),
				});
			}),
		);

		router.post(
			'/invoices',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'draft_invoices', 'draft invoices');
				const body = parseInput(zBlue, req.body);
				for (const id of body.shipments) await readVisible(ctx, 'shipments', id, 'shipments');
				const id = await ctx.db.transaction((trx) => createBlueInvoice(trx, { ...body, owner: ctx.actor.user }));
				res.status(201).json({ data: await readInvoice(ctx, id) });
			}),
		);

		router.post(
			'/invoices/:id/issue',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'issue_invoices', 'issue invoices');
				const id = idParam(req, 'id');
				const body = parseInput(zIssue, req.body);
				await inTransaction(ctx, (t) => issueInvoiceAs(t, id, body));
				res.json({ data: await readInvoice(ctx, id) });
			}),
		);

		router.get(
			'/einvoice-batch',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'issue_invoices', 'prepare e-invoices');
				const { invoices } = parseInput(zBatch, queryOf(req));
				const ids = [...new Set(invoices.split(',').map((x) => Number(parseInput(zId, x.trim(), 'invoices'))))];
				if (ids.length > MAX_BATCH) throw invalid('invoices', `at most ${MAX_BATCH} invoices per workbook, got ${ids.length}`);
				const { buffer, warnings } = await batchWorkbook(await batchInvoices(ctx, ids));
				sendWorkbook(res, 'einvoice-batch.xlsx', buffer, warnings.length);
			}),
		);

		router.post(
			'/einvoice-results',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'issue_invoices', 'import e-invoice results');
				const { buffer } = await readUpload(req, 'file');
				const { results, errors } = await readEinvoiceResults(buffer);
				if (errors.length) {
					const first = errors[0]!;
					throw new DomainError('INVALID_PAYLOAD', errors.map((e) => e.message).join('; '), 400, {
						field: first.field,
						row: first.row,
						errors,
					});
				}
				res.json({ data: await importResults(ctx, results) });
			}),
		);

		router.post(
			'/red-invoices',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'draft_invoices', 'draft red invoices');
				const body = parseInput(zRed, req.body);
				await readVisible(ctx, 'invoices', body.original_invoice, 'original_invoice');
				const id = await ctx.db.transaction((trx) =>
					createRedInvoice(trx, {
						original_invoice: body.original_invoice,
						reason: body.reason,
						owner: ctx.actor.user,
						lines: body.lines.map((l) => ({ invoice_line: l.invoice_line, quantity: l.quantity ?? 0n, amount: l.amount })),
					}),
				);
				res.status(201).json({ data: await readInvoice(ctx, id) });
			}),
		);
	},
});
