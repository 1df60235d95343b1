// A customer's monthly statement (对账单): the period's movements and the balance they leave.
import { invalid } from './errors';
import { formatMoney } from './money';

export type StatementFigures<T> = { opening: T; shipped: T; invoiced: T; red: T; received: T };

/**
 * Receivables follow invoices: closing = opening + invoiced + red − received. `red` is the sum of red
 * invoices, negative as stored; a positive one means a sign got lost upstream, so it is refused.
 * `shipped` is shown for comparison only (goods not yet invoiced are not yet owed).
 */
export function closingBalance({ opening, invoiced, red, received }: Omit<StatementFigures<bigint>, 'shipped'>): bigint {
	if (red > 0n) throw invalid('red', `red invoices are negative; got ${formatMoney(red)}`);
	return opening + invoiced + red - received;
}

/** The statement's figures in fen with its closing balance; shipped is shown, not owed. */
export function withClosing(f: StatementFigures<bigint>): StatementFigures<bigint> & { closing: bigint } {
	return { ...f, closing: closingBalance(f) };
}

/** Fen figures → 2-decimal strings, as a statement row stores them. */
export function formatStatement(f: StatementFigures<bigint> & { closing: bigint }): StatementFigures<string> & { closing: string } {
	return {
		opening: formatMoney(f.opening),
		shipped: formatMoney(f.shipped),
		invoiced: formatMoney(f.invoiced),
		red: formatMoney(f.red),
		received: formatMoney(f.received),
		closing: formatMoney(f.closing),
	};
}
