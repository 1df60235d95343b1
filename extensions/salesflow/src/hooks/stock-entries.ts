// 入库/盘点单: posting writes one move per line (purchase_in / adjust_in / adjust_out).
import { DomainError, invalid } from '../domain/errors';
import { parseQty } from '../domain/money';
import { postMove } from '../lib/stock-ledger';
import { onCreate } from './documents';
import { onTransition } from './transitions';

// An entry says what kind it is and where (the values themselves are checked with every write).
onCreate('stock_entries', async (_ctx, payload) => {
	if (payload.type === undefined || payload.type === null)
		throw invalid('type', 'stock_entries.type is required: purchase_in, adjust_in or adjust_out');
	if (payload.warehouse === undefined || payload.warehouse === null) throw invalid('warehouse', 'stock_entries.warehouse is required');
});

onTransition('stock_entries', 'draft->posted', async ({ trx, id, row, actor }) => {
	const lines = await trx('stock_entry_lines').where({ entry: id }).orderBy('id');
	if (!lines.length) throw new DomainError('INVALID_PAYLOAD', `${row.number} has no lines to post`, 400, { field: 'lines' });
	for (const line of lines) {
		await postMove(trx, {
			type: row.type,
			product: line.product,
			warehouse: row.warehouse,
			quantity: parseQty(line.quantity),
			source_collection: 'stock_entries',
			source_id: id,
			source_line: line.id,
			source_number: row.number,
			user: actor.user,
		});
	}
});
