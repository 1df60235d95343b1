// Loan returns (借出归还单): goods of an issued loan come back, never more than is still out; the
// warehouse manager's approval confirms they are back (loan_return_in).
import { parseQty } from '../../domain/money';
import { productsOf } from '../../engine/approvals/context';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument } from '../../engine/document-type';
import type { Row } from '../../platform/database';
import { postMove } from '../../stock/ledger';
import { closeIfSettled, issuedLoan, lockAndCheck, lockIssuedLoan, settlingLineRule } from '../loans/settling';
import { addToRollup } from '../sales-orders/rollups';
import { loanReturnLifecycle } from './lifecycle';

export const loanReturns = defineDocument({
	collection: 'loan_returns',
	lifecycle: loanReturnLifecycle,
	fixedAfterCreate: ['loan'],
	lines: [{ collection: 'loan_return_lines', required: ['loan_line', 'quantity'], onWrite: settlingLineRule('loan_returns') }],
	onCreate: async (ctx, payload) => {
		await issuedLoan(ctx, payload.loan, 'returned');
	},
	approvalContext: async (db, row) => ({
		collection: 'loan_returns',
		amountFen: 0n,
		lines: [],
		products: await productsOf(
			db,
			await db('loan_return_lines as r')
				.join('loan_lines as l', 'l.id', 'r.loan_line')
				.where('r.loan_return', row.id)
				.orderBy('r.id')
				.pluck('l.product'),
		),
	}),
	effects: { submitted: submitForApproval },
	onApproved: async (m) => {
		const { trx, id, row, actor } = m;
		const loan = await lockIssuedLoan(trx, row.loan, row);
		const lines: Row[] = await trx('loan_return_lines').where({ loan_return: id }).orderBy('id');
		for (const l of lines) {
			const quantity = parseQty(l.quantity);
			const line = await lockAndCheck(trx, l.loan_line, quantity);
			await postMove(trx, {
				type: 'loan_return_in',
				product: line.product,
				warehouse: loan.warehouse,
				quantity,
				source_collection: 'loan_returns',
				source_id: id,
				source_line: l.id,
				source_number: row.number,
				user: actor.user,
			});
			await addToRollup(trx, 'loan_lines', line.id, 'returned_qty', quantity);
		}
		await closeIfSettled(m, loan.id);
		return undefined;
	},
});
