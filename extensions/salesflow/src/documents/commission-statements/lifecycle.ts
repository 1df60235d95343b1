import { salesPlanLifecycle } from '../sales-plans/lifecycle';

/** A commission statement goes to the owner's direct superior exactly as a sales plan does: the same status table. */
export const commissionStatementLifecycle = salesPlanLifecycle;
