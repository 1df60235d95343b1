import { createError } from '@directus/errors';
import { DomainError } from '../domain/errors';

// One Directus error class per (code, status), so responses carry our codes in Directus' format.
const classes = new Map<string, new (extensions: Record<string, unknown>) => Error>();

export function toDirectusError(e: DomainError): Error {
	const key = `${e.code}:${e.status}`;
	let Cls = classes.get(key);
	if (!Cls) {
		Cls = createError<Record<string, unknown>>(e.code, (ext) => String(ext.message), e.status) as any;
		classes.set(key, Cls!);
	}
	return new Cls!({ message: e.message, ...e.extensions });
}

/** Runs `fn`, turning domain errors into Directus errors (and zod errors into INVALID_PAYLOAD). */
export async function directusErrors<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		throw translateError(e);
	}
}

export function translateError(e: unknown): unknown {
	if (e instanceof DomainError) return toDirectusError(e);
	if (e && typeof e === 'object' && (e as any).name === 'ZodError') {
		const issue = (e as any).issues?.[0];
		const field = issue?.path?.join('.') || 'body';
		return toDirectusError(new DomainError('INVALID_PAYLOAD', `Invalid payload: ${field}: ${issue?.message ?? 'invalid'}`, 400, { field }));
	}
	return e;
}
