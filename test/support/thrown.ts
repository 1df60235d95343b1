// What a synchronous call threw, for asserting on a DomainError's code, status and fields.
import type { DomainError } from '../../extensions/salesflow/src/domain/errors';

export function thrown(fn: () => unknown): DomainError {
	try {
		fn();
	} catch (e) {
		return e as DomainError;
	}
	throw new Error('expected a throw');
}
