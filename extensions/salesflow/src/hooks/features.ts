// Per-feature rules (approvals, stock, invoicing, CRM) register themselves here.
import type { RuleContext } from '../lib/context';
import './stock-entries';

export type ContextFactory = (meta: { database: any; accountability: any; schema: any }) => RuleContext;

export function registerFeatureHooks(_register: any, _ext: any, _ruleContext: ContextFactory): void {
	// features are added by their own modules as they land
}
