// Matching the platform's issued invoices back to ours: by our invoice number in 备注, else by buyer
// taxpayer ID and exact total (blue) or red confirmation number (红字确认单, red). Anything doubtful is
// 'conflicting' for finance to resolve by hand; nothing here writes, so a rerun over the same file
// after issuing gives 'already_issued' for every row.
import type { Id } from '../ids';
import { type DecimalInput, formatMoney, parseMoney } from '../money';
import { inContext } from './context';
import { NUMBER_PREFIXES } from '../numbering';
import type { EinvoiceResult } from './results';

export type MatchInvoice = {
	id: Id;
	number: string;
	direction: 'blue' | 'red';
	status: string;
	buyer_tax_id: string | null;
	total: DecimalInput;
	einvoice_number: string | null;
	red_confirmation_no: string | null;
};

export type MatchOutcome<I extends MatchInvoice> = { row: number; einvoice: string } & (
	| { status: 'issue'; invoice: I }
	| { status: 'already_issued'; invoice: I }
	| { status: 'unmatched'; reason: string }
	| { status: 'conflicting'; field: ConflictField; reason: string }
);

/** The result field (EinvoiceResult's key) a conflicting row is refused for. */
export type ConflictField = 'number' | 'sellerTaxId' | 'buyerTaxId' | 'total' | 'positive' | 'redConfirmationNo' | 'remark';

export type MatchOptions = {
	/** Our own taxpayer ID: a row issued by another seller is refused. */
	companyTaxId?: string;
	/** Statuses an invoice may be issued from. */
	issuable?: string[];
};

type Decision<I extends MatchInvoice> =
	| { status: 'issue' | 'already_issued'; invoice: I }
	| { status: 'unmatched'; reason: string }
	| { status: 'conflicting'; field: ConflictField; reason: string };

const OUR_NUMBER = new RegExp(`\\b${NUMBER_PREFIXES.invoices}-\\d{4}-\\d{6,}\\b`, 'g');
/** Our invoice numbers a 备注 names, each once. */
export const ourNumbersIn = (remark: string | null): string[] => [...new Set(remark?.match(OUR_NUMBER) ?? [])];
const taxIdKey = (s: string | null | undefined) => s?.trim().toUpperCase() ?? '';
const conflicting = (field: ConflictField, reason: string) => ({ status: 'conflicting', field, reason }) as const;
const unmatched = (reason: string) => ({ status: 'unmatched', reason }) as const;

/** One outcome per result row, in the rows' order; the invoices are returned as given, for the caller to update. */
export function matchResults<I extends MatchInvoice>(results: EinvoiceResult[], invoices: I[], opts: MatchOptions = {}): MatchOutcome<I>[] {
	const issuable = opts.issuable ?? ['draft', 'submitted'];
	const byNumber = new Map(invoices.map((i) => [i.number, i]));
	const totalOf = new Map(invoices.map((i) => [i, inContext(i.number, () => parseMoney(i.total, 'total'))]));
	const canIssue = (i: I) => issuable.includes(i.status) && !i.einvoice_number;
	const totalDiffers = (r: EinvoiceResult, inv: I) =>
		totalOf.get(inv) !== parseMoney(r.total)
			? conflicting('total', `total ${r.total} of e-invoice ${r.number} differs from ${inv.number} ${formatMoney(totalOf.get(inv)!)}`)
			: null;

	/** Checks a found invoice against the row before it may be issued. */
	function issueTo(r: EinvoiceResult, inv: I): Decision<I> {
		const direction = r.positive ? 'blue' : 'red';
		if (inv.direction !== direction)
			return conflicting('positive', `${inv.number} is a ${inv.direction} invoice, e-invoice ${r.number} is ${direction}`);
		if (inv.einvoice_number)
			return conflicting('number', `${inv.number} already carries e-invoice ${inv.einvoice_number}, not ${r.number}`);
		if (!issuable.includes(inv.status))
			return conflicting('remark', `${inv.number} is ${inv.status}; only ${issuable.join(', ')} invoices can be issued`);
		const differs = totalDiffers(r, inv);
		if (differs) return differs;
		if (r.buyerTaxId && inv.buyer_tax_id && taxIdKey(r.buyerTaxId) !== taxIdKey(inv.buyer_tax_id))
			return conflicting(
				'buyerTaxId',
				`buyer taxpayer ID ${r.buyerTaxId} of e-invoice ${r.number} differs from ${inv.number} ${inv.buyer_tax_id}`,
			);
		if (inv.direction === 'red' && inv.red_confirmation_no && inv.red_confirmation_no !== r.redConfirmationNo)
			return conflicting(
				'redConfirmationNo',
				`red confirmation ${r.redConfirmationNo} of e-invoice ${r.number} differs from ${inv.number} ${inv.red_confirmation_no}`,
			);
		return { status: 'issue', invoice: inv };
	}

	/** Without our number in 备注: the one issuable draft this row can only be. */
	function findDraft(r: EinvoiceResult): Decision<I> {
		if (r.positive && !r.buyerTaxId)
			return unmatched(`e-invoice ${r.number} names none of our invoices in 备注 and has no buyer taxpayer ID`);
		const total = parseMoney(r.total);
		const sameDraft = (i: I) =>
			r.positive
				? i.direction === 'blue' && taxIdKey(i.buyer_tax_id) === taxIdKey(r.buyerTaxId) && totalOf.get(i) === total
				: i.direction === 'red' && i.red_confirmation_no === r.redConfirmationNo;
		const candidates = invoices.filter((i) => canIssue(i) && sameDraft(i));
		const described = r.positive
			? `blue draft with buyer ${r.buyerTaxId} and total ${r.total}`
			: `red draft with confirmation ${r.redConfirmationNo}`;
		if (!candidates.length) return unmatched(`no ${described} for e-invoice ${r.number}`);
		if (candidates.length > 1)
			return unmatched(
				`${candidates.length} drafts fit e-invoice ${r.number} (each a ${described}): ${candidates.map((i) => i.number).join(', ')}; name one in 备注`,
			);
		return issueTo(r, candidates[0]!);
	}

	function decide(r: EinvoiceResult): Decision<I> {
		if (opts.companyTaxId && r.sellerTaxId && taxIdKey(r.sellerTaxId) !== taxIdKey(opts.companyTaxId))
			return conflicting('sellerTaxId', `e-invoice ${r.number} was issued by ${r.sellerTaxId}, not by us (${opts.companyTaxId})`);
		const holders = invoices.filter((i) => i.einvoice_number === r.number);
		if (holders.length > 1) return conflicting('number', `e-invoice ${r.number} is on ${holders.map((i) => i.number).join(' and ')}`);
		const named = ourNumbersIn(r.remark).flatMap((n) => byNumber.get(n) ?? []);
		if (named.length > 1) return conflicting('remark', `备注 of e-invoice ${r.number} names ${named.map((i) => i.number).join(' and ')}`);
		const holder = holders[0];
		if (holder) {
			if (named[0] && named[0] !== holder)
				return conflicting('remark', `e-invoice ${r.number} is on ${holder.number} but its 备注 names ${named[0].number}`);
			return totalDiffers(r, holder) ?? { status: 'already_issued', invoice: holder };
		}
		if (!r.positive && !r.redConfirmationNo)
			return conflicting('redConfirmationNo', `red e-invoice ${r.number} has no red confirmation number (红字确认单编号)`);
		return named[0] ? issueTo(r, named[0]) : findDraft(r);
	}

	const decisions = results.map(decide);
	// Two rows issuing the same invoice, or one e-invoice number issuing two invoices, are all doubtful.
	const issuing = decisions.flatMap((d, i) =>
		d.status === 'issue' ? [{ row: results[i]!.row, invoice: d.invoice, einvoice: results[i]!.number }] : [],
	);
	const rowsPer = <K>(key: (x: (typeof issuing)[number]) => K) => {
		const rows = new Map<K, number[]>();
		for (const x of issuing) rows.set(key(x), [...(rows.get(key(x)) ?? []), x.row]);
		return rows;
	};
	const rowsPerInvoice = rowsPer((x) => x.invoice);
	const rowsPerEinvoice = rowsPer((x) => x.einvoice);
	return decisions.map((d, i) => {
		const r = results[i]!;
		const clash = d.status === 'issue' && [rowsPerInvoice.get(d.invoice)!, rowsPerEinvoice.get(r.number)!].find((rows) => rows.length > 1);
		const decision =
			clash && d.status === 'issue'
				? conflicting('number', `rows ${clash.join(', ')} of the file claim ${d.invoice.number} / e-invoice ${r.number}`)
				: d;
		return { row: r.row, einvoice: r.number, ...decision };
	});
}
