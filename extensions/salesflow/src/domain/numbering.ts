/** Number prefixes per document collection: PREFIX-YYYY-NNNNNN. A new document type adds a line. */
export const NUMBER_PREFIXES: Record<string, string> = {
	customers: 'CUS',
	quotes: 'QT',
	contracts: 'CT',
	sales_orders: 'SO',
	order_changes: 'OC',
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
};

export function formatDocumentNumber(prefix: string, year: number, seq: number): string {
	if (!/^[A-Z]{2,5}$/.test(prefix)) throw new RangeError(`bad number prefix ${prefix}`);
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`bad year ${year}`);
	if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`bad sequence ${seq}`);
	return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

export function parseDocumentNumber(s: string): { prefix: string; year: number; seq: number } | null {
	const m = /^([A-Z]{2,5})-(\d{4})-(\d{6,})$/.exec(s);
	return m ? { prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) } : null;
}
