// 导入模板: what each importable collection's sheet holds, in one declarative table. Headers, kinds and
// choices come from the schema (schema/, the single source of labels), so a template never disagrees
// with the data app. A row becomes an API create payload here; the hooks still judge every payload.
import { COLLECTIONS } from '../../../../../schema/index';
import type { FieldDef, Label } from '../../../../../schema/model';
import { normalizeCustomerName } from '../../domain/customers';
import type { CellValue, ImportColumn } from '../../domain/spreadsheet';
import { MAX_LENGTH } from '../../platform/model';

type Values = Record<string, CellValue>;

/** A column whose text names a row of another collection (a customer by code or name, a product by SKU). */
export type Reference = {
	collection: string;
	/** Columns of that collection compared with the cell, in order of preference. */
	match: string[];
	/** How the cell and the stored value are made comparable (the customer name's normalised key). */
	normalize?: { column: string; as: string; fn: (text: string) => string };
	what: Label;
};

export type ImportSpec = {
	collection: string;
	sheet: Label;
	columns: ImportColumn[];
	/** Rows with the same key become one document with several lines (in sheet order); else one per row. */
	groupBy?: (v: Values) => string;
	references: Record<string, Reference>;
	/** The create payload of one document from its rows (references already ids). */
	payload(rows: Values[]): Record<string, unknown>;
	/** The second sheet's example rows, by column key. */
	example: Array<Record<string, string | number>>;
	/** What the template's note says beyond the columns. */
	note: Label;
};

const fieldOf = (collection: string, field: string): FieldDef => {
	const def = COLLECTIONS.find((c) => c.collection === collection)?.fields.find((f) => f.field === field);
	if (!def) throw new Error(`import columns: ${collection}.${field} is not in the schema`);
	return def;
};

const KIND_BY_SCALE = { 2: 'money', 3: 'qty', 4: 'rate' } as const;

/** An import column for a schema field: its labels, kind, choices and length limit. */
function column(collection: string, field: string, o: { key?: string; required?: boolean; header?: Label } = {}): ImportColumn {
	const f = fieldOf(collection, field);
	// A decimal with choices (the VAT rates) is read as a number: 0.13, or a cell formatted 13% (which holds 0.13).
	const kind: ImportColumn['kind'] =
		f.type === 'decimal'
			? KIND_BY_SCALE[f.scale as 2 | 3 | 4]
			: f.choices?.length
				? 'choice'
				: f.type === 'integer'
					? 'int'
					: f.type === 'date'
						? 'date'
						: 'text';
	return {
		key: o.key ?? field,
		header: o.header ?? { zh: f.label.zh, en: f.label.en },
		required: o.required ?? f.required ?? false,
		kind,
		...(kind === 'choice' ? { choices: f.choices!.map((c) => ({ value: c.value, label: c.label })) } : {}),
		...(kind === 'text' ? { max: MAX_LENGTH[collection]?.[field] } : {}),
	};
}

/** A reference column: text naming another row (header given, since the field itself holds an id). */
const refColumn = (key: string, header: Label, required = true): ImportColumn => ({ key, header, required, kind: 'text', max: 255 });

/** The values of `keys` present in a row (a column left out of the file stays out of the payload). */
const pick = (v: Values, keys: string[]) => Object.fromEntries(keys.filter((k) => k in v && v[k] !== null).map((k) => [k, v[k]]));

const CUSTOMER_FIELDS = ['name', 'tax_id', 'grade', 'intent', 'industry', 'region', 'invoice_title', 'address_phone', 'bank_account'];
const CONTACT_FIELDS = ['name', 'title', 'phone', 'email'];
const PRODUCT_FIELDS = ['sku', 'name', 'spec', 'unit', 'list_price', 'floor_price', 'cost_price', 'tax_rate', 'low_stock_threshold'];

const customerByCodeOrName: Reference = {
	collection: 'customers',
	match: ['code', 'name_key'],
	normalize: { column: 'name_key', as: 'name', fn: normalizeCustomerName },
	what: { zh: '客户（编码或名称）', en: 'customer (code or name)' },
};
const productBySku: Reference = { collection: 'products', match: ['sku'], what: { zh: '产品（物料编码）', en: 'product (SKU)' } };
const warehouseByCode: Reference = { collection: 'warehouses', match: ['code'], what: { zh: '仓库（编码）', en: 'warehouse (code)' } };

export const IMPORTS: Record<string, ImportSpec> = {
	// A customer is registered with its first contact (报备制度); the caller becomes its owner.
	customers: {
		collection: 'customers',
		sheet: { zh: '客户', en: 'Customers' },
		columns: [
			...CUSTOMER_FIELDS.map((f) => column('customers', f)),
			...CONTACT_FIELDS.map((f) => {
				const c = column('contacts', f, { key: `contact_${f}` });
				return { ...c, header: { zh: `联系人${c.header.zh === '姓名' ? '' : c.header.zh}`, en: `Contact ${c.header.en.toLowerCase()}` } };
			}),
		],
		references: {},
		payload: ([v]) => ({
			...pick(v!, CUSTOMER_FIELDS),
			contacts: [Object.fromEntries(CONTACT_FIELDS.filter((f) => v![`contact_${f}`] != null).map((f) => [f, v![`contact_${f}`]]))],
		}),
		example: [
			{
				name: '上海示例机电设备有限公司',
				tax_id: '91310000MA1K000001',
				grade: 'B',
				intent: '高',
				industry: '制造业',
				region: '华东',
				contact_name: '王伟',
				contact_title: '采购经理',
				contact_phone: '13800138000',
				contact_email: 'wang.wei@example.com',
			},
		],
		note: {
			zh: '每行一个客户及其第一位联系人；导入人成为客户负责人。',
			en: 'One customer per row with its first contact; you become its owner.',
		},
	},
	products: {
		collection: 'products',
		sheet: { zh: '产品', en: 'Products' },
		columns: PRODUCT_FIELDS.map((f) => column('products', f)),
		references: {},
		payload: ([v]) => pick(v!, PRODUCT_FIELDS),
		example: [
			{ sku: 'DEMO-001', name: '示例变频器', spec: '7.5kW', unit: '台', list_price: '3200.00', floor_price: '2800.00', tax_rate: '0.13' },
		],
		note: { zh: '每行一个产品；价格含税。', en: 'One product per row; prices include VAT.' },
	},
	// 期初库存: one draft entry per warehouse and type, its lines by SKU; the warehouse manager posts it.
	stock_entries: {
		collection: 'stock_entries',
		sheet: { zh: '期初库存', en: 'Opening stock' },
		columns: [
			refColumn('warehouse', { zh: '仓库编码', en: 'Warehouse code' }),
			{ ...column('stock_entries', 'type'), required: false },
			refColumn('product', { zh: '物料编码', en: 'SKU' }),
			column('stock_entry_lines', 'quantity'),
			column('stock_entries', 'memo'),
		],
		groupBy: (v) => `${v.warehouse}|${v.type ?? 'adjust_in'}`,
		references: { warehouse: warehouseByCode, product: productBySku },
		payload: (rows) => ({
			warehouse: rows[0]!.warehouse,
			type: rows[0]!.type ?? 'adjust_in',
			memo: rows[0]!.memo ?? '期初库存导入 / opening stock import',
			lines: rows.map((r) => ({ product: r.product, quantity: r.quantity })),
		}),
		example: [
			{ warehouse: 'WH-SH', type: '盘盈', product: 'DEMO-001', quantity: '10' },
			{ warehouse: 'WH-SH', type: '盘盈', product: 'DEMO-002', quantity: '2.5' },
		],
		note: {
			zh: '同一仓库、同一类型的行合并为一张入库/盘点单（草稿），由库房经理过账。类型留空为“盘盈”。',
			en: 'Rows of the same warehouse and type become one draft stock entry for the warehouse manager to post; type defaults to stock gain.',
		},
	},
	// Orders: rows sharing an order reference are one order, its lines by SKU, the customer by code or name.
	sales_orders: {
		collection: 'sales_orders',
		sheet: { zh: '销售订单', en: 'Sales orders' },
		columns: [
			refColumn('order_ref', { zh: '订单序号', en: 'Order ref' }),
			refColumn('customer', { zh: '客户（编码或名称）', en: 'Customer (code or name)' }),
			column('sales_orders', 'order_date'),
			column('sales_orders', 'requested_date'),
			column('sales_orders', 'ship_to'),
			column('sales_orders', 'invoice_type'),
			column('sales_orders', 'memo'),
			refColumn('product', { zh: '物料编码', en: 'SKU' }),
			column('sales_order_lines', 'quantity'),
			column('sales_order_lines', 'unit_price'),
		],
		groupBy: (v) => String(v.order_ref),
		references: { customer: customerByCodeOrName, product: productBySku },
		payload: (rows) => ({
			...pick(rows[0]!, ['customer', 'order_date', 'requested_date', 'ship_to', 'invoice_type', 'memo']),
			lines: rows.map((r) => pick(r, ['product', 'quantity', 'unit_price'])),
		}),
		example: [
			{
				order_ref: '1',
				customer: '上海示例机电设备有限公司',
				order_date: '2026-01-05',
				product: 'DEMO-001',
				quantity: '2',
				unit_price: '3000.00',
			},
			{
				order_ref: '1',
				customer: '上海示例机电设备有限公司',
				order_date: '2026-01-05',
				product: 'DEMO-002',
				quantity: '1',
				unit_price: '150.00',
			},
		],
		note: {
			zh: '订单序号相同的行为同一订单的明细；订单信息取该订单的第一行。',
			en: 'Rows with the same order ref are the lines of one order; order fields come from its first row.',
		},
	},
};
