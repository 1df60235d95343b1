// The declarative model of Salesflow's data: collections, fields, relations, labels (en-US + zh-CN)
// and field notes. `scripts/apply-schema.ts` turns it into Directus collections idempotently.
// Builders keep each collection file a readable list of fields.

export type Label = { en: string; zh: string };
export const L = (en: string, zh: string): Label => ({ en, zh });

export type Choice = { value: string; label: Label; color?: string };

export type FieldType =
	| 'integer'
	| 'bigInteger'
	| 'string'
	| 'text'
	| 'decimal'
	| 'boolean'
	| 'date'
	| 'dateTime'
	| 'timestamp'
	| 'uuid'
	| 'json'
	| 'alias';

export type FieldDef = {
	field: string;
	type: FieldType;
	label: Label;
	note?: Label;
	precision?: number;
	scale?: number;
	length?: number;
	required?: boolean;
	nullable?: boolean;
	unique?: boolean;
	default?: string | number | boolean | null;
	readonly?: boolean;
	hidden?: boolean;
	width?: 'half' | 'full';
	interface?: string;
	options?: Record<string, unknown>;
	display?: string;
	display_options?: Record<string, unknown>;
	special?: string[];
	choices?: Choice[];
	/** many-to-one: this field stores the key of `related` */
	m2o?: { related: string; onDelete?: 'SET NULL' | 'RESTRICT' | 'CASCADE'; template?: string };
	/** one-to-many alias: rows of `related` whose `fk` points here */
	o2m?: { related: string; fk: string; ownsRows?: boolean; fields?: string[] };
	index?: boolean;
	/** The form group (a `group()` field of the same collection) this field is shown in. */
	group?: string;
	/** Form conditions (Directus `meta.conditions`): overrides applied while `rule` matches the form's values. */
	conditions?: Condition[];
};

export type Condition = { name: string; rule: Record<string, unknown>; hidden?: boolean; required?: boolean; readonly?: boolean };

/** Shown only while `field` is one of `values` (e.g. the buyer's bank account only on a 专票), required then if `required`. */
export const shownWhen = (field: string, values: string[], required = false): Condition[] => [
	{ name: `only when ${field} is ${values.join('/')}`, rule: { [field]: { _nin: values } }, hidden: true },
	...(required ? [{ name: `required when ${field} is ${values.join('/')}`, rule: { [field]: { _in: values } }, required: true }] : []),
];

export type CollectionDef = {
	collection: string;
	label: { en: [string, string]; zh: [string, string] }; // [singular, plural]
	icon: string;
	note?: Label;
	template?: string;
	sort?: string;
	/** statuses kept out of the default list (archive) */
	archive?: { field: string; value: string };
	fields: FieldDef[];
	/** SQL the database needs beyond Directus' own schema (unique/compound indexes, checks) */
	indexes?: Array<{ columns: string[]; unique?: boolean }>;
	group?: string;
	hidden?: boolean;
	/** One row only (Directus singleton). */
	singleton?: boolean;
	/** What Directus records of writes: 'activity' keeps who did what but no revisions (their data would hold secrets). */
	tracking?: 'all' | 'activity';
};

type Opts = Partial<Omit<FieldDef, 'field' | 'type' | 'label'>>;

const half = (o: Opts): Opts => ({ width: 'half', ...o });

export const id = (): FieldDef => ({
	field: 'id',
	type: 'integer',
	label: L('ID', '编号'),
	readonly: true,
	hidden: true,
	interface: 'input',
});

export const str = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'string',
	label,
	interface: 'input',
	...half(o),
});

export const text = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'text',
	label,
	interface: 'input-multiline',
	width: 'full',
	...o,
});

export const int = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'integer',
	label,
	interface: 'input',
	...half(o),
});

export const bool = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'boolean',
	label,
	interface: 'boolean',
	display: 'boolean',
	default: false,
	special: ['cast-boolean'],
	...half(o),
});

/** Money: decimal(14,2) — CNY, never float in code. */
export const money = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'decimal',
	precision: 14,
	scale: 2,
	label,
	// Our own interface and display (extensions/salesflow/src): ¥25,600.00 with the fen, red when negative
	// (red invoices, refunds, credit balances); the stock formatted-value display shows whole yuan.
	interface: 'salesflow-money-input',
	display: 'salesflow-money',
	...half(o),
});

/** Quantities: decimal(14,3). */
export const qty = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'decimal',
	precision: 14,
	scale: 3,
	label,
	interface: 'input',
	display: 'formatted-value',
	...half(o),
});

/** Rates: decimal(6,4), 0.13 = 13 %. */
export const rate = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'decimal',
	precision: 6,
	scale: 4,
	label,
	interface: 'select-dropdown',
	choices: [
		{ value: '0.1300', label: L('13%', '13%') },
		{ value: '0.0900', label: L('9%', '9%') },
		{ value: '0.0600', label: L('6%', '6%') },
		{ value: '0.0000', label: L('0%', '0%') },
	],
	...half(o),
});

export const date = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'date',
	label,
	interface: 'datetime',
	display: 'datetime',
	display_options: { format: 'short' },
	...half(o),
});

export const datetime = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'timestamp',
	label,
	interface: 'datetime',
	display: 'datetime',
	display_options: { relative: false },
	...half(o),
});

export const json = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'json',
	label,
	interface: 'input-code',
	options: { language: 'JSON' },
	special: ['cast-json'],
	width: 'full',
	...o,
});

export const choice = (field: string, label: Label, choices: Choice[], o: Opts = {}): FieldDef => ({
	field,
	type: 'string',
	label,
	interface: 'select-dropdown',
	display: 'labels',
	choices,
	index: true,
	...half(o),
});

export const m2o = (
	field: string,
	label: Label,
	related: string,
	o: Opts & { onDelete?: 'SET NULL' | 'RESTRICT' | 'CASCADE'; template?: string } = {},
): FieldDef => {
	const { onDelete, template, ...rest } = o;
	return {
		field,
		type: related === 'directus_users' ? 'uuid' : 'integer',
		label,
		interface: related === 'directus_users' ? 'select-dropdown-m2o' : 'select-dropdown-m2o',
		display: 'related-values',
		special: ['m2o'],
		index: true,
		m2o: { related, onDelete: onDelete ?? 'RESTRICT', template },
		options: template ? { template } : undefined,
		display_options: template ? { template } : undefined,
		...half(rest),
	};
};

export const user = (field: string, label: Label, o: Opts = {}): FieldDef =>
	m2o(field, label, 'directus_users', { template: '{{first_name}} {{last_name}}', onDelete: 'SET NULL', ...o });

/** An uploaded file (directus_files); `image` for pictures (preview in lists). Readers follow the documents using it (schema/access.ts). */
export const file = (field: string, label: Label, o: Opts & { image?: boolean } = {}): FieldDef => {
	const { image, ...rest } = o;
	return {
		field,
		type: 'uuid',
		label,
		interface: image ? 'file-image' : 'file',
		display: image ? 'image' : 'file',
		special: ['file'],
		m2o: { related: 'directus_files', onDelete: 'SET NULL' },
		...half(rest),
	};
};

/** A titled, always-open box in the item form (a Directus field group); fields join it with `group`. */
export const group = (field: string, label: Label, o: Opts = {}): FieldDef => ({
	field,
	type: 'alias',
	label,
	interface: 'group-detail',
	special: ['alias', 'no-data', 'group'],
	width: 'full',
	options: { start: 'open' },
	...o,
});

export const o2m = (
	field: string,
	label: Label,
	related: string,
	fk: string,
	o: Opts & { ownsRows?: boolean; fields?: string[] } = {},
): FieldDef => {
	const { ownsRows, fields, ...rest } = o;
	return {
		field,
		type: 'alias',
		label,
		interface: 'list-o2m',
		display: 'related-values',
		special: ['o2m'],
		width: 'full',
		o2m: { related, fk, ownsRows: ownsRows ?? true, fields },
		options: fields ? { fields, layout: 'table', enableSelect: false } : undefined,
		...rest,
	};
};

/** A document type's status table, as far as the schema needs it (documents/<type>/lifecycle.ts). */
export type StatusList = { statuses: readonly string[] };

/**
 * Status field of a document with colours: its values are exactly the statuses of the document type's
 * lifecycle, in its order; each needs a label here (a status without one is a programming error).
 */
export const status = (lifecycle: StatusList, labels: Choice[], note?: Label): FieldDef => {
	const byValue = new Map(labels.map((c) => [c.value, c]));
	const extra = labels.filter((c) => !lifecycle.statuses.includes(c.value));
	if (extra.length) throw new Error(`status labels for ${extra.map((c) => c.value).join(', ')}, which the lifecycle does not have`);
	const choices = lifecycle.statuses.map((value) => {
		const choice = byValue.get(value);
		if (!choice) throw new Error(`status ${value} has no label`);
		return choice;
	});
	return choice('status', L('Status', '状态'), choices, {
		required: true,
		default: choices[0]!.value,
		// Moved with the document's actions (documentActions below); the API still takes a status PATCH, under the same rules.
		readonly: true,
		note:
			note ??
			L(
				'Moved with the actions at the top of the form; the rules decide what is allowed.',
				'通过表单顶部的操作按钮推进单据；是否允许由规则决定。',
			),
	});
};

/**
 * The actions at the top of a document's form (interface salesflow-document-actions): its status, the
 * moves the viewer may make now with the reason when one is not possible, and the approval timeline.
 */
export const documentActions = (): FieldDef => ({
	field: 'actions',
	type: 'alias',
	label: L('Actions', '操作'),
	interface: 'salesflow-document-actions',
	special: ['alias', 'no-data'],
	width: 'full',
});

/** The fields every document carries: generated number, owner, audit stamps. */
export const documentFields = (): FieldDef[] => [
	id(),
	str('number', L('Number', '单号'), {
		readonly: true,
		unique: true,
		note: L('Generated on create as PREFIX-YYYY-NNNNNN; never edited.', '创建时自动生成（前缀-年份-六位序号），不可修改。'),
	}),
	user('owner', L('Owner', '负责人'), {
		note: L('Defaults to the creator; decides who may see and edit the document.', '默认为创建人；决定谁能查看和编辑该单据。'),
	}),
	datetime('date_created', L('Created', '创建时间'), { readonly: true, special: ['date-created'], index: true }),
	user('user_created', L('Created by', '创建人'), { readonly: true, special: ['user-created'] }),
	datetime('date_updated', L('Updated', '更新时间'), { readonly: true, hidden: true, special: ['date-updated'] }),
];

/**
 * Archiving (归档): where the paper original of a finished document is filed, by whom and when. Only the
 * archive route writes them (POST /archive/:collection/:id); once set, the document and its lines are read-only.
 */
export const archiveFields = (): FieldDef[] => [
	datetime('archived_at', L('Archived', '归档时间'), { readonly: true }),
	user('archived_by', L('Archived by', '归档人'), { readonly: true }),
	str('archive_location', L('Archive location', '存档位置'), {
		readonly: true,
		note: L('Where the paper original is kept, e.g. 档案室 A-3-12.', '纸质原件存放位置，如“档案室 A-3-12”。'),
	}),
];

// Colours used for status badges across documents.
export const C = {
	grey: '#A2B5CD',
	blue: '#2ECDA7',
	amber: '#FFA439',
	green: '#2ECC71',
	teal: '#3399FF',
	red: '#E35169',
	purple: '#8866FF',
	dark: '#6B7280',
};

export const ch = (value: string, en: string, zh: string, color?: string): Choice => ({ value, label: L(en, zh), color });

/** Frequently used status choices. */
export const S = {
	draft: ch('draft', 'Draft', '草稿', C.grey),
	submitted: ch('submitted', 'Submitted', '已提交', C.teal),
	pending_approval: ch('pending_approval', 'Pending approval', '审批中', C.amber),
	approved: ch('approved', 'Approved', '已批准', C.green),
	rejected: ch('rejected', 'Rejected', '已驳回', C.red),
};

/** The head of a document its owner's direct superior approves (visit plans, sales plans, commission statements): number, owner, stamps, status, approval request. */
export const approvableHead = (lifecycle: StatusList): FieldDef[] => [
	...documentFields(),
	status(lifecycle, [S.draft, S.submitted, S.pending_approval, S.approved, S.rejected]),
	m2o('approval_request', L('Approval request', '审批单'), 'approval_requests', {
		readonly: true,
		onDelete: 'SET NULL',
		template: '{{number}} · {{status}}',
	}),
];
