// The only writer of stock: appends a move and updates on hand in the caller's transaction.
// The level row is locked (PostgreSQL) or the writer is alone (SQLite), and the new figure is
// exact (PostgreSQL numeric, or bigint in JS), so parallel issues can never drive stock below zero.
import type { Knex } from 'knex';
import { formatQty, parseQty } from '../domain/money';
import { applyMove, signedMoveQuantity, type MoveType } from '../domain/stock';
import { isPostgres } from './context';

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

/**
 * PostgreSQL: one statement moves on hand when the level exists and stays ≥ 0. The UPDATE locks
 * the row and re-checks its condition on the latest committed figure, and numeric is exact.
 * Returns false when it did not apply (no level yet, or not enough): the general path decides.
 */
async function bumpLevel(trx: Knex, m: MoveInput, delta: bigint): Promise<boolean> {
	if (!isPostgres(trx)) return false;
	const qty = formatQty(delta);
	const rows = await trx('stock_levels')
		.where({ product: m.product, warehouse: m.warehouse })
		.whereRaw('?? + ? >= 0', ['on_hand', qty])
		.update({ on_hand: trx.raw('?? + ?', ['on_hand', qty]) }, ['id']);
	return rows.length > 0;
}

export async function postMove(trx: Knex, m: MoveInput): Promise<void> {
	const delta = signedMoveQuantity(m.type, m.quantity);
	if (!(await bumpLevel(trx, m, delta))) await moveLevel(trx, m, delta);
	await trx('stock_moves').insert({
		type: m.type,
		product: m.product,
		warehouse: m.warehouse,
		quantity: formatQty(delta),
		source_collection: m.source_collection,
		source_id: String(m.source_id),
		source_line: m.source_line == null ? null : String(m.source_line),
		source_number: m.source_number ?? null,
		date_created: new Date(),
		user_created: m.user ?? null,
	});
}

/** Creates the level if missing, locks it, and applies the move in bigint (SQLite's decimals are floats). */
async function moveLevel(trx: Knex, m: MoveInput, delta: bigint): Promise<void> {
	await trx('stock_levels')
		.insert({ product: m.product, warehouse: m.warehouse, on_hand: 0 })
		.onConflict(['product', 'warehouse'])
		.ignore();
	const q = trx('stock_levels').where({ product: m.product, warehouse: m.warehouse }).first('id', 'on_hand');
	const level = await (isPostgres(trx) ? q.forUpdate() : q);
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
