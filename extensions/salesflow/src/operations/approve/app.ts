import { defineOperationApp } from '@directus/extensions-sdk';
import { permissionsOption } from '../options';

export default defineOperationApp({
	id: 'salesflow-approve',
	name: '审批 / Approve or reject',
	icon: 'fact_check',
	description: '对审批单当前步骤作出决定 / Decides the current step of an approval request',
	overview: ({ request, decision }) => [
		{ label: '审批单 / Request', text: String(request ?? '') },
		{ label: '决定 / Decision', text: String(decision ?? '') },
	],
	options: [
		{ field: 'request', name: '审批单 ID / Request id', type: 'string', meta: { width: 'half', interface: 'input' } },
		{
			field: 'decision',
			name: '决定 / Decision',
			type: 'string',
			meta: {
				width: 'half',
				interface: 'select-dropdown',
				options: {
					choices: [
						{ text: '批准 / Approve', value: 'approve' },
						{ text: '驳回 / Reject', value: 'reject' },
					],
				},
			},
			schema: { default_value: 'approve' },
		},
		{ field: 'comment', name: '意见 / Comment', type: 'text', meta: { width: 'full', interface: 'input-multiline' } },
		permissionsOption,
	],
});
