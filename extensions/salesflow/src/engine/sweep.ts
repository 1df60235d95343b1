// The shape every record-by-record job shares (quote expiry, approval reminders): read the candidates
// outside any transaction, then handle each in a transaction of its own that re-checks it (under a row lock
// or with a conditional update), so one bad record or a second replica never undoes or repeats the others.
import type { DocContext, TrxDocContext } from './document-type';
import { inTransaction } from './status';
import { asSystem } from '../platform/context';

/** Runs `handle` for each candidate in its own system transaction; returns the sum of what the handlers count. */
export async function sweep<R>(
	ctx: DocContext,
	candidates: readonly R[],
	handle: (t: TrxDocContext, candidate: R) => Promise<number | boolean>,
): Promise<number> {
	let done = 0;
	for (const candidate of candidates) done += Number(await inTransaction(asSystem(ctx), (t) => handle(t, candidate)));
	return done;
}
