import { defineOperationApp } from '@directus/extensions-sdk';
import { permissionsOption } from '../options';

/** The documents that print (domain/print/documents.ts PRINTABLE), as the printed titles name them. */
const choices = [
	{ text: '报价单 / Quote', value: 'quotes' },
	{ text: '销售合同 / Contract', value: 'contracts' },
	{ text: '销售订单 / Sales order', value: 'sales_orders' },
	{ text: '送货单 / Delivery note', value: 'shipments' },
	{ text: '退货单 / Return', value: 'returns' },
	{ text: '开票申请单 / Invoice request', value: 'invoices' },
	{ text: '对账单 / Statement', value: 'statements' },
];

export default defineOperationApp({
	id: 'salesflow-print',
	name: '打印为 PDF / Print to PDF',
	icon: 'print',
	description: '生成单据 PDF 并存入文件库 / Renders a document as a PDF and stores it in Files',
	overview: ({ collection, key }) => [{ label: '单据 / Document', text: `${collection ?? ''} ${key ?? ''}` }],
	options: [
		{
			field: 'collection',
			name: '单据类型 / Collection',
			type: 'string',
			meta: { width: 'half', interface: 'select-dropdown', options: { choices } },
		},
		{
			field: 'key',
			name: '单据 ID / Document id',
			type: 'string',
			meta: { width: 'half', interface: 'input', options: { placeholder: '{{$trigger.keys[0]}}' } },
		},
		{
			field: 'folder',
			name: '文件夹（可选）/ Folder (optional)',
			type: 'uuid',
			meta: { width: 'full', interface: 'system-folder', note: '留空则存入默认文件夹 / Empty: the default folder' },
		},
		permissionsOption,
	],
});
