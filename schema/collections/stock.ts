import {
	C,
	L,
	bool,
	ch,
	choice,
	documentFields,
	id,
	m2o,
	money,
	o2m,
	qty,
	rate,
	status,
	str,
	text,
	datetime,
	user,
	type CollectionDef,
} from '../model';
import { stockEntryLifecycle } from '../../extensions/salesflow/src/documents/stock-entries/lifecycle';

export const MOVE_TYPE_CHOICES = [
	ch('sales_out', 'Sales out', '销售出库', C.red),
	ch('return_in', 'Return in', '退货入库', C.green),
	ch('loan_out', 'Loan out', '借出出库', C.amber),
	ch('loan_return_in', 'Loan return in', '借出归还入库', C.teal),
	ch('loan_convert_in', 'Loan conversion in', '借出转换其他入库', C.purple),
	ch('adjust_in', 'Stock gain', '盘盈', C.green),
	ch('adjust_out', 'Stock loss', '盘亏', C.red),
	ch('purchase_in', 'Purchase/production in', '采购/生产入库', C.green),
];

export const products: CollectionDef = {
	collection: 'products',
	label: { en: ['Product', 'Products'], zh: ['产品', '产品'] },
	icon: 'inventory_2',
	template: '{{sku}} · {{name}}',
	fields: [
		id(),
		str('sku', L('SKU', '物料编码'), { required: true, unique: true }),
		str('name', L('Name', '产品名称'), { required: true }),
		str('spec', L('Specification', '规格型号')),
		str('unit', L('Unit', '单位'), { default: '台' }),
		str('product_group', L('Product group', '产品组'), {
			note: L('Commission rates are set per product group (提成比例).', '提成比例按产品组设置。'),
		}),
		money('list_price', L('List price', '报价单价'), {
			required: true,
			note: L('Tax-inclusive; snapshotted on quote lines.', '含税价；报价时快照到报价行。'),
		}),
		money('floor_price', L('Floor price', '指导底价'), {
			required: true,
			note: L(
				'Tax-inclusive; a price below it is a special discount (division head approves).',
				'含税价；低于底价为特殊折扣，需事业部负责人审批。',
			),
		}),
		money('cost_price', L('Cost price', '成本价'), {
			note: L(
				'Tax-exclusive unit cost from cost accounting; margin below 30% adds the finance manager.',
				'不含税单位成本；毛利率低于30%需财务经理审批。',
			),
		}),
		rate('tax_rate', L('VAT rate', '税率'), { default: '0.1300', required: true }),
		str('tax_code', L('Tax classification code', '税收分类编码'), {
			length: 19,
			note: L(
				'19 digits (商品和服务税收分类编码); printed on the e-invoice batch workbook.',
				'19位商品和服务税收分类编码；用于数电票批量开具表。',
			),
		}),
		str('tax_category', L('Tax category short name', '税收分类简称'), {
			length: 64,
			note: L(
				'The goods name on an e-invoice becomes *short name*product name (e.g. 电子元件).',
				'数电票项目名称为“*分类简称*产品名称”，如：电子元件。',
			),
		}),
		user('product_manager', L('Product manager', '产品经理')),
		qty('low_stock_threshold', L('Low-stock threshold', '安全库存')),
		bool('active', L('Active', '启用'), { default: true }),
	],
};

export const warehouses: CollectionDef = {
	collection: 'warehouses',
	label: { en: ['Warehouse', 'Warehouses'], zh: ['仓库', '仓库'] },
	icon: 'warehouse',
	template: '{{code}} · {{name}}',
	fields: [
		id(),
		str('code', L('Code', '仓库编码'), { required: true, unique: true }),
		str('name', L('Name', '仓库名称'), { required: true }),
		str('address', L('Address', '地址'), { width: 'full' }),
	],
};

export const stock_levels: CollectionDef = {
	collection: 'stock_levels',
	label: { en: ['Stock level', 'Stock levels'], zh: ['库存', '库存'] },
	icon: 'stacks',
	note: L(
		'On hand per product and warehouse; always the sum of stock moves. Written only by the system.',
		'按产品与仓库的现存量；恒等于库存流水之和，仅由系统写入。',
	),
	template: '{{product.sku}} @ {{warehouse.code}}: {{on_hand}}',
	fields: [
		id(),
		m2o('product', L('Product', '产品'), 'products', { required: true, template: '{{sku}} · {{name}}' }),
		m2o('warehouse', L('Warehouse', '仓库'), 'warehouses', { required: true, template: '{{code}}' }),
		qty('on_hand', L('On hand', '现存量'), {
			readonly: true,
			default: 0,
			note: L('Never negative (database check).', '不允许为负（数据库约束）。'),
		}),
	],
	indexes: [{ columns: ['product', 'warehouse'], unique: true }],
};

export const stock_moves: CollectionDef = {
	collection: 'stock_moves',
	label: { en: ['Stock move', 'Stock moves'], zh: ['库存流水', '库存流水'] },
	icon: 'swap_horiz',
	note: L('Immutable ledger; each move points at its source document and line.', '不可修改的台账；每条流水指向来源单据及行。'),
	template: '{{type}} {{product.sku}} {{quantity}}',
	fields: [
		id(),
		choice('type', L('Type', '类型'), MOVE_TYPE_CHOICES, { readonly: true }),
		m2o('product', L('Product', '产品'), 'products', { readonly: true, template: '{{sku}}' }),
		m2o('warehouse', L('Warehouse', '仓库'), 'warehouses', { readonly: true, template: '{{code}}' }),
		qty('quantity', L('Quantity (signed)', '数量（带符号）'), { readonly: true }),
		str('source_collection', L('Source document type', '来源单据类型'), { readonly: true, index: true }),
		str('source_id', L('Source document', '来源单据'), { readonly: true, index: true }),
		str('source_line', L('Source line', '来源行'), { readonly: true }),
		str('source_number', L('Source number', '来源单号'), { readonly: true }),
		datetime('date_created', L('When', '时间'), { readonly: true, special: ['date-created'], index: true }),
		m2o('user_created', L('Who', '操作人'), 'directus_users', { readonly: true, special: ['user-created'], onDelete: 'SET NULL' }),
	],
	indexes: [{ columns: ['source_collection', 'source_line'] }],
};

export const stock_entries: CollectionDef = {
	collection: 'stock_entries',
	label: { en: ['Stock entry', 'Stock entries'], zh: ['入库/盘点单', '入库/盘点单'] },
	icon: 'move_to_inbox',
	note: L('The only way stock enters or is corrected; posted by the warehouse manager.', '库存增加或盘点调整的唯一途径；由库房经理过账。'),
	template: '{{number}} · {{type}}',
	fields: [
		...documentFields(),
		choice(
			'type',
			L('Type', '类型'),
			MOVE_TYPE_CHOICES.filter((c) => ['purchase_in', 'adjust_in', 'adjust_out'].includes(c.value)),
			{ required: true },
		),
		m2o('warehouse', L('Warehouse', '仓库'), 'warehouses', { required: true, template: '{{code}} · {{name}}' }),
		status(stockEntryLifecycle, [ch('draft', 'Draft', '草稿', C.grey), ch('posted', 'Posted', '已过账', C.green)]),
		text('memo', L('Memo', '备注')),
		o2m('lines', L('Lines', '明细'), 'stock_entry_lines', 'entry', { fields: ['product', 'quantity'] }),
	],
};

export const stock_entry_lines: CollectionDef = {
	collection: 'stock_entry_lines',
	label: { en: ['Stock entry line', 'Stock entry lines'], zh: ['入库/盘点明细', '入库/盘点明细'] },
	icon: 'list',
	hidden: true,
	template: '{{product.sku}} × {{quantity}}',
	fields: [
		id(),
		m2o('entry', L('Entry', '单据'), 'stock_entries', { onDelete: 'CASCADE', hidden: true }),
		m2o('product', L('Product', '产品'), 'products', { required: true, template: '{{sku}} · {{name}}' }),
		qty('quantity', L('Quantity', '数量'), { required: true }),
	],
};

export const stock = [products, warehouses, stock_levels, stock_moves, stock_entries, stock_entry_lines];
