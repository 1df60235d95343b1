// Per-feature rules (approvals, stock, invoicing, CRM) register themselves here.
import type { RuleContext } from '../lib/context';
import { directusErrors } from '../lib/errors';
import { decideFromStep, validateRule } from './approvals';
import './contracts';
import { registerCrmActivities } from './crm-activities';
import { registerCrmSchedules } from './crm-schedule';
import { registerCustomerRules } from './customers';
import './loans';
import './order-changes';
import './quotes';
import './receipts';
import './returns';
import './sales-orders';
import './shipments';
import './statements';
import './stock-entries';

export type ContextFactory = (meta: { database: any; accountability: any; schema: any }) => RuleContext;

export function registerFeatureHooks(register: any, _ext: any, ruleContext: ContextFactory): void {
	const { filter } = register;
	registerCustomerRules(register, _ext, ruleContext);
	registerCrmActivities(register, _ext, ruleContext);
	registerCrmSchedules(register.schedule, _ext);
	filter('approval_rules.items.create', (payload: any, _meta: any, context: any) =>
		directusErrors(async () => {
			await validateRule(ruleContext(context), payload);
			return payload;
		}),
	);
	filter('approval_rules.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			await validateRule(ruleContext(context), payload, meta.keys);
			return payload;
		}),
	);
	filter('approval_steps.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(() => decideFromStep(ruleContext(context), meta.keys, payload)),
	);
}
