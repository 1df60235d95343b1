// Every collection with rules, installed explicitly: hooks and endpoints hand this list to the engine
// (engine/document-type.ts), nothing registers itself by being imported.
import { approvalDelegations } from '../engine/approvals/delegation';
import { approvalRequests, approvalRules, approvalSteps } from '../engine/approvals/rules';
import { type Documents, makeDocuments } from '../engine/document-type';
import { notificationChannels } from './channels';
import { complaints } from './complaints';
import { contacts } from './contacts';
import { contractChanges } from './contract-changes';
import { contracts } from './contracts';
import { customers } from './customers';
import { invoices } from './invoices';
import { loanConversions } from './loan-conversions';
import { loanReturns } from './loan-returns';
import { loans } from './loans';
import { opportunities } from './opportunities';
import { orderChanges } from './order-changes';
import { paymentSchedules, paymentTermLines, paymentTerms } from './payment-terms';
import { products } from './products';
import { quotes } from './quotes';
import { receipts } from './receipts';
import { returnRequests } from './return-requests';
import { returns } from './returns';
import { salesOrders } from './sales-orders';
import { salesPlans } from './sales-plans';
import { salesTargets } from './sales-targets';
import { satisfactionSurveys } from './satisfaction-surveys';
import { salesflowSettings } from './settings';
import { commissionRates } from './commission-rates';
import { commissionStatements } from './commission-statements';
import { shipments } from './shipments';
import { statements } from './statements';
import { stockEntries } from './stock-entries';
import { visits } from './visits';
import { workReports } from './work-reports';

export const DOCUMENTS: Documents = makeDocuments([
	customers,
	contacts,
	products,
	visits,
	workReports,
	opportunities,
	satisfactionSurveys,
	salesPlans,
	complaints,
	salesTargets,
	quotes,
	contracts,
	salesOrders,
	orderChanges,
	contractChanges,
	shipments,
	returnRequests,
	returns,
	loans,
	loanReturns,
	loanConversions,
	invoices,
	receipts,
	statements,
	stockEntries,
	approvalRules,
	approvalRequests,
	approvalSteps,
	approvalDelegations,
	salesflowSettings,
	paymentTerms,
	paymentTermLines,
	paymentSchedules,
	notificationChannels,
	commissionRates,
	commissionStatements,
]);
