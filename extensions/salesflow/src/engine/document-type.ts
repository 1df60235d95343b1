// What a document type is: one object per type (documents/<type>/index.ts) holds everything about it —
// its status table, the fields that stay editable or are fixed, its lines and their rules, its totals,
// what its approval looks at, what each status move does, and its scheduled jobs. References a user
// sets are checked for every type alike (engine/references.ts). The engine runs them; hooks/ only wires them to Directus.
import type { Knex } from 'knex';
import { ARCHIVABLE, type GrantName } from '../../../../schema/access';
import type { ApprovalContext } from '../domain/approval/context';
import type { Amounts, PricedLine } from '../domain/document-totals';
import type { Lifecycle } from '../domain/state-machines';
import type { RuleContext } from '../platform/context';
import type { Row } from '../platform/database';
import { LINE_PARENTS } from '../platform/model';

export type Id = number | string;

/** Rule context plus the document types, as every engine function and effect receives it. */
export type DocContext = RuleContext & { documents: Documents };

/** The same, inside a transaction the caller opened. */
export type TrxDocContext = DocContext & { trx: Knex };

/** A status move as its effects see it, inside the move's transaction (`db` is that transaction too). */
export type Move = TrxDocContext & {
	collection: string;
	id: Id;
	/** The document as locked before the move, with the fields written in the same request. */
	row: Row;
	from: string;
	to: string;
	/** Other fields the user sent with the status change (already written). */
	payload: Row;
	reason: string | null;
};

/** An effect may return the status the document really ends in (submitted → pending_approval; approved → applied). */
export type Effect = (m: Move) => Promise<string | undefined>;

export type CreateRule = (ctx: DocContext, payload: Row) => Promise<void>;
/** An update rule may return the payload Directus should write instead (e.g. nothing, when the rule did the write). */
export type UpdateRule = (ctx: DocContext, keys: Id[], payload: Row) => Promise<Row | undefined>;
export type DeleteRule = (ctx: DocContext, keys: Id[]) => Promise<void>;
/** A line's own checks and derived fields on create/update; the parent is already lock-checked. */
export type LineRule = (ctx: DocContext, payload: Row, current: Row | undefined, parent: Row | undefined) => Promise<void>;

export type LineType = {
	collection: string;
	/** What a new line must name (the rules read them; a line without them is meaningless). */
	required?: string[];
	/** Lines the user prices: amounts are computed, these product prices are snapshotted on create. */
	snapshot?: string[];
	onWrite?: LineRule;
	/** A document that may go for approval without lines when this holds (an order change that cancels). */
	optionalWhen?: (document: Row) => boolean;
};

/** A scheduled job; `cron` may be overridden with SALESFLOW_CRON_<env>. Returns how many records it handled. */
export type Job = {
	name: string;
	env: string;
	cron: string;
	run: (ctx: DocContext) => Promise<number>;
	/** Whether a tick has anything to do: a frequent job's idle ticks then claim nothing and leave no history. */
	due?: (db: Knex) => Promise<boolean>;
};

/** Work after a write has committed (follow-up dates, history): tolerant, logged on failure. */
export type AfterCommit = {
	create?: (ctx: DocContext, key: Id, payload: Row) => Promise<void>;
	update?: (ctx: DocContext, keys: Id[], payload: Row) => Promise<void>;
	delete?: (ctx: DocContext, keys: Id[]) => Promise<void>;
};

type CommonRules = {
	collection: string;
	onCreate?: CreateRule;
	onUpdate?: UpdateRule;
	onDelete?: DeleteRule;
	afterCommit?: AfterCommit;
	jobs?: Job[];
};

/** A collection with its own rules but none of the document machinery (contacts, targets, approval rules). */
export type RecordRules = CommonRules & { kind: 'records' };

export type DocumentType = CommonRules & {
	kind: 'document';
	lifecycle?: Lifecycle;
	/** Fields that define what a document is about: fixed once it exists (make a new document instead). */
	fixedAfterCreate?: string[];
	/** Amounts that stay greater than 0 when edited (creation checks them in onCreate). */
	positiveOnUpdate?: string[];
	lines?: LineType[];
	/** The priced lines the document's totals are the exact sums of. */
	totals?: (db: Knex, id: Id) => Promise<PricedLine[]>;
	/** The document's fields the totals of its `lines` lines go to (default total, amount_excl and tax). */
	totalsInto?: (amounts: Amounts, lines: number) => Row;
	/** Where the document keeps the amount an approver weighs. */
	amountField?: string;
	/** What the approval conditions look at (amount, priced lines, credit). */
	approvalContext?: (db: Knex, row: Row) => Promise<ApprovalContext>;
	/** Effects of status moves, keyed 'from->to' or 'to' (from any status). */
	effects?: Record<string, Effect>;
	/** What happens in the same transaction as the last approval. */
	onApproved?: Effect;
	/**
	 * Archiving (归档, endpoints/archive.ts): the statuses a document may be archived in and who may archive it.
	 * Exactly the collections with the archive fields (schema/model.ts archiveFields) have it (test/unit/archive.test.ts).
	 */
	archive?: { statuses: readonly string[]; grant: GrantName };
};

export type CollectionModule = DocumentType | RecordRules;

export const defineDocument = (d: Omit<DocumentType, 'kind'>): DocumentType => ({ kind: 'document', ...d });
export const defineRecords = (r: Omit<RecordRules, 'kind'>): RecordRules => ({ kind: 'records', ...r });

export type LineOf = { line: LineType; parent: DocumentType; fk: string; alias: string };

/** The installed document types, looked up by collection. */
export type Documents = {
	modules: CollectionModule[];
	document(collection: string): DocumentType | undefined;
	line(collection: string): LineOf | undefined;
	/** The line collections of a document. */
	linesOf(collection: string): LineOf[];
	effects(collection: string, from: string, to: string): Effect[];
	jobs: Job[];
};

export function makeDocuments(modules: CollectionModule[]): Documents {
	const byName = new Map(modules.map((m) => [m.collection, m]));
	const lines = new Map<string, LineOf>();
	const effects = new Map<string, Effect[]>();
	const add = (collection: string, key: string, e: Effect) =>
		effects.set(`${collection}:${key}`, [...(effects.get(`${collection}:${key}`) ?? []), e]);
	for (const m of modules) {
		if (m.kind !== 'document') continue;
		if (m.archive && !ARCHIVABLE.includes(m.collection))
			throw new Error(`${m.collection} is archived but has no archive fields (schema/model.ts archiveFields)`);
		for (const line of m.lines ?? []) {
			if (LINE_PARENTS[line.collection]?.parent !== m.collection)
				throw new Error(`${line.collection} is not a line collection of ${m.collection}`);
		}
		// Every line collection of the document gets the line rules (lock, visibility), declared or not.
		for (const [collection, p] of Object.entries(LINE_PARENTS)) {
			if (p.parent !== m.collection) continue;
			const line = m.lines?.find((l) => l.collection === collection) ?? { collection };
			lines.set(collection, { line, parent: m, fk: p.fk, alias: p.alias });
		}
		for (const [key, e] of Object.entries(m.effects ?? {})) add(m.collection, key, e);
		// The last approval lands from submitted (no approver was needed) or from pending_approval.
		if (m.onApproved) {
			const approved = m.lifecycle?.approved;
			if (!approved) throw new Error(`${m.collection} has onApproved but no approved status`);
			for (const from of ['submitted', 'pending_approval']) add(m.collection, `${from}->${approved}`, m.onApproved);
		}
	}
	return {
		modules,
		document: (c) => {
			const m = byName.get(c);
			return m?.kind === 'document' ? m : undefined;
		},
		line: (c) => lines.get(c),
		linesOf: (c) => [...lines.values()].filter((l) => l.parent.collection === c),
		effects: (c, from, to) => [...(effects.get(`${c}:${from}->${to}`) ?? []), ...(effects.get(`${c}:${to}`) ?? [])],
		jobs: modules.flatMap((m) => m.jobs ?? []),
	};
}
