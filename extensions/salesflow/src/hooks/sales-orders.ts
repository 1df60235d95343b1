// Sales orders: confirmation time is kept for the 3-working-day shipping promise.
import { onApproved } from '../lib/approval-engine';

onApproved('sales_orders', async ({ trx, id }) => {
	await trx('sales_orders').where({ id }).update({ confirmed_at: new Date() });
});
