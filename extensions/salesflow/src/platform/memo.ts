// Rows every line of a nested write reads again (its document, its product) are read once per
// transaction: a 5-line order create asks for its order and each product once, not per check.
// Only transactions are memoised — they end with the request — never the shared connection.
import type { Knex } from 'knex';

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/** knex marks a transaction's handle; its typings do not say so. */
const isTransaction = (db: Knex) => (db as Knex & { isTransaction?: boolean }).isTransaction === true;

export function memoized<T>(db: Knex, key: string, load: () => PromiseLike<T>): Promise<T> {
	if (!isTransaction(db)) return Promise.resolve(load());
	const memo = memos.get(db) ?? new Map<string, Promise<unknown>>();
	memos.set(db, memo);
	// A knex query is a thenable that runs again on every await: keep the settled promise.
	if (!memo.has(key)) memo.set(key, Promise.resolve(load()));
	return memo.get(key) as Promise<T>;
}

/** Forgets memoised rows of `collection` in this transaction (it is about to change them). */
export function forget(db: Knex, collection: string): void {
	const memo = memos.get(db);
	if (!memo) return;
	for (const key of memo.keys()) if (key.startsWith(`${collection}:`)) memo.delete(key);
}

/** Marks `key` as true for the rest of this transaction (e.g. "this request created that document"). */
export function remember(db: Knex, key: string): void {
	if (isTransaction(db)) void memoized(db, key, () => Promise.resolve(true));
}

export function remembered(db: Knex, key: string): boolean {
	return memos.get(db)?.has(key) ?? false;
}
