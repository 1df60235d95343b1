// Document numbers PREFIX-YYYY-NNNNNN. A new document type adds one line to NUMBER_PREFIXES.

export const NUMBER_PREFIXES: Record<string, string> = {
	customers: 'CUS',
	quotes: 'QT',
	contracts: 'CT',
	sales_orders: 'SO',
	order_changes: 'OC',
	contract_changes: 'CC',
	shipments: 'DN',
	invoices: 'INV',
	receipts: 'RC',
	statements: 'ST',
	return_requests: 'RR',
	returns: 'RT',
	loans: 'LN',
	loan_returns: 'LR',
	loan_conversions: 'LC',
	stock_entries: 'SE',
	approval_requests: 'AR',
	complaints: 'CP',
	work_reports: 'WR',
	visits: 'VS',
	opportunities: 'OPP',
	sales_plans: 'SP',
	commission_statements: 'CS',
};

const PREFIX = /^[A-Z]{2,5}$/;

/** Six digits, growing past 999999 rather than wrapping. Bad arguments are programming errors. */
export function formatDocumentNumber(prefix: string, year: number, seq: number): string {
	if (!PREFIX.test(prefix)) throw new RangeError(`number prefix must be 2–5 capital letters, got "${prefix}"`);
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have 4 digits, got ${year}`);
	if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer, got ${seq}`);
	return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

/** The parts of a number formatDocumentNumber could have produced; anything else is null. */
export function parseDocumentNumber(s: string): { prefix: string; year: number; seq: number } | null {
	const m = /^([A-Z]{2,5})-(\d{4})-(\d{6,})$/.exec(s);
	if (!m) return null;
	const parts = { prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) };
	const canonical =
		Number.isSafeInteger(parts.seq) &&
		parts.seq >= 1 &&
		parts.year >= 1000 &&
		formatDocumentNumber(parts.prefix, parts.year, parts.seq) === s;
	return canonical ? parts : null;
}
