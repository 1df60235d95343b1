// Receipts (收款单): for a customer the caller can see, a positive amount; confirmed by finance
// (the transition table says who), and checked once more when confirmed.
import { DomainError, invalid } from '../domain/errors';
import { zPositiveMoney } from '../domain/money';
import { readVisible } from '../lib/access';
import { onCreate } from './documents';
import { onTransition } from './transitions';

function assertAmount(value: unknown): void {
	if (value === undefined || value === null || value === '') throw invalid('amount', 'amount is required');
	const parsed = zPositiveMoney.safeParse(value);
	if (!parsed.success) throw invalid('amount', `receipts.amount: ${parsed.error.issues[0]!.message}`);
}

onCreate('receipts', async (ctx, payload) => {
	await readVisible(ctx, 'customers', payload.customer, 'customer');
	assertAmount(payload.amount);
});

onTransition('receipts', 'draft->confirmed', async ({ trx, row, payload }) => {
	// Fields sent with the status change are written right after it: check them as they will be.
	const receipt = { ...row, ...payload };
	assertAmount(receipt.amount);
	if (!receipt.received_on) throw invalid('received_on', `${row.number}: received_on is required to confirm a receipt`);
	const customerId = typeof receipt.customer === 'object' && receipt.customer ? receipt.customer.id : receipt.customer;
	if (!customerId || !(await trx('customers').where({ id: customerId }).first('id'))) {
		throw new DomainError('INVALID_PAYLOAD', `${row.number}: customer ${customerId ?? '(none)'} does not exist`, 400, {
			field: 'customer',
		});
	}
});
