// Receipts (收款单): for a customer the caller can see, a positive amount; confirmed by finance (the
// status table says who) and checked once more when confirmed; allocated to invoices (allocation.ts).
import { DomainError, invalid } from '../../domain/errors';
import { zPositiveMoney } from '../../domain/money';
import { defineDocument } from '../../engine/document-type';
import { keyOf, readVisible } from '../../platform/access';
import { receiptLifecycle } from './lifecycle';

function assertAmount(value: unknown): void {
	if (value === undefined || value === null || value === '') throw invalid('amount', 'amount is required');
	const parsed = zPositiveMoney.safeParse(value);
	if (!parsed.success) throw invalid('amount', `receipts.amount: ${parsed.error.issues[0]!.message}`);
}

export const receipts = defineDocument({
	collection: 'receipts',
	lifecycle: receiptLifecycle,
	fixedAfterCreate: ['customer'],
	positiveOnUpdate: ['amount'],
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		assertAmount(payload.amount);
	},
	effects: {
		'draft->confirmed': async ({ trx, row, payload }) => {
			// Fields sent with the status change are written right after it: check them as they will be.
			const receipt = { ...row, ...payload };
			assertAmount(receipt.amount);
			if (!receipt.received_on) throw invalid('received_on', `${row.number}: received_on is required to confirm a receipt`);
			const customerId = keyOf(receipt.customer);
			if (!customerId || !(await trx('customers').where({ id: customerId }).first('id'))) {
				throw new DomainError('INVALID_PAYLOAD', `${row.number}: customer ${customerId ?? '(none)'} does not exist`, 400, {
					field: 'customer',
				});
			}
			return undefined;
		},
	},
});
