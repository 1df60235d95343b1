// Rows for the platform's batch-issue workbook (批量开具): one sheet of invoice heads (发票基本信息)
// and one of lines (发票明细信息), joined by 发票流水号 = our invoice number. The column tables are
// the template: a changed template is one edit there. Problems finance can fix on the platform
// (missing tax code, doubtful taxpayer ID, 专票 without bank details) are warnings, never a refusal.
import { invalid } from '../errors';
import {
	abs,
	type DecimalInput,
	displayQty,
	displayScaled,
	formatMoney,
	lineTotal,
	parseMoney,
	parseQty,
	parseRate,
	splitTax,
} from '../money';
import { inContext } from './context';
import { checkTaxpayerId, goodsName, zTaxCode } from './identifiers';

/** How the workbook writer types a cell: text (also digit strings such as tax codes), number, or money with 2 decimals. */
export type CellKind = 'text' | 'number' | 'money';

export const BATCH_HEAD_COLUMNS = [
	{ header: '发票流水号', key: 'serial', kind: 'text' },
	{ header: '发票类型', key: 'type', kind: 'text' },
	{ header: '是否含税', key: 'tax_inclusive', kind: 'text' },
	{ header: '购买方名称', key: 'buyer_name', kind: 'text' },
	{ header: '购买方纳税人识别号', key: 'buyer_tax_id', kind: 'text' },
	{ header: '购买方地址', key: 'buyer_address', kind: 'text' },
	{ header: '购买方电话', key: 'buyer_phone', kind: 'text' },
	{ header: '购买方开户银行', key: 'buyer_bank', kind: 'text' },
	{ header: '购买方银行账号', key: 'buyer_account', kind: 'text' },
	{ header: '备注', key: 'remark', kind: 'text' },
] as const satisfies ReadonlyArray<{ header: string; key: string; kind: CellKind }>;

export const BATCH_LINE_COLUMNS = [
	{ header: '发票流水号', key: 'serial', kind: 'text' },
	{ header: '项目名称', key: 'goods_name', kind: 'text' },
	{ header: '商品和服务税收分类编码', key: 'tax_code', kind: 'text' },
	{ header: '规格型号', key: 'spec', kind: 'text' },
	{ header: '单位', key: 'unit', kind: 'text' },
	{ header: '数量', key: 'quantity', kind: 'number' },
	{ header: '单价', key: 'unit_price', kind: 'money' },
	{ header: '金额', key: 'total', kind: 'money' },
	{ header: '税率', key: 'tax_rate', kind: 'number' },
	{ header: '税额', key: 'tax', kind: 'money' },
] as const satisfies ReadonlyArray<{ header: string; key: string; kind: CellKind }>;

/** A row keyed by the columns' keys; an empty cell is ''. */
export type BatchHeadRow = Record<(typeof BATCH_HEAD_COLUMNS)[number]['key'], string>;
export type BatchLineRow = Record<(typeof BATCH_LINE_COLUMNS)[number]['key'], string>;

const INVOICE_TYPE_TEXT = { vat_special: '数电票（增值税专用发票）', vat_ordinary: '数电票（普通发票）' } as const;

/** A draft invoice with the buyer snapshot and product data it was issued with; figures as decimal strings. */
export type BatchInvoice = {
	number: string;
	type: keyof typeof INVOICE_TYPE_TEXT;
	buyer_name: string;
	buyer_tax_id: string | null;
	buyer_address_phone: string | null;
	buyer_bank_account: string | null;
	remark?: string | null;
	lines: BatchInvoiceLine[];
};

export type BatchInvoiceLine = {
	sku: string;
	name: string;
	spec: string | null;
	unit: string | null;
	tax_code: string | null;
	/** 分类简称, the short name of the tax category (电子元件). */
	category: string | null;
	quantity: DecimalInput;
	/** Tax-inclusive. */
	unit_price: DecimalInput;
	total: DecimalInput;
	tax_rate: DecimalInput;
	tax: DecimalInput;
};

export type BatchWarning = { invoice: string; field: string; message: string };

// The platform refuses a line whose 金额 is off 数量 × 单价 by more than 0.01 or whose 税额 is off by more than 0.06.
const AMOUNT_TOLERANCE = 1n;
const TAX_TOLERANCE = 6n;

// A phone: digits with optional +, brackets, dashes and single spaces, at least 7 digits. An account: a digit run, at least 5.
const PHONE = /\+?[(（]?\d(?:[\d\-－()（）]| (?=\d))*\d/g;
const ACCOUNT = /\d(?:[\d-]| (?=\d))*\d/g;
const PHONE_LABEL = /[\s,，;；:：]*(?:联系电话|电话|手机|tel\.?|phone)?[\s,，;；:：]*$/i;
const ACCOUNT_LABEL = /[\s,，;；:：]*(?:银行账号|账号|帐号|account)?[\s,，;；:：]*$/i;

/**
 * Splits "text … token" into the text and its last token with at least `minDigits` digits (the
 * phone of 地址电话, the account of 开户行及账号). Without such a token all text stays in the first part.
 */
function splitLastToken(value: string | null, token: RegExp, minDigits: number, label: RegExp): [string, string] {
	const text = (value ?? '').trim();
	const last = [...text.matchAll(token)].filter((m) => m[0].replace(/\D/g, '').length >= minDigits).pop();
	if (!last) return [text, ''];
	const before = text.slice(0, last.index).replace(label, '').trim();
	const after = text.slice(last.index + last[0].length).trim();
	return [[before, after].filter(Boolean).join(' '), last[0]];
}

const splitAddressPhone = (v: string | null) => splitLastToken(v, PHONE, 7, PHONE_LABEL);
const splitBankAccount = (v: string | null) => splitLastToken(v, ACCOUNT, 5, ACCOUNT_LABEL);

function buyerWarnings(inv: BatchInvoice, parts: Pick<BatchHeadRow, 'buyer_address' | 'buyer_phone' | 'buyer_bank' | 'buyer_account'>) {
	const warnings: BatchWarning[] = [];
	const warn = (field: string, message: string) => warnings.push({ invoice: inv.number, field, message });
	const taxId = inv.buyer_tax_id?.trim() ?? '';
	if (taxId) {
		const check = checkTaxpayerId(taxId);
		if (check !== 'ok' && check !== 'legacy') warn('buyer_tax_id', `${inv.number}: ${check}`);
	} else if (inv.type === 'vat_special') warn('buyer_tax_id', `${inv.number}: a 专票 needs the buyer's taxpayer ID`);
	if (inv.type === 'vat_special') {
		const missing = (what: string, value: string) => (value ? [] : [what]);
		const addressPhone = [...missing('address', parts.buyer_address), ...missing('phone', parts.buyer_phone)];
		const bankAccount = [...missing('bank', parts.buyer_bank), ...missing('account', parts.buyer_account)];
		if (addressPhone.length)
			warn(
				'buyer_address_phone',
				`${inv.number}: a 专票 needs the buyer's ${addressPhone.join(' and ')}, got "${inv.buyer_address_phone ?? ''}"`,
			);
		if (bankAccount.length)
			warn(
				'buyer_bank_account',
				`${inv.number}: a 专票 needs the buyer's ${bankAccount.join(' and ')}, got "${inv.buyer_bank_account ?? ''}"`,
			);
	}
	return warnings;
}

function lineRow(inv: BatchInvoice, line: BatchInvoiceLine, warnings: BatchWarning[]): BatchLineRow {
	const where = `${inv.number} ${line.sku}`;
	const warn = (field: string, message: string) => warnings.push({ invoice: inv.number, field, message: `${where}: ${message}` });
	const [quantity, unitPrice, total, rate, tax] = inContext(where, () => [
		parseQty(line.quantity, 'quantity'),
		parseMoney(line.unit_price, 'unit_price'),
		parseMoney(line.total, 'total'),
		parseRate(line.tax_rate, 'tax_rate'),
		parseMoney(line.tax, 'tax'),
	]);
	if (rate < 0n || rate > 10000n)
		throw invalid('tax_rate', `${where}: tax_rate must be between 0 and 1 (0.13 = 13%), got ${displayScaled(rate, 4)}`);
	const taxCode = line.tax_code?.trim() ?? '';
	if (!taxCode) warn('tax_code', 'no tax classification code (税收分类编码)');
	else if (!zTaxCode.safeParse(taxCode).success) warn('tax_code', `tax code (税收分类编码) must be 19 digits, got ${taxCode}`);
	const expectedTotal = lineTotal(quantity, unitPrice);
	if (abs(total - expectedTotal) > AMOUNT_TOLERANCE)
		warn(
			'total',
			`amount ${formatMoney(total)} is not quantity ${displayQty(quantity)} × price ${formatMoney(unitPrice)} = ${formatMoney(expectedTotal)}`,
		);
	else {
		const expectedTax = splitTax(total, rate).tax;
		if (abs(tax - expectedTax) > TAX_TOLERANCE)
			warn('tax', `tax ${formatMoney(tax)} is not ${formatMoney(expectedTax)} (amount ${formatMoney(total)} at ${displayScaled(rate, 4)})`);
	}
	return {
		serial: inv.number,
		goods_name: goodsName(line.category, line.name),
		tax_code: taxCode,
		spec: line.spec?.trim() ?? '',
		unit: line.unit?.trim() ?? '',
		quantity: displayQty(quantity),
		unit_price: formatMoney(unitPrice),
		total: formatMoney(total),
		tax_rate: displayScaled(rate, 4),
		tax: formatMoney(tax),
	};
}

/** The heads and lines of the batch workbook for draft invoices, with what finance should check first. */
export function batchRows(invoices: BatchInvoice[]): { heads: BatchHeadRow[]; lines: BatchLineRow[]; warnings: BatchWarning[] } {
	const heads: BatchHeadRow[] = [];
	const lines: BatchLineRow[] = [];
	const warnings: BatchWarning[] = [];
	for (const inv of invoices) {
		if (!Object.hasOwn(INVOICE_TYPE_TEXT, inv.type))
			throw invalid('type', `${inv.number}: type must be vat_special or vat_ordinary, got ${JSON.stringify(inv.type)}`);
		const [buyer_address, buyer_phone] = splitAddressPhone(inv.buyer_address_phone);
		const [buyer_bank, buyer_account] = splitBankAccount(inv.buyer_bank_account);
		const remark = inv.remark?.trim() ?? '';
		heads.push({
			serial: inv.number,
			type: INVOICE_TYPE_TEXT[inv.type],
			tax_inclusive: '是',
			buyer_name: inv.buyer_name.trim(),
			buyer_tax_id: inv.buyer_tax_id?.trim() ?? '',
			buyer_address,
			buyer_phone,
			buyer_bank,
			buyer_account,
			// The invoice number in 备注 is how the platform's export is matched back to us.
			remark: remark.includes(inv.number) ? remark : `${inv.number} ${remark}`.trim(),
		});
		warnings.push(...buyerWarnings(inv, { buyer_address, buyer_phone, buyer_bank, buyer_account }));
		if (!inv.lines.length) warnings.push({ invoice: inv.number, field: 'lines', message: `${inv.number}: no lines to issue` });
		for (const line of inv.lines) lines.push(lineRow(inv, line, warnings));
	}
	return { heads, lines, warnings };
}
