// Products: the product manager a product names decides its returns and loans (PROCESS.md §12), so
// it must be a user of the product_manager role. The tax code goes onto e-invoices as typed: checked here.
import { PRODUCT_MANAGER_ROLE } from '../../domain/approval/rules';
import { zTaxCode } from '../../domain/einvoice/identifiers';
import { invalid } from '../../domain/errors';
import { parseField } from '../../domain/field-checks';
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

/** An empty tax code is none (finance fills it in later); any other must be 19 digits. */
function checkTaxCode(payload: Row): void {
	if (payload.tax_code === '') payload.tax_code = null;
	if (payload.tax_code === undefined || payload.tax_code === null) return;
	parseField(zTaxCode, 'tax_code', payload.tax_code);
}

export const products = defineRecords({
	collection: 'products',
	onCreate: async (ctx, payload) => {
		checkTaxCode(payload);
		await checkProductManager(ctx, payload);
	},
	onUpdate: async (ctx, _keys, payload) => {
		checkTaxCode(payload);
		await checkProductManager(ctx, payload);
		return undefined;
	},
});
