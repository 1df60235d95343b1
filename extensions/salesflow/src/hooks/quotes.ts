// Quotes: made for a customer the caller can see (a rep quotes only their own customers).
import { readVisible } from '../lib/access';
import { onCreate } from './documents';

onCreate('quotes', async (ctx, payload) => {
	await readVisible(ctx, 'customers', payload.customer, 'customer');
});
