// Products: the product manager a product names decides its returns and loans (PROCESS.md §12), so
// it must be a user of the product_manager role.
import { PRODUCT_MANAGER_ROLE } from '../../domain/approval/rules';
import { invalid } from '../../domain/errors';
import type { Row } from '../../platform/database';
import { roleKeysOf } from '../../platform/context';
import { type DocContext, defineRecords } from '../../engine/document-type';

const keyOf = (v: unknown) => (v && typeof v === 'object' ? (v as Row).id : v);

async function checkProductManager(ctx: DocContext, payload: Row): Promise<void> {
	if (!('product_manager' in payload)) return;
	const user = keyOf(payload.product_manager);
	if (user === null || user === undefined) return;
	const roles = await roleKeysOf(ctx.db, String(user));
	if (!roles.includes(PRODUCT_MANAGER_ROLE)) {
		throw invalid('product_manager', `product_manager ${user} is not a user of the ${PRODUCT_MANAGER_ROLE} role (产品经理)`);
	}
}

export const products = defineRecords({
	collection: 'products',
	onCreate: (ctx, payload) => checkProductManager(ctx, payload),
	onUpdate: async (ctx, _keys, payload) => {
		await checkProductManager(ctx, payload);
		return undefined;
	},
});
