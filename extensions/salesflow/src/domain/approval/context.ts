/** What approval conditions look at: the document's amount, its priced lines, the customer's credit. */
export type ApprovalLine = {
	index: number; // 1-based, as people count lines
	sku: string;
	quantityMilli: bigint;
	unitPriceFen: bigint;
	listPriceFen: bigint | null;
	floorPriceFen: bigint | null;
	costPriceFen: bigint | null;
	rate10k: bigint;
	coveredByApprovedQuote: boolean;
};

export type ApprovalContext = {
	collection: string;
	amountFen: bigint;
	lines: ApprovalLine[];
	credit?: { limitFen: bigint | null; exposureFen: bigint };
};

export type ConditionResult = { matched: boolean; reasons: string[] };
