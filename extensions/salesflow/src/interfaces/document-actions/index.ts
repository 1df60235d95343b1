import { defineInterface } from '@directus/extensions-sdk';
import InterfaceComponent from './interface.vue';

// Shown at the top of every document's form (schema: the `actions` alias field): status, the moves the
// caller may make now and the approval timeline.
export default defineInterface({
	id: 'salesflow-document-actions',
	name: '单据操作 / Document actions',
	icon: 'bolt',
	description: '状态、可执行操作与审批进度 / Status, the moves open now and the approval timeline',
	component: InterfaceComponent,
	types: ['alias'],
	localTypes: ['presentation'],
	group: 'presentation',
	options: null,
	hideLabel: true,
	hideLoader: true,
});
