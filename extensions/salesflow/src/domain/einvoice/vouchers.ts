// Accounting vouchers (记账凭证) for the finance software (用友 / 金蝶): one voucher per issued invoice
// or receipt of a period. A red invoice (红字发票) posts the same entries with negative amounts, as
// Chinese bookkeeping reverses on the original side (红字冲销) rather than swapping debit and credit.
import { z } from 'zod';
import { epochDay } from '../dates';
import { DomainError, invalid } from '../errors';
import { type DecimalInput, formatMoney, parseMoney } from '../money';
import { inContext } from './context';

export type VoucherAccounts = {
	/** 应收账款 */
	receivable: string;
	/** 主营业务收入 */
	revenue: string;
	/** 应交税费—应交增值税（销项税额） */
	outputVat: string;
	/** 银行存款 */
	bank: string;
};

export const DEFAULT_ACCOUNTS: Readonly<VoucherAccounts> = { receivable: '1122', revenue: '6001', outputVat: '22210106', bank: '1002' };

const zAccountCode = z
	.string({ error: 'an account code must be text such as "1122"' })
	.trim()
	.regex(/^[0-9A-Za-z.-]{1,40}$/, 'an account code is 1–40 digits or letters (dots and dashes allowed), such as "1122" or "2221.01.06"');

/** The settings' account mapping: keys left out take the defaults; unknown keys are refused (a misspelt key would post to the default). */
export const zVoucherAccounts = z
	.object({ receivable: zAccountCode, revenue: zAccountCode, outputVat: zAccountCode, bank: zAccountCode })
	.partial()
	.strict();

/** An issued invoice; a red one carries negative amounts, as stored. */
export type VoucherInvoice = {
	number: string;
	direction: 'blue' | 'red';
	date: string;
	customer: string;
	amount_excl: DecimalInput;
	tax: DecimalInput;
	total: DecimalInput;
};

export type VoucherReceipt = { number: string; date: string; customer: string; amount: DecimalInput };

/** One row of the voucher import; `customer` is for the receivable's customer sub-ledger (辅助核算). */
export type VoucherLine = {
	voucher: string;
	date: string;
	summary: string;
	account: string;
	customer: string;
	debit: string;
	credit: string;
};

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Posting = { account: string; debit: bigint; credit: bigint };

function invoicePostings(inv: VoucherInvoice, accounts: VoucherAccounts): Posting[] {
	const [excl, tax, total] = inContext(inv.number, () => [
		parseMoney(inv.amount_excl, 'amount_excl'),
		parseMoney(inv.tax, 'tax'),
		parseMoney(inv.total, 'total'),
	]);
	const wrongSign = inv.direction === 'red' ? [excl, tax, total].some((n) => n > 0n) : [excl, tax, total].some((n) => n < 0n);
	if (wrongSign)
		throw invalid(
			'total',
			`${inv.number}: a ${inv.direction} invoice's amounts must be ${inv.direction === 'red' ? 'negative' : 'positive'} or 0, got ${formatMoney(excl)} + ${formatMoney(tax)} = ${formatMoney(total)}`,
		);
	if (excl + tax !== total)
		throw invalid('total', `${inv.number}: amount_excl ${formatMoney(excl)} + tax ${formatMoney(tax)} is not total ${formatMoney(total)}`);
	return [
		{ account: accounts.receivable, debit: total, credit: 0n },
		{ account: accounts.revenue, debit: 0n, credit: excl },
		{ account: accounts.outputVat, debit: 0n, credit: tax },
	];
}

function receiptPostings(rc: VoucherReceipt, accounts: VoucherAccounts): Posting[] {
	const amount = inContext(rc.number, () => parseMoney(rc.amount, 'amount'));
	return [
		{ account: accounts.bank, debit: amount, credit: 0n },
		{ account: accounts.receivable, debit: 0n, credit: amount },
	];
}

/**
 * Voucher rows for a period's issued invoices and receipts, in date then document order. A zero
 * amount is left out (finance software refuses zero lines), so a 0 % invoice has no VAT line.
 */
export function voucherLines(
	docs: { invoices?: VoucherInvoice[]; receipts?: VoucherReceipt[] },
	accounts: Partial<VoucherAccounts> = {},
): VoucherLine[] {
	const chart = { ...DEFAULT_ACCOUNTS, ...accounts };
	for (const [key, code] of Object.entries(chart))
		if (!code?.trim()) throw invalid(`accounts.${key}`, `accounts.${key} must be an account code, got ${JSON.stringify(code)}`);
	const vouchers = [
		...(docs.invoices ?? []).map((inv) => ({
			doc: inv,
			summary: `${inv.direction === 'red' ? '红字发票' : '销售开票'} ${inv.number} ${inv.customer}`,
			postings: invoicePostings(inv, chart),
		})),
		...(docs.receipts ?? []).map((rc) => ({ doc: rc, summary: `收款 ${rc.number} ${rc.customer}`, postings: receiptPostings(rc, chart) })),
	];
	for (const { doc } of vouchers) inContext(doc.number, () => epochDay(doc.date, 'date'));
	vouchers.sort((a, b) => compareText(a.doc.date, b.doc.date) || compareText(a.doc.number, b.doc.number));
	return vouchers.flatMap(({ doc, summary, postings }) =>
		postings
			.filter((p) => p.debit !== 0n || p.credit !== 0n)
			.map((p) => ({
				voucher: doc.number,
				date: doc.date,
				summary,
				account: p.account,
				customer: doc.customer,
				debit: formatMoney(p.debit),
				credit: formatMoney(p.credit),
			})),
	);
}

/** Every voucher's debits equal its credits to the fen; otherwise 409 VOUCHER_UNBALANCED naming both sums. */
export function assertBalanced(lines: Array<Pick<VoucherLine, 'voucher' | 'debit' | 'credit'>>): void {
	const sums = new Map<string, { debit: bigint; credit: bigint }>();
	for (const line of lines) {
		const sum = sums.get(line.voucher) ?? { debit: 0n, credit: 0n };
		sum.debit += inContext(line.voucher, () => parseMoney(line.debit, 'debit'));
		sum.credit += inContext(line.voucher, () => parseMoney(line.credit, 'credit'));
		sums.set(line.voucher, sum);
	}
	for (const [voucher, { debit, credit }] of sums)
		if (debit !== credit)
			throw new DomainError('VOUCHER_UNBALANCED', `voucher ${voucher}: debits ${formatMoney(debit)}, credits ${formatMoney(credit)}`, 409, {
				voucher,
				debit: formatMoney(debit),
				credit: formatMoney(credit),
			});
}
