// Stock entries (入库/盘点单): the only way stock enters or is corrected; posting (warehouse manager)
// writes one move per line (purchase_in / adjust_in / adjust_out).
import { invalid } from '../../domain/errors';
import { parseQty } from '../../domain/money';
import { defineDocument } from '../../engine/document-type';
import type { Row } from '../../platform/database';
import { postMove } from '../../stock/ledger';
import { stockEntryLifecycle } from './lifecycle';

export const stockEntries = defineDocument({
	collection: 'stock_entries',
	lifecycle: stockEntryLifecycle,
	fixedAfterCreate: ['type', 'warehouse'],
	lines: [{ collection: 'stock_entry_lines', required: ['product', 'quantity'] }],
	// What kind it is and where (the values themselves are checked with every write).
	onCreate: async (_ctx, payload) => {
		if (payload.type === undefined || payload.type === null)
			throw invalid('type', 'stock_entries.type is required: purchase_in, adjust_in or adjust_out');
		if (payload.warehouse === undefined || payload.warehouse === null) throw invalid('warehouse', 'stock_entries.warehouse is required');
	},
	effects: {
		'draft->posted': async ({ trx, id, row, actor }) => {
			const lines: Row[] = await trx('stock_entry_lines').where({ entry: id }).orderBy('id');
			if (!lines.length) throw invalid('lines', `${row.number} has no lines to post`);
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
			return undefined;
		},
	},
});
