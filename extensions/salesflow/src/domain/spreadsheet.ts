// Excel/CSV import and export (导入/导出), pure: CSV text that Excel opens as UTF-8, and the reading of
// spreadsheet cells into the canonical strings our input schemas take. The schemas still validate
// the row afterwards (ranges, references); this file only turns cells into values or per-cell errors.
import { epochDay, isoDate } from './dates';
import { ErrorCode, invalid } from './errors';
import { decimalsProblem, formatMoney, formatQty, formatRate, parseMoney, parseQty, parseRate } from './money';

/** One CSV field, quoted by RFC 4180 when it holds a comma, a quote or a line break. */
function csvField(value: string | number | bigint | null): string {
	if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`a CSV cell must be a finite number, got ${value}`);
	const s = value === null ? '' : String(value);
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * CSV for Excel: a BOM first (without it Excel reads the UTF-8 Chinese as GBK), CRLF after every
 * record, null as an empty field. A row with a different number of cells than headers is a bug.
 */
export function toCsv(headers: string[], rows: Array<Array<string | number | bigint | null>>): string {
	const lines = [headers, ...rows].map((cells, i) => {
		if (cells.length !== headers.length) throw new RangeError(`CSV row ${i} has ${cells.length} cells, the headers have ${headers.length}`);
		return `${cells.map(csvField).join(',')}\r\n`;
	});
	return `\uFEFF${lines.join('')}`;
}

type Label = { zh: string; en: string };

/** A column an import accepts; `max` limits text length (in characters). */
export type ImportColumn = {
	key: string;
	header: Label;
	required?: boolean;
	kind: 'text' | 'money' | 'qty' | 'rate' | 'int' | 'date' | 'choice';
	choices?: Array<{ value: string; label: Label }>;
	max?: number;
};

export type CellValue = string | number | null;
export type CellResult = { value: CellValue } | { error: string };

/** Data rows one import takes unless SALESFLOW_IMPORT_MAX_ROWS says otherwise. */
export const MAX_IMPORT_ROWS = 5000;

const comparable = (s: string) => s.trim().toLowerCase();
/** Whether header or choice text is one of `names` as people mean it: trimmed, Latin case ignored. */
const isOneOf = (text: string, names: string[]) => names.some((name) => comparable(name) === comparable(text));
/** A cell as quoted in a message (JSON.stringify refuses bigint). */
const shown = (v: unknown) => (typeof v === 'bigint' ? String(v) : JSON.stringify(v));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !(v instanceof Date);

/** Spreadsheet libraries hand formatted text as rich text runs and links as { text, hyperlink }: read their text. */
function plain(raw: unknown): unknown {
	if (!isObject(raw)) return raw;
	if (Array.isArray(raw.richText)) return raw.richText.map((run: unknown) => (isObject(run) ? String(run.text ?? '') : '')).join('');
	if (typeof raw.text === 'string' && 'hyperlink' in raw) return raw.text;
	return raw;
}

/**
 * Which cell index holds each column. Headers match a column's zh or en header or its key; blank
 * header cells are ignored. Unknown, repeated and missing required headers are 400 on `file`, all named.
 */
export function mapHeaders(headerRow: unknown[], columns: ImportColumn[]): { index: Map<string, number> } {
	const index = new Map<string, number>();
	const unknown: string[] = [];
	const repeated: string[] = [];
	headerRow.forEach((cell, i) => {
		const text = plain(cell);
		const header = typeof text === 'string' || typeof text === 'number' ? String(text).trim() : '';
		if (!header) return;
		const column = columns.find((c) => isOneOf(header, [c.header.zh, c.header.en, c.key]));
		if (!column) unknown.push(header);
		else if (index.has(column.key)) repeated.push(header);
		else index.set(column.key, i);
	});
	const missing = columns.filter((c) => c.required && !index.has(c.key)).map((c) => `${c.header.zh}/${c.header.en}`);
	const problems = [
		unknown.length ? `unknown columns: ${unknown.map((h) => JSON.stringify(h)).join(', ')}` : '',
		repeated.length ? `repeated columns: ${repeated.map((h) => JSON.stringify(h)).join(', ')}` : '',
		missing.length ? `missing required columns: ${missing.join(', ')}` : '',
	].filter(Boolean);
	if (problems.length) throw invalid('file', `the header row does not match the template: ${problems.join('; ')}`);
	return { index };
}

const DECIMALS = {
	money: { scale: 2, parse: parseMoney, format: formatMoney, expected: '金额/expected an amount', example: '12.30' },
	qty: { scale: 3, parse: parseQty, format: formatQty, expected: '数量/expected a quantity', example: '1.5' },
	rate: { scale: 4, parse: parseRate, format: formatRate, expected: '税率/expected a rate', example: '0.13' },
} as const;

function readDecimal(kind: keyof typeof DECIMALS, v: unknown): CellResult {
	const { scale, parse, format, expected, example } = DECIMALS[kind];
	const refused = { error: `${expected} like ${example}, got ${shown(v)}` };
	if (typeof v !== 'string' && typeof v !== 'number') return refused;
	// A typed 12.345 is refused, not rounded: rounding here would change what the user entered.
	if (decimalsProblem(v, scale, kind)) return { error: `${expected} with at most ${scale} decimals, got ${shown(v)}` };
	try {
		return { value: format(parse(v)) };
	} catch {
		return refused;
	}
}

function readText(v: unknown, max: number | undefined): CellResult {
	if (typeof v !== 'string' && typeof v !== 'number') return { error: `文本/expected text, got ${shown(v)}` };
	const text = String(v).trim();
	const length = [...text].length; // characters, as a varchar(n) counts them, not UTF-16 units
	return max !== undefined && length > max ? { error: `文本过长/at most ${max} characters, got ${length}` } : { value: text };
}

function readInt(v: unknown): CellResult {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
	return Number.isSafeInteger(n) ? { value: n } : { error: `整数/expected a whole number, got ${shown(v)}` };
}

const DATE_TEXT = /^(\d{4})(?:-(\d{2})-(\d{2})|\/(\d{1,2})\/(\d{1,2}))$/;

function readDate(v: unknown): CellResult {
	const m = typeof v === 'string' ? DATE_TEXT.exec(v.trim()) : null;
	const pad = (part: string) => part.padStart(2, '0');
	// A date cell arrives as a Date at UTC midnight of the day shown; epochDay takes its UTC day.
	const date = v instanceof Date ? v : m ? `${m[1]}-${pad(m[2] ?? m[4]!)}-${pad(m[3] ?? m[5]!)}` : null;
	try {
		if (date !== null) return { value: isoDate(epochDay(date)) };
	} catch {
		// 2026-02-30 or an invalid Date: refused below like any other text
	}
	return { error: `日期/expected a date YYYY-MM-DD or YYYY/M/D, got ${shown(v)}` };
}

function readChoice(v: unknown, choices: ImportColumn['choices'] = []): CellResult {
	const text = typeof v === 'string' || typeof v === 'number' ? String(v) : null;
	const choice = text === null ? undefined : choices.find((c) => isOneOf(text, [c.value, c.label.zh, c.label.en]));
	if (choice) return { value: choice.value };
	const allowed = choices.map((c) => `${c.label.zh}/${c.label.en}`).join(', ');
	return { error: `选项/expected one of ${allowed}, got ${shown(v)}` };
}

/**
 * One cell as its column's canonical value: text trimmed, money '12.30', qty '1.500', rate '0.1300',
 * int a number, date 'YYYY-MM-DD', choice its value. Empty is null (an error when required).
 * Formulas are refused: their cached result may be stale or missing.
 */
export function readCell(column: ImportColumn, raw: unknown): CellResult {
	if (isObject(raw) && ('formula' in raw || 'sharedFormula' in raw)) return { error: '公式/formula not allowed, enter the value' };
	const v = plain(raw);
	if (v === null || v === undefined || (typeof v === 'string' && !v.trim()))
		return column.required ? { error: '必填/required' } : { value: null };
	switch (column.kind) {
		case 'text':
			return readText(v, column.max);
		case 'int':
			return readInt(v);
		case 'date':
			return readDate(v);
		case 'choice':
			return readChoice(v, column.choices);
		default:
			return readDecimal(column.kind, v);
	}
}

export type RowError = { row: number; field: string; code: typeof ErrorCode.INVALID_PAYLOAD; message: string };

/**
 * A data row's values by column key, for the columns the file has (an optional column left out of
 * the file stays out of `values`, so an import never blanks it), with one error per bad cell.
 */
export function readRow(
	rowNumber: number,
	cells: unknown[],
	columns: ImportColumn[],
	index: Map<string, number>,
): { values: Record<string, CellValue>; errors: RowError[] } {
	const values: Record<string, CellValue> = {};
	const errors: RowError[] = [];
	for (const column of columns) {
		const at = index.get(column.key);
		if (at === undefined) continue;
		const result = readCell(column, cells[at]);
		if ('error' in result) errors.push({ row: rowNumber, field: column.key, code: ErrorCode.INVALID_PAYLOAD, message: result.error });
		else values[column.key] = result.value;
	}
	return { values, errors };
}

/** An import takes at most `max` data rows, so one request (and its one transaction) stays bounded. */
export function assertRowLimit(count: number, max = MAX_IMPORT_ROWS): void {
	if (count > max) throw invalid('file', `the file has ${count} data rows, an import takes at most ${max}; split it into smaller files`);
}

/**
 * CSV text as records of fields (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 * A leading BOM is dropped; records end with CRLF or LF; a last record without a line break counts.
 * Every field stays text, so codes such as 0571… keep their leading zeros.
 */
export function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const endRecord = () => {
		records.push([...record, field]);
		record = [];
		field = '';
	};
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') field += src[++i];
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\n' || (c === '\r' && src[i + 1] === '\n')) {
			if (c === '\r') i++;
			endRecord();
		} else field += c;
	}
	if (quoted) throw invalid('file', 'the CSV file ends inside a quoted field');
	if (field !== '' || record.length) endRecord();
	return records;
}
