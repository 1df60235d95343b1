// Archiving (归档, PROCESS "Archiving"): the paper original of a finished document is filed — where, by
// whom, when — and from then on the record stays as it was filed. Which statuses count as finished is
// the document type's to say.
import { DomainError } from './errors';

/** What archiving looks at of a document row. */
export type ArchiveState = {
	id?: number | string;
	number?: string | null;
	status?: string | null;
	archived_at?: unknown;
	archive_location?: string | null;
};

const named = (collection: string, row: ArchiveState) => row.number ?? `${collection} ${row.id}`;

/** Refuses any change to an archived document: 409 DOCUMENT_LOCKED naming it and where its original is kept. */
export function assertNotArchived(collection: string, row: ArchiveState): void {
	if (row.archived_at === null || row.archived_at === undefined) return;
	throw new DomainError(
		'DOCUMENT_LOCKED',
		`${named(collection, row)} is archived (original kept at ${row.archive_location}) and read-only`,
		409,
		{ archive_location: row.archive_location },
	);
}

/** Refuses to archive a document archived already (DOCUMENT_LOCKED) or not finished (INVALID_TRANSITION). */
export function assertArchivable(collection: string, row: ArchiveState, statuses: readonly string[]): void {
	assertNotArchived(collection, row);
	if (row.status && statuses.includes(row.status)) return;
	throw new DomainError(
		'INVALID_TRANSITION',
		`${named(collection, row)} is ${row.status}: only ${statuses.join(', ')} ${collection} can be archived`,
		409,
		{ status: row.status, archivable: statuses },
	);
}
