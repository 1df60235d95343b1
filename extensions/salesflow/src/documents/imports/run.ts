// 导入: a sheet's rows become API creates by the caller. First, outside any transaction, every cell is
// read and every reference (customer, SKU, warehouse) resolved among the rows the caller may read; then
// one transaction creates each document through ItemsService with the caller's accountability — so
// permissions, the duplicate-customer check, floor prices and numbering all run — each in a savepoint,
// so a refusal is reported for its row and the next row still gets judged. Any error, or a dry run,
// rolls the whole transaction back. Totals are computed inside each create, so they are exact at commit;
// a dry run keeps the creates' action events to itself (nothing it made survives).
import { type CellValue, mapHeaders, readRow, assertRowLimit } from '../../domain/spreadsheet';
import type { DocContext, Id } from '../../engine/document-type';
import { chunks, type Row } from '../../platform/database';
import type { SheetRows } from '../../platform/workbook';
import type { ImportSpec, Reference } from './columns';

export type ImportError = { row: number; field: string; code: string; message: string };
export type ImportResult = { rows: number; created: Array<{ row: number; id: Id | null }>; errors: ImportError[] };

type Values = Record<string, CellValue>;
type Sourced = { row: number; values: Values };

/** Rolls the import's transaction back on purpose (errors found, or a dry run). */
class RollBack extends Error {}

/** Text → id of the rows of `ref.collection` the caller may read, for the texts given. */
async function resolve(ctx: DocContext, ref: Reference, texts: string[]): Promise<Map<string, Id>> {
	const norm = ref.normalize;
	const keyOf = (column: string, text: string) => (norm && column === norm.column ? norm.fn(text) : text);
	const candidates: Row[] = [];
	for (const part of chunks(texts)) {
		candidates.push(
			...(await ctx
				.db(ref.collection)
				.where((w) => {
					for (const column of ref.match)
						w.orWhereIn(
							column,
							part.map((t) => keyOf(column, t)),
						);
				})
				.select('id', ...ref.match)),
		);
	}
	// Visible to the caller: a reference to someone else's customer reads as unknown, as in the API.
	const service = new ctx.services.ItemsService(ref.collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
	const visible = new Set<string>();
	for (const part of chunks(candidates.map((c) => c.id))) {
		const rows = (await service.readByQuery({ filter: { id: { _in: part } }, fields: ['id'], limit: -1 })) as Row[];
		for (const r of rows) visible.add(String(r.id));
	}
	const found = new Map<string, Id>();
	for (const text of texts) {
		for (const column of ref.match) {
			const hit = candidates.find((c) => visible.has(String(c.id)) && String(c[column]) === keyOf(column, text));
			if (hit) {
				found.set(text, hit.id);
				break;
			}
		}
	}
	return found;
}

/** A refusal from the hooks or Directus as a row error; lines[i] fields point at the line's own row. */
function rowError(e: unknown, rows: Sourced[]): ImportError {
	const err = e as { code?: string; message?: string; status?: number; extensions?: { code?: string; field?: string | null } };
	const code = err.extensions?.code ?? err.code;
	// Only refusals (4xx) are row errors; a crash stays a crash.
	if (!code || typeof err.status !== 'number' || err.status >= 500) throw e;
	const field = err.extensions?.field ?? '';
	const line = /^lines\[(\d+)\]\.?(.*)$/.exec(field);
	const at = line ? rows[Number(line[1])] : undefined;
	return { row: (at ?? rows[0]!).row, field: line ? line[2] || 'lines' : field, code, message: err.message ?? code };
}

export type ImportOptions = {
	dryRun: boolean;
	maxRows: number;
	/** Called as the documents are written: `done` of `total` (rows grouped into documents). */
	onProgress?: (done: number, total: number) => void;
};

export async function runImport(ctx: DocContext, spec: ImportSpec, sheet: SheetRows, opts: ImportOptions): Promise<ImportResult> {
	assertRowLimit(sheet.rows.length, opts.maxRows);
	const { index } = mapHeaders(sheet.header, spec.columns);
	const errors: ImportError[] = [];
	const read: Sourced[] = sheet.rows.map(({ row, cells }) => {
		const r = readRow(row, cells, spec.columns, index);
		errors.push(...r.errors);
		return { row, values: r.values };
	});

	for (const [field, ref] of Object.entries(spec.references)) {
		const texts = [...new Set(read.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string'))];
		const ids = await resolve(ctx, ref, texts);
		for (const r of read) {
			const text = r.values[field];
			if (typeof text !== 'string') continue;
			const id = ids.get(text);
			if (id === undefined)
				errors.push({
					row: r.row,
					field,
					code: 'INVALID_PAYLOAD',
					message: `${ref.what.zh}不存在或无权查看 / no ${ref.what.en} "${text}" that you may read`,
				});
			else r.values[field] = id as CellValue;
		}
	}

	const groups = new Map<string, Sourced[]>();
	read.forEach((r, i) => {
		const key = spec.groupBy ? spec.groupBy(r.values) : String(i);
		const group = groups.get(key);
		if (group) group.push(r);
		else groups.set(key, [r]);
	});
	const result: ImportResult = { rows: sheet.rows.length, created: [], errors };
	if (errors.length) return result;

	try {
		await ctx.db.transaction(async (trx) => {
			let done = 0;
			for (const rows of groups.values()) {
				opts.onProgress?.(done++, groups.size);
				try {
					const id = await trx.transaction(async (sp) => {
						const service = new ctx.services.ItemsService(spec.collection, {
							knex: sp,
							schema: ctx.schema,
							accountability: ctx.accountability,
						});
						return (await service.createOne(spec.payload(rows.map((r) => r.values)), {
							autoPurgeCache: false,
							...(opts.dryRun ? { bypassEmitAction: () => undefined } : {}),
						})) as Id;
					});
					result.created.push({ row: rows[0]!.row, id: opts.dryRun ? null : (id as Id) });
				} catch (e) {
					errors.push(rowError(e, rows));
				}
			}
			opts.onProgress?.(done, groups.size);
			if (errors.length || opts.dryRun) throw new RollBack();
		});
	} catch (e) {
		if (!(e instanceof RollBack)) throw e;
		if (errors.length) result.created = [];
		return result;
	}
	return result;
}
