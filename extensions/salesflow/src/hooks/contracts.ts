// Contracts: signing sets the customer to "signed" (first signed contract), kept in its history.
import { readVisible } from '../lib/access';
import { onCreate } from './documents';
import { onTransition } from './transitions';

// A contract is made for a customer (and quote) the caller can see.
onCreate('contracts', async (ctx, payload) => {
	await readVisible(ctx, 'customers', payload.customer, 'customer');
	if (payload.quote !== undefined && payload.quote !== null) await readVisible(ctx, 'quotes', payload.quote, 'quote');
});

onTransition('contracts', 'approved->signed', async ({ trx, id, row, actor }) => {
	if (!row.sign_date)
		await trx('contracts')
			.where({ id })
			.update({ sign_date: new Date().toISOString().slice(0, 10) });
	const customer = await trx('customers').where({ id: row.customer }).first('id', 'status');
	if (customer && customer.status !== 'signed') {
		await trx('customers').where({ id: customer.id }).update({ status: 'signed' });
		await trx('customer_history').insert({
			customer: customer.id,
			kind: 'status',
			from_value: customer.status,
			to_value: 'signed',
			date_created: new Date(),
			user_created: actor.user,
		});
	}
});
