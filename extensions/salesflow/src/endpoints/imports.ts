// /imports: Excel templates and imports of customers, products, opening stock and sales orders
// (documents/imports). Every row is judged as the caller's own API create; an import is all or nothing.
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { MAX_IMPORT_ROWS } from '../domain/spreadsheet';
import { IMPORTS, type ImportSpec } from '../documents/imports/columns';
import { runImport } from '../documents/imports/run';
import { type EndpointContext, parseInput, purgeCacheOnWrite, queryOf, route } from '../platform/endpoint';
import { dataCachePurger } from '../platform/cache';
import { translateError } from '../platform/errors';
import { attachment, readSheet, templateWorkbook, XLSX_TYPE } from '../platform/workbook';
import { readUpload } from '../platform/uploads';
import { documentRequest } from './request';

const zImportQuery = z.object({ dry_run: z.enum(['true', 'false'], { error: 'dry_run must be true or false' }).optional() }).strict();

const NDJSON = 'application/x-ndjson';

/**
 * Progress of a long import for a caller that accepts NDJSON: once writing starts, the answer becomes
 * a stream of `{"progress":{"done","total"}}` lines (about fifty at most) ending with the usual answer
 * as its last line. Checks that refuse the file before any write still answer with their status.
 */
function progressStream(res: Response) {
	let step = -1;
	const line = (o: unknown) => res.write(`${JSON.stringify(o)}\n`);
	return {
		started: () => res.headersSent,
		report(done: number, total: number) {
			const now = Math.floor((done * 50) / Math.max(total, 1));
			if (now === step) return;
			if (!res.headersSent) {
				res.status(200).set({ 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'no-store' });
				res.flushHeaders();
			}
			step = now;
			line({ progress: { done, total } });
		},
		end(body: unknown) {
			line(body);
			res.end();
		},
	};
}

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
		const purge = dataCachePurger(ext);
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
				const progress = req.get('accept')?.includes(NDJSON) ? progressStream(res) : undefined;
				let answer: { status: number; body: unknown };
				try {
					const result = await runImport(ctx, spec, sheet, { dryRun, maxRows, onProgress: progress?.report });
					answer = result.errors.length
						? // Nothing was created; the rows' errors are the answer (in Directus' error format too).
							{
								status: 400,
								body: {
									errors: [
										{
											message: `${result.errors.length} error(s) in the file; nothing was imported`,
											extensions: { code: 'INVALID_PAYLOAD', field: 'file' },
										},
									],
									data: result,
								},
							}
						: { status: 200, body: { data: { ...result, dry_run: dryRun } } };
				} catch (e) {
					if (!progress?.started()) throw e;
					// The answer is already streaming: a failure becomes its last line.
					const err = translateError(e) as { message?: string; status?: number; extensions?: Record<string, unknown> };
					ext.logger.error(e, 'salesflow: import failed');
					answer = {
						status: err.status ?? 500,
						body: { errors: [{ message: err.message, extensions: err.extensions ?? { code: 'INTERNAL' } }] },
					};
				}
				if (!progress?.started()) {
					res.status(answer.status).json(answer.body);
					return;
				}
				if (answer.status === 200 && !dryRun) await purge();
				progress.end(answer.body);
			}),
		);
	},
});
