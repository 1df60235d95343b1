// Contracts: signing sets the customer to "signed" (first signed contract), kept in its history.
import { onTransition } from './transitions';

onTransition('contracts', 'approved->signed', async ({ trx, id, row, actor }) => {
	if (!row.sign_date) await trx('contracts').where({ id }).update({ sign_date: new Date().toISOString().slice(0, 10) });
	const customer = await trx('customers').where({ id: row.customer }).first('id', 'status');
	if (customer && customer.status !== 'signed') {
		await trx('customers').where({ id: customer.id }).update({ status: 'signed' });
		await trx('customer_history').insert({ customer: customer.id, kind: 'status', from_value: customer.status, to_value: 'signed', date_created: new Date(), user_created: actor.user });
	}
});
