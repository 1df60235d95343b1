// Bad input deep inside a list is only fixable when the message says where: this prefixes the
// document (and line) to the 400 a parser raised, keeping its field.
import { DomainError, ErrorCode, invalid } from '../errors';

export function inContext<T>(where: string, read: () => T): T {
	try {
		return read();
	} catch (e) {
		if (!(e instanceof DomainError) || e.code !== ErrorCode.INVALID_PAYLOAD) throw e;
		throw invalid(String(e.extensions.field), `${where}: ${e.message}`);
	}
}
