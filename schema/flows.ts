// Example Flows shipped with Salesflow. The data app's trigger form lists built-in scopes only, so a
// Flow on a Salesflow event is created through the API (README, Events): this one is the template,
// seeded inactive — an admin activates it, or copies it, in Settings → Flows.
import { stableUuid } from '../extensions/salesflow/src/domain/ids';

export type FlowSeed = {
	id: string;
	name: string;
	icon: string;
	description: string;
	trigger: 'event';
	options: { type: 'action'; scope: string[] };
	operation: { id: string; key: string; type: string; name: string; options: Record<string, unknown> };
};

export const EXAMPLE_FLOWS: FlowSeed[] = [
	{
		id: stableUuid('flow:example-transition'),
		name: '示例：单据状态变更 / Example: document status moved',
		icon: 'swap_horiz',
		description:
			'Runs after a Salesflow status move commits (event salesflow.transition); logs it. Inactive until an admin switches it on.',
		trigger: 'event',
		options: { type: 'action', scope: ['salesflow.transition'] },
		operation: {
			id: stableUuid('operation:example-transition-log'),
			key: 'log_move',
			type: 'log',
			name: '记录 / Log',
			options: { message: '{{$trigger.collection}} {{$trigger.number}}: {{$trigger.from}} → {{$trigger.to}} ({{$trigger.user}})' },
		},
	},
];
