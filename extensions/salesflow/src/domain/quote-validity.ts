// How long a quote binds (报价有效期, seed 002): valid until its date plus the company's validity
// days unless the rep sets another date, never before the quote date; past that date it can no
// longer be sent, accepted, become an order or cover an order's price — whether or not the daily
// job has marked it `expired` yet.
import { addDays, epochDay } from './dates';
import { DomainError, invalid } from './errors';

/** The statuses in which a quote still binds its prices (until its date passes). */
export const BINDING_QUOTE = ['approved', 'sent', 'accepted'] as const;

/** The default last day of a quote dated `quoteDate`. */
export const defaultValidUntil = (quoteDate: string, validityDays: number): string => addDays(quoteDate, validityDays, 'quote_date');

/** Refuses a validity that ends before the quote's own date (400 naming both dates). */
export function checkValidity(quoteDate: string | null, validUntil: string | null): void {
	if (!quoteDate || !validUntil) return;
	if (epochDay(validUntil, 'valid_until') < epochDay(quoteDate, 'quote_date'))
		throw invalid('valid_until', `valid_until ${validUntil} is before the quote date ${quoteDate}`);
}

/** Whether a quote valid until `validUntil` has lapsed on `today` (the last day itself still counts). */
export const lapsed = (validUntil: string | null, today: string): boolean =>
	validUntil !== null && epochDay(validUntil, 'valid_until') < epochDay(today);

/** What the validity rules read of a quote. */
export type QuoteValidity = { number: string; status: string; valid_until: string | null };

/** 409 QUOTE_EXPIRED when `quote` no longer binds on `today`; `use` says what was attempted. */
export function assertBinding(quote: QuoteValidity, today: string, use: string): void {
	if (quote.status !== 'expired' && !lapsed(quote.valid_until, today)) return;
	throw new DomainError(
		'QUOTE_EXPIRED',
		`${quote.number} expired (valid until ${quote.valid_until ?? '—'}, today is ${today}); ${use}`,
		409,
		{
			field: 'quote',
			valid_until: quote.valid_until,
		},
	);
}
