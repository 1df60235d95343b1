// /imports: Excel templates and imports of customers, products, opening stock and sales orders
// (documents/imports). Every row is judged as the caller's own API create; an import is all or nothing.
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { MAX_IMPORT_ROWS } from '../domain/spreadsheet';
import { IMPORTS, type ImportSpec } from '../documents/imports/columns';
import { runImport } from '../documents/imports/run';
import { type EndpointContext, parseInput, purgeCacheOnWrite, queryOf, route } from '../platform/endpoint';
import { attachment, readSheet, templateWorkbook, XLSX_TYPE } from '../platform/workbook';
import { readUpload } from '../platform/uploads';
import { documentRequest } from './request';

const zImportQuery = z.object({ dry_run: z.enum(['true', 'false'], { error: 'dry_run must be true or false' }).optional() }).strict();

function specOf(req: Request): ImportSpec {
	const spec = IMPORTS[req.params.collection!];
	if (!spec)
		throw new DomainError(
			'NOT_FOUND',
			`There is no import for "${req.params.collection}"; imports: ${Object.keys(IMPORTS).join(', ')}`,
			404,
		);
	return spec;
}

export default defineEndpoint({
	id: 'imports',
	handler: (router, ext: EndpointContext) => {
		purgeCacheOnWrite(router, ext);
		const maxRows = Number(ext.env.SALESFLOW_IMPORT_MAX_ROWS ?? MAX_IMPORT_ROWS);

		router.get(
			'/:collection/template',
			route(async (req, res) => {
				documentRequest(ext, req); // logged in
				const spec = specOf(req);
				const file = await templateWorkbook(spec.sheet, spec.columns, spec.example, spec.note, maxRows);
				res
					.status(200)
					.set('content-type', XLSX_TYPE)
					.set('content-disposition', attachment(`${spec.collection}-template.xlsx`, `${spec.sheet.zh}导入模板.xlsx`))
					.send(file);
			}),
		);

		router.post(
			'/:collection',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const spec = specOf(req);
				const dryRun = parseInput(zImportQuery, queryOf(req)).dry_run === 'true';
				const sheet = await readSheet(await readUpload(req, 'file'));
				const result = await runImport(ctx, spec, sheet, { dryRun, maxRows });
				if (result.errors.length) {
					// Nothing was created; the rows' errors are the answer (in Directus' error format too).
					res.status(400).json({
						errors: [
							{
								message: `${result.errors.length} error(s) in the file; nothing was imported`,
								extensions: { code: 'INVALID_PAYLOAD', field: 'file' },
							},
						],
						data: result,
					});
					return;
				}
				res.json({ data: { ...result, dry_run: dryRun } });
			}),
		);
	},
});
