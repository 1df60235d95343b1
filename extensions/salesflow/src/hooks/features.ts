// Per-feature rules (approvals, stock, invoicing, CRM) register themselves here.
import type { RuleContext } from '../lib/context';
import { directusErrors } from '../lib/errors';
import { decideFromStep, validateRule } from './approvals';
import './contracts';
import './loans';
import './order-changes';
import './returns';
import './sales-orders';
import './shipments';
import './stock-entries';

export type ContextFactory = (meta: { database: any; accountability: any; schema: any }) => RuleContext;

export function registerFeatureHooks({ filter }: any, _ext: any, ruleContext: ContextFactory): void {
	filter('approval_rules.items.create', (payload: any, _meta: any, context: any) => directusErrors(async () => (await validateRule(ruleContext(context), payload), payload)));
	filter('approval_rules.items.update', (payload: any, meta: any, context: any) => directusErrors(async () => (await validateRule(ruleContext(context), payload, meta.keys), payload)));
	filter('approval_steps.items.update', (payload: any, meta: any, context: any) => directusErrors(() => decideFromStep(ruleContext(context), meta.keys, payload)));
}
