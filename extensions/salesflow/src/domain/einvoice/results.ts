// Reading back what the platform issued: its exported invoice list (发票查询导出, headers vary by
// export) or one invoice's XML, both normalised to one result shape for matching to our invoices.
// Money stays exact (strings with 2 decimals); red invoices (红字发票) come out with negative amounts.
import { isoDate, epochDay } from '../dates';
import { invalid } from '../errors';
import { abs, decimalsProblem, formatMoney, parseMoney } from '../money';
import { zEinvoiceNumber } from './identifiers';

export type EinvoiceResult = {
	/** Sheet row (or the caller's position of an XML file), for messages. */
	row: number;
	number: string;
	buyerTaxId: string | null;
	buyerName: string;
	sellerTaxId: string | null;
	date: string;
	amountExcl: string;
	tax: string;
	total: string;
	/** false for a red invoice. */
	positive: boolean;
	redConfirmationNo: string | null;
	remark: string | null;
};

export type ResultRowError = { row: number; field: string; code: 'INVALID_PAYLOAD'; message: string };

/**
 * Per result field: the sheet headers it goes by (preferred first), the XML element names, and
 * whether a sheet without such a column is refused. Without 是否正数发票 a row is red when a
 * `redMarker` column (发票状态, 票种) says 红字 or 价税合计 is negative.
 */
export const RESULT_HEADER_ALIASES = {
	number: { headers: ['数电票号码', '发票号码'], xml: ['InvoiceNumber'], required: true },
	buyerTaxId: { headers: ['购买方纳税人识别号', '购买方识别号', '购方识别号'], xml: ['BuyerIdNum'], required: true },
	buyerName: { headers: ['购买方名称', '购方名称'], xml: ['BuyerName'], required: true },
	sellerTaxId: { headers: ['销售方纳税人识别号', '销售方识别号', '销方识别号'], xml: ['SellerIdNum'], required: false },
	date: { headers: ['开票日期'], xml: ['IssueTime', 'RequestTime'], required: true },
	amountExcl: { headers: ['金额'], xml: ['TotalAmWithoutTax'], required: true },
	tax: { headers: ['税额'], xml: ['TotalTaxAm'], required: true },
	total: { headers: ['价税合计'], xml: ['TotalTax-includedAmount'], required: true },
	positive: { headers: ['是否正数发票'], xml: [], required: false },
	redMarker: { headers: ['发票状态', '票种', '发票票种'], xml: [], required: false },
	redConfirmationNo: { headers: ['红字确认单编号', '红字发票信息确认单编号'], xml: [], required: false },
	remark: { headers: ['备注'], xml: ['Remark'], required: false },
} as const satisfies Record<string, { headers: readonly string[]; xml: readonly string[]; required: boolean }>;

type ResultField = keyof typeof RESULT_HEADER_ALIASES;
/** Per field the candidate cells, preferred first; the first non-empty one counts. */
type RawResult = Record<ResultField, unknown[]>;
type FieldError = { field: string; message: string };

const FIELDS = Object.keys(RESULT_HEADER_ALIASES) as ResultField[];
const label = (field: ResultField) => RESULT_HEADER_ALIASES[field].headers[0];

// A platform-issued red invoice names its confirmation in 备注 (红字发票信息确认单编号：…) even where no column does.
const RED_CONFIRMATION_IN_REMARK = /红字(?:发票信息)?确认单编号[:：\s]*([0-9A-Za-z]+)/;
const TEXT_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$/;

/** A cell as trimmed text; numbers as JS prints them (a 20-digit number has lost digits by then). */
function textOf(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
	return String(v).trim();
}

const firstText = (cells: unknown[]) => cells.map(textOf).find((s) => s !== '') ?? '';
const firstCell = (cells: unknown[]) => cells.find((c) => textOf(c) !== '');

function dateOf(v: unknown): string | null {
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDate(epochDay(v)); // the UTC calendar day, as in ../dates
	const m = typeof v === 'string' ? TEXT_DATE.exec(v.trim()) : null;
	if (!m) return null;
	const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
	try {
		epochDay(iso);
		return iso;
	} catch {
		return null; // 2025-02-30
	}
}

/** Money in fen from a number cell or text such as "¥1,234.50"; a reason instead when it is not money. */
function moneyOf(v: unknown, name: string): bigint | string {
	const value = typeof v === 'number' ? v : textOf(v).replace(/[,，¥￥\s]/g, '');
	if (value === '') return `${name} is empty`;
	if (typeof v !== 'number' && typeof v !== 'string') return `${name} must be an amount like 123.45, got ${JSON.stringify(v)}`;
	const tooPrecise = decimalsProblem(value, 2, name);
	if (tooPrecise) return tooPrecise;
	try {
		return parseMoney(value, name);
	} catch {
		return `${name} must be an amount like 123.45, got ${JSON.stringify(v)}`;
	}
}

/** Whether the row is a red invoice, or a reason when the flag is unreadable. */
function redOf(raw: RawResult, total: bigint): boolean | string {
	const flag = firstText(raw.positive);
	if (flag === '是' || flag === '否') return flag === '否';
	if (flag) return `${label('positive')} must be 是 or 否, got ${flag}`;
	return total < 0n || raw.redMarker.some((c) => textOf(c).includes('红字'));
}

/** One result from its raw cells, or every problem with it. */
function normalise(raw: RawResult, row: number): { result: EinvoiceResult } | { errors: FieldError[] } {
	const errors: FieldError[] = [];
	const numberCell = firstCell(raw.number);
	const number = firstText(raw.number);
	// A 20-digit number read as a JS number has lost its last digits, however it prints.
	if (typeof numberCell === 'number' && !Number.isSafeInteger(numberCell))
		errors.push({
			field: 'number',
			message: `${label('number')} was read as the number ${number} and has lost digits: format the column as text`,
		});
	else if (!zEinvoiceNumber.safeParse(number).success)
		errors.push({ field: 'number', message: `${label('number')} must be 20 digits, got "${number}" (${number.length})` });
	const dateCell = firstCell(raw.date);
	const date = dateOf(dateCell);
	if (!date)
		errors.push({ field: 'date', message: `${label('date')} must be a date like 2025-01-05, got ${JSON.stringify(dateCell ?? '')}` });
	const amounts = { amountExcl: 0n, tax: 0n, total: 0n };
	for (const field of ['amountExcl', 'tax', 'total'] as const) {
		const fen = moneyOf(firstCell(raw[field]), label(field));
		if (typeof fen === 'string') errors.push({ field, message: fen });
		else amounts[field] = fen;
	}
	const red = redOf(raw, amounts.total);
	if (typeof red === 'string') errors.push({ field: 'positive', message: red });
	else if (red)
		for (const field of ['amountExcl', 'tax', 'total'] as const) amounts[field] = -abs(amounts[field]); // some exports print red amounts unsigned
	else if (amounts.total < 0n)
		errors.push({
			field: 'positive',
			message: `${label('positive')} is 是 but ${label('total')} is negative: ${formatMoney(amounts.total)}`,
		});
	if (!errors.length && amounts.amountExcl + amounts.tax !== amounts.total) {
		const [excl, tax, total] = [amounts.amountExcl, amounts.tax, amounts.total].map(formatMoney);
		errors.push({ field: 'total', message: `${label('amountExcl')} ${excl} + ${label('tax')} ${tax} is not ${label('total')} ${total}` });
	}
	if (errors.length) return { errors };
	const remark = firstText(raw.remark) || null;
	return {
		result: {
			row,
			number,
			buyerTaxId: firstText(raw.buyerTaxId) || null,
			buyerName: firstText(raw.buyerName),
			sellerTaxId: firstText(raw.sellerTaxId) || null,
			date: date!,
			amountExcl: formatMoney(amounts.amountExcl),
			tax: formatMoney(amounts.tax),
			total: formatMoney(amounts.total),
			positive: red === false,
			redConfirmationNo: firstText(raw.redConfirmationNo) || RED_CONFIRMATION_IN_REMARK.exec(remark ?? '')?.[1] || null,
			remark,
		},
	};
}

/** A header as the alias table spells it: no spaces, no required-marker *, no unit such as （元）. */
const headerKey = (h: unknown) =>
	textOf(h)
		.replace(/\s/g, '')
		.replace(/^\*/, '')
		.replace(/[(（][^)）]*[)）]$/, '');

/**
 * The platform's exported invoice list, header row and data rows as the workbook reader gives them
 * (text, numbers, Dates). A missing required column refuses the file; a bad row is reported and
 * left out. Empty rows are skipped. `firstRow` is the sheet row number of rows[0].
 */
export function readResultRows(
	headerRow: unknown[],
	rows: unknown[][],
	firstRow = 2,
): { results: EinvoiceResult[]; errors: ResultRowError[] } {
	const headers = headerRow.map(headerKey);
	const columns = Object.fromEntries(
		FIELDS.map((f) => [f, RESULT_HEADER_ALIASES[f].headers.flatMap((alias) => headers.flatMap((h, i) => (h === alias ? [i] : [])))]),
	) as Record<ResultField, number[]>;
	const missing = FIELDS.filter((f) => RESULT_HEADER_ALIASES[f].required && !columns[f].length);
	if (missing.length)
		throw invalid(
			'file',
			`the invoice list has no column ${missing.map((f) => RESULT_HEADER_ALIASES[f].headers.join(' / ')).join(', ')}; its headers are ${headers.filter(Boolean).join(', ')}`,
		);
	const results: EinvoiceResult[] = [];
	const errors: ResultRowError[] = [];
	rows.forEach((cells, i) => {
		if (cells.every((c) => textOf(c) === '')) return;
		const row = firstRow + i;
		const raw = Object.fromEntries(FIELDS.map((f) => [f, columns[f].map((c) => cells[c])])) as RawResult;
		const out = normalise(raw, row);
		if ('result' in out) results.push(out.result);
		else
			errors.push(
				...out.errors.map((e) => ({ row, code: 'INVALID_PAYLOAD' as const, field: e.field, message: `row ${row}: ${e.message}` })),
			);
	});
	return { results, errors };
}

/** The values of elements named `name` (namespace prefix ignored), nearest the root first. */
function elementValues(doc: unknown, name: string): unknown[] {
	const found: unknown[] = [];
	let level: unknown[] = [doc];
	while (level.length) {
		const next: unknown[] = [];
		for (const node of level) {
			if (Array.isArray(node)) next.push(...node);
			else if (node && typeof node === 'object' && !(node instanceof Date))
				for (const [key, value] of Object.entries(node)) {
					if (key.replace(/^.*:/, '') === name) found.push(...(Array.isArray(value) ? value : [value]));
					next.push(value);
				}
		}
		level = next;
	}
	// An element with attributes parses as { '#text': …, '@_attr': … }.
	return found.map((v) => (v && typeof v === 'object' && '#text' in v ? v['#text'] : v));
}

/**
 * One invoice from the platform's XML (EInvoice → EInvoiceData, TaxSupervisionInfo), parsed into a
 * plain object (fast-xml-parser style). Elements are found by name wherever they are nested. Refused
 * with 400 naming the first bad field when it is not a readable issued invoice.
 */
export function resultFromXml(doc: unknown, row = 1): EinvoiceResult {
	const raw = Object.fromEntries(FIELDS.map((f) => [f, RESULT_HEADER_ALIASES[f].xml.flatMap((el) => elementValues(doc, el))])) as RawResult;
	const out = normalise(raw, row);
	if ('result' in out) return out.result;
	throw invalid(out.errors[0]!.field, `invoice XML: ${out.errors.map((e) => e.message).join('; ')}`);
}
