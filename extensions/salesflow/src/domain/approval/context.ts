/** What approval conditions look at: the document's amount, its priced lines, the customer's credit, its stock. */
import type { LineAvailability } from '../availability';
import type { FirstOrderReview } from '../customer-review';

export type ApprovalLine = {
	index: number; // 1-based, as people count lines
	sku: string;
	quantityMilli: bigint;
	unitPriceFen: bigint; // tax-inclusive, like list and floor prices
	listPriceFen: bigint | null;
	floorPriceFen: bigint | null;
	costPriceFen: bigint | null; // tax-exclusive unit cost (cost accounting figure)
	rate10k: bigint;
	coveredByApprovedQuote: boolean; // an approved quote already granted this price
};

export type ApprovalContext = {
	collection: string;
	amountFen: bigint;
	lines: ApprovalLine[];
	credit?: { limitFen: bigint | null; exposureFen: bigint };
	/** Per line, the product's stock when the document was submitted (orders). */
	stock?: LineAvailability[];
	/** Orders: the customer's review as it stands, and whether this is its first order. */
	review?: FirstOrderReview;
	/** Return-type documents: each product involved (first appearance order) with its product manager, if any. */
	products?: ProductRef[];
	/** Visits: the visited customer's grade (A = key customer). */
	customerGrade?: string | null;
};

export type ProductRef = { sku: string; manager: string | null };

export type ConditionResult = { matched: boolean; reasons: string[] };
