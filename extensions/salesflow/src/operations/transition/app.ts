import { defineOperationApp } from '@directus/extensions-sdk';
import { permissionsOption } from '../options';

export default defineOperationApp({
	id: 'salesflow-transition',
	name: '单据状态变更 / Move a document',
	icon: 'swap_horiz',
	description: '按全部业务规则变更单据状态 / Moves a Salesflow document to a status, with every rule',
	overview: ({ collection, key, status }) => [
		{ label: '单据 / Document', text: `${collection ?? ''} ${key ?? ''}` },
		{ label: '目标状态 / To', text: status ?? '' },
	],
	options: [
		{ field: 'collection', name: '单据类型 / Collection', type: 'string', meta: { width: 'half', interface: 'system-collection' } },
		{
			field: 'key',
			name: '单据 ID / Document id',
			type: 'string',
			meta: { width: 'half', interface: 'input', options: { placeholder: '{{$trigger.id}}' } },
		},
		{
			field: 'status',
			name: '目标状态 / Status',
			type: 'string',
			meta: { width: 'half', interface: 'input', options: { placeholder: 'submitted' } },
		},
		permissionsOption,
	],
});
