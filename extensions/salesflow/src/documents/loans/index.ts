// Loans (借出): a customer tries products. The loan is approved by the owner's manager and the division
// head and issued by the warehouse (loan_out). What is still out comes back through a loan return or is
// bought through a loan conversion; the loan closes itself once nothing is out (settling.ts).
import { invalid } from '../../domain/errors';
import { isId, parseQty } from '../../domain/money';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument } from '../../engine/document-type';
import { keyOf, readVisible } from '../../platform/access';
import type { Row } from '../../platform/database';
import { postMove } from '../../stock/ledger';
import { loanLifecycle } from './lifecycle';

export const loans = defineDocument({
	collection: 'loans',
	lifecycle: loanLifecycle,
	lines: [
		{
			collection: 'loan_lines',
			required: ['product', 'quantity'],
			onWrite: async (ctx, payload, current) => {
				const product = keyOf(payload.product ?? current?.product);
				if (
					!isId(product) ||
					!(await ctx
						.db('products')
						.where({ id: product as number })
						.first('id'))
				) {
					throw invalid('product', `product ${product ?? '(missing)'} does not exist`);
				}
			},
		},
	],
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		const warehouse = keyOf(payload.warehouse);
		if (
			!isId(warehouse) ||
			!(await ctx
				.db('warehouses')
				.where({ id: warehouse as number })
				.first('id'))
		) {
			throw invalid('warehouse', `warehouse ${warehouse ?? '(missing)'} does not exist`);
		}
		const date = payload.expected_return_date;
		if (date === undefined || date === null || date === '')
			throw invalid('expected_return_date', 'expected_return_date is required (the date the goods are due back)');
		if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(date) || Number.isNaN(Date.parse(date))) {
			throw invalid('expected_return_date', `expected_return_date must be a date like 2026-05-31, got ${JSON.stringify(date)}`);
		}
	},
	effects: {
		submitted: submitForApproval,
		// The warehouse issues the goods: one loan_out per line; a shortfall on any line refuses the whole issue.
		'approved->issued': async ({ trx, id, row, actor }) => {
			const lines: Row[] = await trx('loan_lines').where({ loan: id }).orderBy('id');
			if (!lines.length) throw invalid('lines', `${row.number} has no lines to issue`);
			for (const line of lines) {
				await postMove(trx, {
					type: 'loan_out',
					product: line.product,
					warehouse: row.warehouse,
					quantity: parseQty(line.quantity),
					source_collection: 'loans',
					source_id: id,
					source_line: line.id,
					source_number: row.number,
					user: actor.user,
				});
			}
			return undefined;
		},
	},
});
