// The printable model (打印模型): what one printed document says, independent of the medium. The
// builders (documents.ts) turn a loaded document into it; html.ts and pdf.ts draw it, so the browser
// page and the PDF always carry the same text.
import { displayQty, displayScaled, formatMoney, parseMoney, parseQty, parseRate, type DecimalInput } from '../money';

export type Align = 'left' | 'right' | 'center';

/** A column: its header, alignment and relative width (the medium scales widths to the page). */
export type PrintColumn = { label: string; align: Align; width: number };

/** Columns from [label, alignment, relative width] triples. */
export const columnsOf = (...spec: Array<[string, Align, number]>): PrintColumn[] =>
	spec.map(([label, align, width]) => ({ label, align, width }));

export type PrintTable = {
	title?: string;
	columns: PrintColumn[];
	rows: string[][];
	/** Totals rows under the body (not repeated on page breaks). */
	foot: string[][];
	/** What the body says when there are no rows. */
	empty: string;
};

export type PrintField = { label: string; value: string };

/** One decided approval step (审批记录). */
export type ApprovalEntry = { step: number; role: string; approver: string; decision: string; at: string; comment: string };

/** A block at the foot where a party signs (and the company seals). */
export type SignatureBlock = { title: string; lines: PrintField[]; companySeal: boolean };

/** An image file from the settings (logo, seal): its MIME type and bytes. */
export type PrintImage = { type: string; data: Buffer };

export type Company = { name: string; tax_id: string | null; address_phone: string | null; bank_account: string | null };

export type PrintDocument = {
	/** The document's title, e.g. 报价单. */
	title: string;
	number: string;
	/** The status as people read it (草稿, 已批准…). */
	status: string;
	/** A draft prints with a 草稿 watermark and never with the company seal. */
	draft: boolean;
	company: Company;
	/** The other party (customer, buyer): left block under the title. */
	party: PrintField[];
	/** The document's own facts (number, dates, references): right block. */
	details: PrintField[];
	tables: PrintTable[];
	/** The amount in figures and in capitals (人民币大写). */
	amount: { label: string; figures: string; words: string } | null;
	/** Labelled paragraphs (contract terms, reasons, remarks). */
	terms: PrintField[];
	/** Plain paragraphs before the signatures. */
	notes: string[];
	approvals: ApprovalEntry[];
	signatures: SignatureBlock[];
	printedAt: string;
};

/** 12345.6 → 12,345.60 (string in, string out: no floating point). */
export function groupThousands(amount: string): string {
	const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
	if (!m) return amount;
	return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** An amount as printed: ¥12,345.60 (empty when there is none). */
export const yuan = (v: DecimalInput): string =>
	v === null || v === undefined || v === '' ? '' : `¥${groupThousands(formatMoney(parseMoney(v)))}`;

/** A quantity without trailing zeros: 3, 2.5. */
export const quantity = (v: DecimalInput): string => (v === null || v === undefined || v === '' ? '' : displayQty(parseQty(v)));

/** A tax rate as a percentage: 0.13 → 13%. */
export const percent = (v: DecimalInput): string => (v === null || v === undefined || v === '' ? '' : `${displayScaled(parseRate(v), 2)}%`);

/** Fields without a value are left out of a block. */
export const fields = (...list: Array<[string, string | null | undefined]>): PrintField[] =>
	list.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([label, value]) => ({ label, value: value! }));

/** The approval trail (审批记录) as a table. */
export const approvalTable = (entries: ApprovalEntry[]): PrintTable => ({
	title: '审批记录',
	columns: columnsOf(
		['步骤', 'center', 6],
		['审批角色', 'left', 16],
		['审批人', 'left', 14],
		['审批结果', 'center', 10],
		['审批时间', 'center', 18],
		['审批意见', 'left', 36],
	),
	rows: entries.map((a) => [String(a.step), a.role, a.approver, a.decision, a.at, a.comment]),
	foot: [],
	empty: '',
});

/** The letterhead's small print under the company name. */
export const companyLines = (c: Company): string[] =>
	[c.address_phone, c.tax_id ? `纳税人识别号：${c.tax_id}` : null, c.bank_account ? `开户行及账号：${c.bank_account}` : null].filter(
		(l): l is string => Boolean(l),
	);
