// Builders for approval tests: a priced line and a context, given in decimal strings as people write them.
import { parseMoney, parseQty, parseRate } from '../money';
import type { ApprovalContext, ApprovalLine } from './context';

type LineSpec = {
	sku?: string;
	qty?: string;
	price: string;
	floor?: string | null;
	cost?: string | null;
	list?: string | null;
	rate?: string;
	covered?: boolean;
};

const money = (v: string | null | undefined) => (v == null ? null : parseMoney(v));

export const lines = (...specs: LineSpec[]): ApprovalLine[] =>
	specs.map((s, i) => ({
		index: i + 1,
		sku: s.sku ?? `SKU-00${i + 1}`,
		quantityMilli: parseQty(s.qty ?? '1'),
		unitPriceFen: parseMoney(s.price),
		listPriceFen: money(s.list),
		floorPriceFen: money(s.floor),
		costPriceFen: money(s.cost),
		rate10k: parseRate(s.rate ?? '0.13'),
		coveredByApprovedQuote: s.covered ?? false,
	}));

export const context = (c: {
	collection?: string;
	amount?: string;
	lines?: ApprovalLine[];
	credit?: { limit: string | null; exposure: string };
}): ApprovalContext => ({
	collection: c.collection ?? 'quotes',
	amountFen: parseMoney(c.amount ?? '0'),
	lines: c.lines ?? [],
	...(c.credit ? { credit: { limitFen: money(c.credit.limit), exposureFen: parseMoney(c.credit.exposure) } } : {}),
});
