// Contract call-offs (合同执行): an order placed against a sales contract (销售合同) stays within it —
// only contracted products, no more than the contracted quantity across all open orders, never below
// the contract price — and a framework contract (框架合同, an amount without lines) is not ordered
// beyond its amount. An amendment (合同变更) may not cut below what open orders already take.
import { DomainError, ErrorCode } from './errors';
import { displayQty, formatMoney, lineTotal, sumMoney } from './money';

/** A contract's amount: the sum of its line totals, in fen. */
export const contractAmountFromLines = (lines: ReadonlyArray<{ quantityMilli: bigint; unitPriceFen: bigint }>) =>
	sumMoney(lines.map((l) => lineTotal(l.quantityMilli, l.unitPriceFen)));

type Terms = { quantityMilli: bigint; floorPriceFen: bigint };

/** Per product: the quantity of all its contract lines and the lowest of their prices. */
function termsByProduct(lines: ReadonlyArray<{ product: number; quantityMilli: bigint; unitPriceFen: bigint }>): Map<number, Terms> {
	const terms = new Map<number, Terms>();
	for (const l of lines) {
		const t = terms.get(l.product);
		terms.set(
			l.product,
			t
				? {
						quantityMilli: t.quantityMilli + l.quantityMilli,
						floorPriceFen: l.unitPriceFen < t.floorPriceFen ? l.unitPriceFen : t.floorPriceFen,
					}
				: { quantityMilli: l.quantityMilli, floorPriceFen: l.unitPriceFen },
		);
	}
	return terms;
}

function quantityByProduct(lines: ReadonlyArray<{ product: number; quantityMilli: bigint }>): Map<number, bigint> {
	const totals = new Map<number, bigint>();
	for (const l of lines) totals.set(l.product, (totals.get(l.product) ?? 0n) + l.quantityMilli);
	return totals;
}

const mismatch = (message: string, extensions: Record<string, unknown>) =>
	new DomainError(ErrorCode.CONTRACT_MISMATCH, message, 409, extensions);

export type CallOffInput = {
	/** The contract number, for messages. */
	contract: string;
	lines: ReadonlyArray<{ product: number; sku: string; quantityMilli: bigint; unitPriceFen: bigint }>;
	/** Quantity per product on OTHER open orders against the contract. */
	takenElsewhere: ReadonlyMap<number, bigint>;
	/** The order's lines; `index` is 1-based, as the user sees it. */
	order: ReadonlyArray<{ index: number; product: number; sku: string; quantityMilli: bigint; unitPriceFen: bigint }>;
};

/**
 * Refuses an order that leaves its contract, naming the first offending order line: a product the
 * contract does not have, a unit price below the contract's (its lowest for that product), or — at the
 * line where it happens — this order's quantity of a product (all its lines) plus other open orders'
 * above the contracted quantity.
 */
export function checkCallOff(input: CallOffInput): void {
	const { contract } = input;
	const terms = termsByProduct(input.lines);
	const inThisOrder = quantityByProduct(input.order);
	const runningQty = new Map<number, bigint>();
	for (const l of input.order) {
		const at = { contract, line: l.index, sku: l.sku };
		const t = terms.get(l.product);
		if (!t) throw mismatch(`line ${l.index} ${l.sku}: not on contract ${contract}`, at);
		if (l.unitPriceFen < t.floorPriceFen) {
			const [unitPrice, contractPrice] = [l.unitPriceFen, t.floorPriceFen].map(formatMoney);
			throw mismatch(`line ${l.index} ${l.sku}: unit price ${unitPrice} below contract price ${contractPrice}`, {
				...at,
				unit_price: unitPrice,
				contract_price: contractPrice,
			});
		}
		const elsewhere = input.takenElsewhere.get(l.product) ?? 0n;
		const running = (runningQty.get(l.product) ?? 0n) + l.quantityMilli;
		runningQty.set(l.product, running);
		if (running + elsewhere > t.quantityMilli) {
			const [thisOrder, otherOrders, contracted] = [inThisOrder.get(l.product)!, elsewhere, t.quantityMilli].map(displayQty);
			throw mismatch(`line ${l.index} ${l.sku}: this order ${thisOrder} + other open orders ${otherOrders} > contracted ${contracted}`, {
				...at,
				this_order: thisOrder,
				other_open_orders: otherOrders,
				contracted,
			});
		}
	}
}

/** A framework contract has an amount but no lines: this order plus the others against it stay within the amount. */
export function checkFrameworkCallOff(x: { contract: string; amountFen: bigint; orderedElsewhereFen: bigint; orderFen: bigint }): void {
	if (x.orderFen + x.orderedElsewhereFen <= x.amountFen) return;
	const [thisOrder, otherOrders, contractAmount] = [x.orderFen, x.orderedElsewhereFen, x.amountFen].map(formatMoney);
	throw mismatch(
		`framework contract ${x.contract}: this order ${thisOrder} + other orders ${otherOrders} > contract amount ${contractAmount}`,
		{
			contract: x.contract,
			this_order: thisOrder,
			other_orders: otherOrders,
			contract_amount: contractAmount,
		},
	);
}

/**
 * An amendment (合同变更) of a contract with lines keeps what its open orders already took: of every
 * product at least the quantity they take (a product they take cannot be removed), and a contract
 * price (the lowest of the product's lines) no higher than the lowest price an open order pays for it
 * — otherwise those orders would no longer fit the contract they were placed against.
 */
export function checkAmendment(x: {
	contract: string;
	newLines: ReadonlyArray<{ product: number; sku: string; quantityMilli: bigint; unitPriceFen?: bigint }>;
	takenByOpenOrders: ReadonlyMap<number, bigint>;
	/** Per product, the lowest unit price an open order against the contract pays. */
	lowestOpenPrice?: ReadonlyMap<number, bigint>;
	/** SKUs of products no amended line names any more (for the message). */
	skus?: ReadonlyMap<number, string>;
}): void {
	const amended = quantityByProduct(x.newLines);
	for (const [product, taken] of x.takenByOpenOrders) {
		const kept = amended.get(product) ?? 0n;
		if (kept >= taken) continue;
		const openOrders = displayQty(taken);
		const sku = x.newLines.find((l) => l.product === product)?.sku;
		const removed = x.skus?.get(product) ?? `product ${product}`;
		throw mismatch(
			sku
				? `${x.contract} ${sku}: amended to ${displayQty(kept)}, open orders already take ${openOrders}`
				: `${x.contract} ${removed}: removed, open orders already take ${openOrders}`,
			{ contract: x.contract, product, sku: sku ?? x.skus?.get(product) ?? null, amended: displayQty(kept), open_orders: openOrders },
		);
	}
	const priced = x.newLines.filter((l) => l.unitPriceFen !== undefined) as ReadonlyArray<{
		product: number;
		sku: string;
		quantityMilli: bigint;
		unitPriceFen: bigint;
	}>;
	const terms = termsByProduct(priced);
	for (const [product, lowest] of x.lowestOpenPrice ?? new Map<number, bigint>()) {
		const t = terms.get(product);
		if (!t || t.floorPriceFen <= lowest || !(x.takenByOpenOrders.get(product) ?? 0n)) continue;
		const sku = priced.find((l) => l.product === product)!.sku;
		const [contractPrice, openPrice] = [t.floorPriceFen, lowest].map(formatMoney);
		throw mismatch(`${x.contract} ${sku}: contract price amended to ${contractPrice}, above what open orders pay (${openPrice})`, {
			contract: x.contract,
			product,
			sku,
			contract_price: contractPrice,
			open_order_price: openPrice,
		});
	}
}

/** A framework contract's new amount covers what its open orders already total. */
export function checkFrameworkAmendment(x: { contract: string; newAmountFen: bigint; openOrdersFen: bigint }): void {
	if (x.newAmountFen >= x.openOrdersFen) return;
	const [amended, openOrders] = [x.newAmountFen, x.openOrdersFen].map(formatMoney);
	throw mismatch(`framework contract ${x.contract}: amended to ${amended}, open orders already total ${openOrders}`, {
		contract: x.contract,
		amended,
		open_orders: openOrders,
	});
}
