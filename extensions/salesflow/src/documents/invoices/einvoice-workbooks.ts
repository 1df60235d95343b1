// The workbooks of the 数电票 round trip (exceljs): the platform's batch-issue workbook out, its
// exported invoice list (or one invoice's XML) in, and the voucher rows for 用友/金蝶. Which column
// holds what lives in the domain's tables (domain/einvoice); this file only writes and reads cells.
import ExcelJS from 'exceljs';
import { BATCH_HEAD_COLUMNS, BATCH_LINE_COLUMNS, type BatchWarning, type CellKind, batchRows } from '../../domain/einvoice/batch';
import {
	type EinvoiceResult,
	RESULT_HEADER_ALIASES,
	type ResultRowError,
	readResultRows,
	resultFromXml,
} from '../../domain/einvoice/results';
import type { VoucherLine } from '../../domain/einvoice/vouchers';
import { parseXml } from '../../domain/einvoice/xml';
import { invalid } from '../../domain/errors';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Column = { header: string; key: string; kind: CellKind };

/** Text stays text (a 19-digit code as a number would lose digits), numbers and money are numbers, money shown with 2 decimals. */
function cellOf(kind: CellKind, value: string): string | number | null {
	if (value === '') return null;
	return kind === 'text' ? value : Number(value);
}

function addSheet(book: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: Array<Record<string, string>>): void {
	const sheet = book.addWorksheet(name);
	sheet.columns = columns.map((c) => ({
		header: c.header,
		key: c.key,
		width: Math.max(12, c.header.length * 2 + 2),
		style: { numFmt: c.kind === 'text' ? '@' : c.kind === 'money' ? '0.00' : 'General' },
	}));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, cellOf(c.kind, row[c.key] ?? '')])));
}

const WARNING_COLUMNS: Column[] = [
	{ header: '发票流水号', key: 'invoice', kind: 'text' },
	{ header: '字段', key: 'field', kind: 'text' },
	{ header: '提示', key: 'message', kind: 'text' },
];

/** The batch-issue workbook: 发票基本信息 and 发票明细信息 as the platform's template, and 提示 with what to check first. */
export async function batchWorkbook(invoices: Parameters<typeof batchRows>[0]): Promise<{ buffer: Buffer; warnings: BatchWarning[] }> {
	const { heads, lines, warnings } = batchRows(invoices);
	const book = new ExcelJS.Workbook();
	addSheet(book, '发票基本信息', BATCH_HEAD_COLUMNS, heads);
	addSheet(book, '发票明细信息', BATCH_LINE_COLUMNS, lines);
	addSheet(book, '提示', WARNING_COLUMNS, warnings);
	return { buffer: Buffer.from(await book.xlsx.writeBuffer()), warnings };
}

export const VOUCHER_COLUMNS = [
	{ header: '凭证号', key: 'voucher', kind: 'text' },
	{ header: '日期', key: 'date', kind: 'text' },
	{ header: '摘要', key: 'summary', kind: 'text' },
	{ header: '科目代码', key: 'account', kind: 'text' },
	{ header: '客户', key: 'customer', kind: 'text' },
	{ header: '借方金额', key: 'debit', kind: 'money' },
	{ header: '贷方金额', key: 'credit', kind: 'money' },
] as const satisfies ReadonlyArray<Column & { key: keyof VoucherLine }>;

/** One row per entry line (记账凭证), the columns 用友/金蝶 voucher imports map. */
export async function voucherWorkbook(lines: VoucherLine[]): Promise<Buffer> {
	const book = new ExcelJS.Workbook();
	addSheet(book, '凭证', VOUCHER_COLUMNS, lines);
	return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell as the domain reads it: text, number or Date; rich text, formulas and links by what they show. */
function plain(v: ExcelJS.CellValue): unknown {
	if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date) return v;
	if ('richText' in v) return v.richText.map((r) => r.text).join('');
	if ('result' in v) return plain(v.result as ExcelJS.CellValue);
	if ('text' in v) return v.text;
	if ('error' in v) return '';
	return String(v);
}

const rowValues = (row: ExcelJS.Row, width: number) => Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value));

/** Headers the number column goes by: the row holding one of them is the header row (exports put a title above it). */
const NUMBER_HEADERS: readonly string[] = RESULT_HEADER_ALIASES.number.headers;
const HEADER_SEARCH_ROWS = 10;

/** The platform's exported invoice list: the first sheet with a 数电票号码/发票号码 header (else the first sheet). */
async function resultsFromWorkbook(buffer: Buffer): Promise<{ results: EinvoiceResult[]; errors: ResultRowError[] }> {
	const book = new ExcelJS.Workbook();
	try {
		await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
	} catch (e) {
		throw invalid('file', `the workbook is not readable as .xlsx: ${(e as Error).message}`);
	}
	const sheets = book.worksheets;
	if (!sheets.length) throw invalid('file', 'the workbook has no sheet');
	const isHeader = (row: ExcelJS.Row) =>
		rowValues(row, row.cellCount).some((v) => typeof v === 'string' && NUMBER_HEADERS.includes(v.replace(/\s/g, '').replace(/^\*/, '')));
	for (const sheet of sheets) {
		for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
			if (!isHeader(sheet.getRow(r))) continue;
			const width = sheet.columnCount;
			const rows: unknown[][] = [];
			for (let i = r + 1; i <= sheet.rowCount; i++) rows.push(rowValues(sheet.getRow(i), width));
			return readResultRows(rowValues(sheet.getRow(r), width), rows, r + 1);
		}
	}
	// No recognisable header: the first sheet's first row, refused by readResultRows naming the missing columns.
	const first = sheets[0]!;
	return readResultRows(rowValues(first.getRow(1), first.columnCount), []);
}

/** The platform's results: an .xlsx invoice list (a zip) or one invoice's XML, told apart by content, not by name. */
export async function readEinvoiceResults(buffer: Buffer): Promise<{ results: EinvoiceResult[]; errors: ResultRowError[] }> {
	if (buffer.subarray(0, 2).toString('latin1') === 'PK') return resultsFromWorkbook(buffer);
	const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
	if (text.trimStart().startsWith('<')) return { results: [resultFromXml(parseXml(text))], errors: [] };
	throw invalid('file', "the file is neither an .xlsx workbook nor the platform's invoice XML");
}
