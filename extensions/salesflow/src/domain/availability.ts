// Available to promise (可用量): on hand less what is already promised — confirmed orders not yet
// shipped (ordered − shipped) and approved loans not yet issued. Quantities in thousandths; available
// is signed, so over-promised stock shows as negative instead of hiding behind a zero.
import { atLeastZero, displayQty } from './money';

export type StockFigures = { onHand: bigint; reserved: bigint; available: bigint };
export type ProductAvailability = StockFigures & { warehouses: Map<number, StockFigures> };

type Tally = { onHand: bigint; reserved: bigint };

const figures = (t: Tally): StockFigures => ({ ...t, available: t.onHand - t.reserved });

function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
	const found = map.get(key);
	if (found !== undefined) return found;
	const made = make();
	map.set(key, made);
	return made;
}

const tallyOf = <K>(tallies: Map<K, Tally>, key: K) => entry(tallies, key, () => ({ onHand: 0n, reserved: 0n }));

/**
 * Per product: on hand, reserved and available in total and per warehouse. A reservation without a
 * warehouse (an order line not yet tied to one) counts against the product's total only.
 */
export function availability(
	levels: ReadonlyArray<{ product: number; warehouse: number; onHandMilli: bigint }>,
	reservations: ReadonlyArray<{ product: number; warehouse: number | null; quantityMilli: bigint }>,
): Map<number, ProductAvailability> {
	const totals = new Map<number, Tally>();
	const perWarehouse = new Map<number, Map<number, Tally>>();
	const warehousesOf = (product: number) => entry(perWarehouse, product, () => new Map<number, Tally>());
	for (const l of levels) {
		tallyOf(totals, l.product).onHand += l.onHandMilli;
		tallyOf(warehousesOf(l.product), l.warehouse).onHand += l.onHandMilli;
	}
	for (const r of reservations) {
		tallyOf(totals, r.product).reserved += r.quantityMilli;
		if (r.warehouse !== null) tallyOf(warehousesOf(r.product), r.warehouse).reserved += r.quantityMilli;
	}
	return new Map(
		[...totals].map(([product, total]) => [
			product,
			{ ...figures(total), warehouses: new Map([...(perWarehouse.get(product) ?? [])].map(([w, t]) => [w, figures(t)])) },
		]),
	);
}

export type LineAvailability = {
	index: number;
	sku: string;
	on_hand: string;
	reserved: string;
	available: string;
	requested: string;
	shortage: boolean;
	shortage_qty: string;
};

/**
 * Per order line, the product's figures against what this order asks of it: `requested` is the
 * quantity of ALL the order's lines of that product, so two lines of 3 against 5 available both show a
 * shortage of 1. `stock` must leave out the order's own reservation, or it would be counted twice.
 */
export function lineAvailability(
	lines: ReadonlyArray<{ index: number; product: number; sku: string; quantityMilli: bigint }>,
	stock: ReadonlyMap<number, StockFigures>,
): LineAvailability[] {
	const requestedByProduct = new Map<number, bigint>();
	for (const l of lines) requestedByProduct.set(l.product, (requestedByProduct.get(l.product) ?? 0n) + l.quantityMilli);
	return lines.map((l) => {
		const { onHand, reserved, available } = stock.get(l.product) ?? figures({ onHand: 0n, reserved: 0n });
		const requested = requestedByProduct.get(l.product)!;
		const short = atLeastZero(requested - atLeastZero(available));
		return {
			index: l.index,
			sku: l.sku,
			on_hand: displayQty(onHand),
			reserved: displayQty(reserved),
			available: displayQty(available),
			requested: displayQty(requested),
			shortage: short > 0n,
			shortage_qty: displayQty(short),
		};
	});
}
