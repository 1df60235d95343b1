// Workbooks in and out (exceljs): the import template, reading an uploaded .xlsx or .csv into raw
// cells, and tables written as typed sheets (and CSV for Excel). What the cells mean is decided in
// domain/spreadsheet.ts; this file only moves them between bytes and arrays.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { epochDay } from '../domain/dates';
import { invalid } from '../domain/errors';
import { formatMoney, parseMoney, parseQty } from '../domain/money';
import { type ImportColumn, parseCsv, toCsv } from '../domain/spreadsheet';
import type { Upload } from './uploads';

type Label = { zh: string; en: string };

/** The sheet holding the field keys (and the choice lists the validations point at); hidden in the template. */
export const KEYS_SHEET = '_fields';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download's file name header: an ASCII fallback and the real (Chinese) name per RFC 5987. */
export const attachment = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** Row 1 as bold headers, frozen, with widths that fit Chinese text. */
function headerRow(ws: ExcelJS.Worksheet, headers: string[]): void {
	const row = ws.addRow(headers);
	row.font = { bold: true };
	row.eachCell((cell) => {
		cell.fill = HEADER_FILL;
	});
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	headers.forEach((h, i) => {
		ws.getColumn(i + 1).width = Math.max(10, [...h].length * 2 + 4);
	});
}

const columnLetter = (n: number) => {
	let s = '';
	for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
	return s;
};

/**
 * The import template: the data sheet (row 1 zh-CN headers, data from row 2, choice cells validated
 * against the zh-CN labels and the keys), an example sheet, and a hidden sheet with the field keys.
 */
export async function templateWorkbook(
	sheet: Label,
	columns: ImportColumn[],
	example: Array<Record<string, string | number>>,
	note: Label,
	rows: number,
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const data = wb.addWorksheet(sheet.zh);
	headerRow(
		data,
		columns.map((c) => c.header.zh),
	);
	// The example is the second sheet, the keys the third (hidden).
	const ex = wb.addWorksheet('示例');
	const keys = wb.addWorksheet(KEYS_SHEET, { state: 'hidden' });
	keys.addRow(columns.map((c) => c.key));
	columns.forEach((c, i) => {
		const letter = columnLetter(i + 1);
		const head = data.getCell(`${letter}1`);
		head.note = `${c.header.en}${c.required ? ' · 必填/required' : ''}`;
		if (!c.choices?.length) return;
		// Either spelling is accepted, so both are in the list the cell offers.
		const entries = [...c.choices.map((x) => x.label.zh), ...c.choices.map((x) => x.value)];
		entries.forEach((e, j) => {
			keys.getCell(`${letter}${j + 2}`).value = e;
		});
		// exceljs' types omit the sheet-level list; it writes the range as one <dataValidation>.
		(data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
			`${letter}2:${letter}${rows + 1}`,
			{
				type: 'list',
				allowBlank: !c.required,
				formulae: [`'${KEYS_SHEET}'!$${letter}$2:$${letter}$${entries.length + 1}`],
				showErrorMessage: true,
				errorTitle: c.header.zh,
				error: `请选择列表中的值 / choose one of: ${c.choices.map((x) => `${x.label.zh} (${x.value})`).join(', ')}`,
			},
		);
	});
	headerRow(
		ex,
		columns.map((c) => c.header.zh),
	);
	for (const r of example) ex.addRow(columns.map((c) => r[c.key] ?? null));
	ex.addRow([]);
	ex.addRow([`${note.zh} ${note.en}`]);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

export type SheetRows = { header: unknown[]; rows: Array<{ row: number; cells: unknown[] }> };

const isXlsx = (b: Buffer) => b.length > 4 && b.readUInt32LE(0) === 0x04034b50; // a zip: "PK\3\4"
const looksLikeCsv = (u: Upload) => /\.csv$/i.test(u.filename) || /^text\/(csv|plain)/i.test(u.mimetype);
const blankRow = (cells: unknown[]) => cells.every((c) => c === null || c === undefined || (typeof c === 'string' && !c.trim()));

/**
 * The first sheet of an .xlsx (or the records of a .csv): the header row and the data rows with their
 * sheet row numbers, blank rows left out. 400 when the file is neither; counting stops past `maxRows`.
 */
/**
 * The cell values of the first visible sheet, row by row. Streamed (exceljs' WorkbookReader): the full
 * workbook model keeps every cell's style and address, several hundred MB for 5,000 rows; only the
 * values are kept here. Styles are read so date cells come back as dates.
 */
async function xlsxRows(buffer: Buffer): Promise<Array<{ row: number; cells: unknown[] }>> {
	const records: Array<{ row: number; cells: unknown[] }> = [];
	let width = 0;
	let visible = false;
	try {
		const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
			worksheets: 'emit',
			sharedStrings: 'cache',
			styles: 'cache',
			hyperlinks: 'ignore',
			entries: 'ignore',
		});
		for await (const sheet of reader) {
			const state = (sheet as unknown as { state?: string }).state;
			const wanted: boolean = !visible && state !== 'hidden' && state !== 'veryHidden';
			visible ||= wanted;
			// Every sheet is read to its end (the zip is one stream); only the first visible one is kept.
			for await (const row of sheet) {
				if (!wanted) continue;
				const cells = (row.values as unknown[]).slice(1);
				width = Math.max(width, cells.length);
				records.push({ row: row.number, cells });
			}
		}
	} catch (e) {
		throw invalid('file', `the file is not a readable .xlsx workbook: ${(e as Error).message}`);
	}
	if (!visible) throw invalid('file', 'the workbook has no visible sheet');
	for (const r of records) while (r.cells.length < width) r.cells.push(null);
	return records;
}

export async function readSheet(upload: Upload): Promise<SheetRows> {
	let records: Array<{ row: number; cells: unknown[] }>;
	if (isXlsx(upload.buffer)) {
		records = await xlsxRows(upload.buffer);
	} else if (looksLikeCsv(upload)) {
		const text = upload.buffer.toString('utf8');
		if (text.includes('\uFFFD'))
			throw invalid('file', 'the CSV file is not UTF-8 (saved as GBK?); save it as "CSV UTF-8" or upload the .xlsx template');
		records = parseCsv(text).map((cells, i) => ({ row: i + 1, cells }));
	} else {
		throw invalid('file', 'the file is not a workbook: upload the .xlsx template (or a UTF-8 .csv)');
	}
	const filled = records.filter((r) => !blankRow(r.cells));
	if (!filled.length) throw invalid('file', 'the sheet is empty: row 1 must hold the headers');
	const [head, ...rows] = filled;
	return { header: head!.cells, rows };
}

/** How an exported column's cells are typed in the workbook. */
export type CellKind = 'text' | 'money' | 'qty' | 'int' | 'percent' | 'date';
export type TableColumn = { key: string; header: Label; kind: CellKind };
export type Table = {
	title: Label;
	columns: TableColumn[];
	rows: Array<Record<string, unknown>>;
	/** The totals row's figures by column key (the first column says 合计). */
	totals?: Record<string, unknown>;
};

const NUM_FMT: Record<CellKind, string | undefined> = {
	text: undefined,
	money: '#,##0.00',
	qty: '#,##0.###',
	int: '0',
	percent: '0.0"%"',
	date: 'yyyy-mm-dd',
};

/** A value as the typed cell Excel shows: money exact to the fen, dates as dates (UTC midnight, no shift). */
function typed(kind: CellKind, v: unknown): string | number | Date | null {
	if (v === null || v === undefined || v === '') return null;
	switch (kind) {
		case 'money':
			return Number(formatMoney(parseMoney(v as string)));
		case 'qty':
			return Number(parseQty(v as string)) / 1000;
		case 'int':
		case 'percent':
			return Number(v);
		case 'date':
			return new Date(epochDay(v as string) * 86_400_000);
		default:
			return String(v);
	}
}

/** Tables as one workbook, a sheet each: zh-CN headers, frozen header row, typed cells, a bold totals row. */
export async function tablesWorkbook(tables: Table[]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const used = new Set<string>();
	for (const t of tables) {
		// Sheet names are unique and at most 31 characters without []:*?/\ in Excel.
		let name = t.title.zh.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
		for (let i = 2; used.has(name); i++) name = `${t.title.zh.slice(0, 26)}${i}`;
		used.add(name);
		const ws = wb.addWorksheet(name);
		headerRow(
			ws,
			t.columns.map((c) => c.header.zh),
		);
		t.columns.forEach((c, i) => {
			const fmt = NUM_FMT[c.kind];
			if (fmt) ws.getColumn(i + 1).numFmt = fmt;
		});
		for (const r of t.rows) ws.addRow(t.columns.map((c) => typed(c.kind, r[c.key])));
		if (t.totals) {
			const totals = ws.addRow(t.columns.map((c, i) => (i === 0 ? '合计' : typed(c.kind, t.totals![c.key]))));
			totals.font = { bold: true };
		}
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV text of a value as it reads in the sheet: money with its 2 decimals, dates YYYY-MM-DD. */
function csvText(kind: CellKind, v: unknown): string | null {
	if (v === null || v === undefined) return null;
	return kind === 'money' ? formatMoney(parseMoney(v as string)) : String(v);
}

/** The first table as CSV for Excel (UTF-8 with a BOM), its totals row last. */
export function tableCsv(t: Table): string {
	const rows = t.rows.map((r) => t.columns.map((c) => csvText(c.kind, r[c.key])));
	if (t.totals) rows.push(t.columns.map((c, i) => (i === 0 ? '合计' : csvText(c.kind, t.totals![c.key]))));
	return toCsv(
		t.columns.map((c) => c.header.zh),
		rows,
	);
}
