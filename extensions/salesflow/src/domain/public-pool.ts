// The public pool (公海): a customer its rep has neglected goes back to a pool any rep may take it
// from, so no customer sits unattended behind a first report (报备). After `staleDays` without
// contact the rep is reminded once; if nobody contacts the customer within `graceDays` of that
// reminder, it is released.
import { type DateInput, epochDay } from './dates';
import { parseField, zWholeNumber } from './field-checks';

export type PoolDecision = 'none' | 'remind' | 'return_to_pool';

/**
 * What the daily pool job does with one customer today. Days count from the last contact, or from
 * registration when there was none. A reminder stands until the customer is contacted on or after
 * its day (contact resets it); a standing reminder is not sent again.
 */
export function poolDecision(input: {
	lastContactedOn: DateInput | null | undefined;
	registeredOn: DateInput;
	remindedOn: DateInput | null | undefined;
	today: DateInput;
	staleDays: number;
	graceDays: number;
}): PoolDecision {
	const staleDays = parseField(zWholeNumber('stale_days', 1), 'stale_days', input.staleDays);
	const graceDays = parseField(zWholeNumber('grace_days', 1), 'grace_days', input.graceDays);
	const today = epochDay(input.today, 'today');
	const contacted = input.lastContactedOn ? epochDay(input.lastContactedOn, 'last_contacted_on') : null;
	const since = contacted ?? epochDay(input.registeredOn, 'registered_on');
	const reminded = input.remindedOn ? epochDay(input.remindedOn, 'reminded_on') : null;
	if (reminded !== null && (contacted === null || contacted < reminded)) return today - reminded >= graceDays ? 'return_to_pool' : 'none';
	return today - since >= staleDays ? 'remind' : 'none';
}
