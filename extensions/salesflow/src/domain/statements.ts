// A customer's monthly statement (对账单): the period's movements and the balance they leave.
import { invalid } from './errors';
import { type DecimalInput, formatMoney, parseMoney } from './money';

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

/** Aggregates as the database returns them (strings or numbers) → the statement as 2-decimal strings. */
export function buildStatement(aggregates: StatementFigures<DecimalInput>): StatementFigures<string> & { closing: string } {
	const fen = {
		opening: parseMoney(aggregates.opening, 'opening'),
		shipped: parseMoney(aggregates.shipped, 'shipped'),
		invoiced: parseMoney(aggregates.invoiced, 'invoiced'),
		red: parseMoney(aggregates.red, 'red'),
		received: parseMoney(aggregates.received, 'received'),
	};
	return {
		opening: formatMoney(fen.opening),
		shipped: formatMoney(fen.shipped),
		invoiced: formatMoney(fen.invoiced),
		red: formatMoney(fen.red),
		received: formatMoney(fen.received),
		closing: formatMoney(closingBalance(fen)),
	};
}
