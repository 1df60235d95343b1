// /exports: statements, aging, the ledger check and every report as an .xlsx workbook (typed cells,
// zh-CN headers, frozen header row, totals) or as CSV for Excel (UTF-8 with a BOM, the first sheet);
// and the period's vouchers (记账凭证) for the finance software (用友/金蝶), balanced before they leave.
import { defineEndpoint } from '@directus/extensions-sdk';
import { z } from 'zod';
import { assertBalanced, voucherLines } from '../domain/einvoice/vouchers';
import { DomainError } from '../domain/errors';
import { zPeriod } from '../domain/invoicing';
import { voucherDocuments } from '../documents/invoices/einvoice';
import { voucherWorkbook } from '../documents/invoices/einvoice-workbooks';
import { requireGrant } from '../platform/access';
import { type EndpointContext, parseInput, queryOf, route } from '../platform/endpoint';
import { settings } from '../platform/settings';
import { attachment, tableCsv, tablesWorkbook, XLSX_TYPE } from '../platform/workbook';
import { EXPORTS } from '../reports/exports';
import { documentRequest } from './request';

const zVouchers = z.object({ period: zPeriod }).strict();

export default defineEndpoint({
	id: 'exports',
	handler: (router, ext: EndpointContext) => {
		router.get(
			'/vouchers',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				requireGrant(ctx.actor, 'issue_invoices', 'export vouchers');
				const { period } = parseInput(zVouchers, queryOf(req));
				const lines = voucherLines(await voucherDocuments(ctx.db, period), settings().voucher_accounts);
				assertBalanced(lines);
				const file = `vouchers-${period}.xlsx`;
				res
					.status(200)
					.set('content-disposition', attachment(file, file))
					.set('content-type', XLSX_TYPE)
					.send(await voucherWorkbook(lines));
			}),
		);

		router.get(
			'/:name',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const name = req.params.name!;
				const run = EXPORTS[name];
				if (!run) throw new DomainError('NOT_FOUND', `There is no export "${name}"; exports: ${Object.keys(EXPORTS).join(', ')}`, 404);
				const { format = 'xlsx', ...query } = queryOf(req);
				if (format !== 'xlsx' && format !== 'csv')
					throw new DomainError('INVALID_PAYLOAD', `format must be xlsx or csv, got ${JSON.stringify(format)}`, 400, { field: 'format' });
				const tables = await run(ctx, query);
				const file = `${name}.${format}`;
				res.status(200).set('content-disposition', attachment(file, file));
				if (format === 'csv') res.set('content-type', 'text/csv; charset=utf-8').send(Buffer.from(tableCsv(tables[0]!), 'utf8'));
				else res.set('content-type', XLSX_TYPE).send(await tablesWorkbook(tables));
			}),
		);
	},
});
