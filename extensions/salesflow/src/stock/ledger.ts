// The only writer of stock: appends a move and updates on hand in the caller's transaction. The
// level is changed by one guarded statement (PostgreSQL) or read, checked and written exactly in bigint
// with the writer alone (SQLite), so parallel issues can never drive stock below zero.
import type { Knex } from 'knex';
import { formatQty, parseQty } from '../domain/money';
import { applyMove, type MoveType, signedMoveQuantity } from '../domain/stock';
import { addIfNotNegative, forUpdate } from '../platform/database';
import { now } from '../platform/clock';

export type MoveInput = {
	type: MoveType;
	product: number;
	warehouse: number;
	quantity: bigint; // unsigned thousandths
	source_collection: string;
	source_id: string | number;
	source_line?: string | number | null;
	source_number?: string | null;
	user?: string | null;
};

export async function postMove(trx: Knex, m: MoveInput): Promise<void> {
	const delta = signedMoveQuantity(m.type, m.quantity);
	const bumped = await addIfNotNegative(trx, 'stock_levels', { product: m.product, warehouse: m.warehouse }, 'on_hand', formatQty(delta));
	// Not applied (no level yet, or not enough stock), or SQLite: the general path decides.
	if (!bumped) await moveLevel(trx, m, delta);
	await trx('stock_moves').insert({
		type: m.type,
		product: m.product,
		warehouse: m.warehouse,
		quantity: formatQty(delta),
		source_collection: m.source_collection,
		source_id: String(m.source_id),
		source_line: m.source_line == null ? null : String(m.source_line),
		source_number: m.source_number ?? null,
		date_created: now(),
		user_created: m.user ?? null,
	});
}

/** Creates the level if missing, locks it, and applies the move in bigint (SQLite's decimals are floats). */
async function moveLevel(trx: Knex, m: MoveInput, delta: bigint): Promise<void> {
	await trx('stock_levels')
		.insert({ product: m.product, warehouse: m.warehouse, on_hand: 0 })
		.onConflict(['product', 'warehouse'])
		.ignore();
	const level = await forUpdate(trx, trx('stock_levels').where({ product: m.product, warehouse: m.warehouse }).first('id', 'on_hand'));
	let next: bigint;
	try {
		next = applyMove(parseQty(level.on_hand), delta, { sku: '', warehouse: '' });
	} catch {
		const [p, w] = await Promise.all([
			trx('products').where({ id: m.product }).first('sku'),
			trx('warehouses').where({ id: m.warehouse }).first('code'),
		]);
		next = applyMove(parseQty(level.on_hand), delta, { sku: p?.sku ?? String(m.product), warehouse: w?.code ?? String(m.warehouse) });
	}
	await trx('stock_levels')
		.where({ id: level.id })
		.update({ on_hand: formatQty(next) });
}
