// Contract before delivery and contract performance (合同履行, seeds 000/004): goods leave only for
// an order covered by a signed contract (unless the company lets orders below a set amount go
// without one), and a contract shows what was ordered, shipped, invoiced and received against it.
import { DomainError, ErrorCode } from './errors';
import { formatMoney, mulDivRound } from './money';

/** Orders whose amount a contract has taken on: confirmed and onwards, not cancelled or rejected. */
export const TAKING_ORDERS = ['confirmed', 'partially_shipped', 'shipped', 'closed'] as const;

export type Coverage = {
	/** The order's number and total (tax incl., fen). */
	order: string;
	totalFen: bigint;
	/** settings.contract_required_from in fen; 0 = every order needs a contract. */
	requiredFromFen: bigint;
	contract: { number: string; status: string } | null;
};

/** 409 CONTRACT_REQUIRED unless the order is below the threshold or covered by a signed contract. */
export function checkContractCovered(x: Coverage): void {
	if (x.requiredFromFen > 0n && x.totalFen < x.requiredFromFen) return;
	if (x.contract?.status === 'signed') return;
	const [total, from] = [formatMoney(x.totalFen), formatMoney(x.requiredFromFen)];
	const threshold = x.requiredFromFen > 0n ? `orders from ${from} need one` : 'every order needs one';
	const has = x.contract ? `its contract ${x.contract.number} is ${x.contract.status}` : 'it has no contract';
	throw new DomainError(
		ErrorCode.CONTRACT_REQUIRED,
		`${x.order} (total ${total}) cannot be delivered: ${has}; a signed contract must cover it before delivery (${threshold})`,
		409,
		{
			order: x.order,
			total,
			contract_required_from: from,
			contract: x.contract?.number ?? null,
			contract_status: x.contract?.status ?? null,
		},
	);
}

export type Performance = { orderedFen: bigint; shippedFen: bigint; invoicedFen: bigint; receivedFen: bigint };

/**
 * What of an invoice's receipts belongs to the part of it that is this contract's: the paid amount
 * pro rata, rounded half up (all of it when the whole invoice is the contract's, as it usually is).
 */
export function receivedShare(paidFen: bigint, partFen: bigint, invoiceTotalFen: bigint): bigint {
	if (invoiceTotalFen <= 0n || partFen >= invoiceTotalFen) return paidFen;
	return mulDivRound(paidFen, partFen, invoiceTotalFen);
}

/**
 * A contract is completed only when fully performed: no open order against it, everything shipped
 * (for a contract with lines, its whole amount), invoiced and paid. Otherwise 409 with the figures.
 */
export function checkPerformed(x: Performance & { contract: string; amountFen: bigint; framework: boolean; openOrders: number }): void {
	const gaps: string[] = [];
	if (x.openOrders > 0) gaps.push(`${x.openOrders} open order(s)`);
	if (!x.framework && x.shippedFen < x.amountFen) gaps.push(`shipped ${formatMoney(x.shippedFen)} of ${formatMoney(x.amountFen)}`);
	if (x.framework && x.shippedFen < x.orderedFen) gaps.push(`shipped ${formatMoney(x.shippedFen)} of ordered ${formatMoney(x.orderedFen)}`);
	if (x.invoicedFen < x.shippedFen) gaps.push(`invoiced ${formatMoney(x.invoicedFen)} of shipped ${formatMoney(x.shippedFen)}`);
	if (x.receivedFen < x.invoicedFen) gaps.push(`received ${formatMoney(x.receivedFen)} of invoiced ${formatMoney(x.invoicedFen)}`);
	if (!gaps.length) return;
	throw new DomainError(ErrorCode.INVALID_TRANSITION, `${x.contract} is not fully performed: ${gaps.join('; ')}`, 409, {
		contract: x.contract,
		amount: formatMoney(x.amountFen),
		ordered_amount: formatMoney(x.orderedFen),
		shipped_amount: formatMoney(x.shippedFen),
		invoiced_amount: formatMoney(x.invoicedFen),
		received_amount: formatMoney(x.receivedFen),
		open_orders: x.openOrders,
	});
}
