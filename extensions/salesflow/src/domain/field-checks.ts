// Small input checks the CRM planning modules share: whole numbers in a range (probability,
// scores, counts) and "parse or refuse naming the field", so every refusal is a 400 that says
// which field and what was sent.
import { z } from 'zod';
import { invalid } from './errors';

/** How a refused value is quoted in a message: numbers as they print (NaN too), the rest as JSON. */
const shown = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

/** A whole JSON number from `min` to `max` (no upper bound when `max` is omitted); strings are refused. */
export function zWholeNumber(label: string, min: number, max?: number) {
	const range = max === undefined ? `≥ ${min}` : `from ${min} to ${max}`;
	return z.custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min && (max === undefined || v <= max), {
		error: (issue) => `${label} must be a whole number ${range}, got ${shown(issue.input)}`,
	});
}

/** `value` parsed by `schema`, or 400 INVALID_PAYLOAD naming `field` with the schema's first message. */
export function parseField<T>(schema: z.ZodType<T>, field: string, value: unknown): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw invalid(field, parsed.error.issues[0]!.message);
	return parsed.data;
}
