// Document forms by section, in the order staff fill them: 基本信息 (the header), 明细 (lines right after
// it), 金额, 本期数据 (a report's frozen figures), 物流, 审批, then 系统 (number, owner, stamps, archive) last and closed. Each field's section
// follows from what it is; a collection that arranges its own groups (customers) is left as declared.
import { LIFECYCLES } from '../extensions/salesflow/src/documents/lifecycles';
import { group, L, type Condition, type CollectionDef, type FieldDef, type Label } from './model';

type Section = 'basic' | 'lines' | 'amounts' | 'figures' | 'logistics' | 'approval' | 'system';

const SECTIONS: Array<{ key: Section; label: Label; closed?: boolean }> = [
	{ key: 'basic', label: L('Basic information', '基本信息') },
	{ key: 'lines', label: L('Lines', '明细') },
	{ key: 'amounts', label: L('Amounts', '金额') },
	{ key: 'figures', label: L('Figures of the period', '本期数据') },
	{ key: 'logistics', label: L('Logistics', '物流') },
	{ key: 'approval', label: L('Approval', '审批') },
	{ key: 'system', label: L('System', '系统'), closed: true },
];

export const sectionField = (section: Section) => `sf_${section}`;

const SYSTEM = ['id', 'number', 'owner', 'date_created', 'user_created', 'date_updated', 'archived_at', 'archived_by', 'archive_location'];
const APPROVAL = ['approval_request', 'reasons', 'cost_reasons', 'decided_at', 'review_comment'];
const AMOUNTS = ['percent_shipped', 'percent_invoiced', 'payment_status', 'payment_schedule', 'payment_term', 'payment_terms'];
const LOGISTICS =
	/^(warehouse|carrier|tracking_no|issued_at|shipped_at|eta|delivered_at|received_at|ship_to|ship_by|new_ship_to|requested_date|new_requested_date|expected_return_date|delivery_.+|acceptance.*|rectification_.+|check_.+|checked_.+)$/;

/** A work report's figures, computed at submit (money among them). */
const FIGURES = /^(fig_.+|figures_at)$/;

const isMoney = (f: FieldDef) => f.display === 'salesflow-money';

function sectionOf(f: FieldDef): Section {
	if (SYSTEM.includes(f.field)) return 'system';
	if (f.o2m && f.field !== 'payment_schedule') return 'lines';
	if (APPROVAL.includes(f.field)) return 'approval';
	if (FIGURES.test(f.field)) return 'figures';
	if (isMoney(f) || AMOUNTS.includes(f.field)) return 'amounts';
	if (LOGISTICS.test(f.field)) return 'logistics';
	return 'basic';
}

/** A document (numbered, listed) whose form has no groups of its own yet. */
const arranged = (c: CollectionDef) =>
	!c.hidden && c.fields.some((f) => f.field === 'number') && !c.fields.some((f) => f.type === 'alias' && !f.o2m);

/** The collection with its fields in sections (group fields first in each), or as declared. */
export function withForm(c: CollectionDef): CollectionDef {
	if (!arranged(c)) return c;
	const fields = SECTIONS.flatMap(({ key, label, closed }) => {
		// Within a section what staff enter comes before what the system computes.
		const members = c.fields.filter((f) => sectionOf(f) === key).sort((a, b) => Number(!!a.readonly) - Number(!!b.readonly));
		if (!members.length) return [];
		const box = group(sectionField(key), label, { options: { start: closed ? 'closed' : 'open' } });
		return [box, ...members.map((f) => ({ ...f, group: box.field }))];
	});
	return { ...c, fields };
}

/**
 * Locked documents show as locked: outside its editable statuses every field of a document but the
 * always-editable ones is read-only in the form, its lines too (no edit pencils, no removing a line).
 * The app applies only the last condition that matches, so each existing condition (a field shown only
 * on a 专票…) gets a locked twin after it.
 */
export function withLocks(c: CollectionDef): CollectionDef {
	const lifecycle = LIFECYCLES[c.collection];
	if (!lifecycle?.editable) return c;
	const locked = { status: { _nin: [...lifecycle.editable] } };
	const open = new Set(['status', ...(lifecycle.alwaysEditable ?? [])]);
	const lock = (f: FieldDef): FieldDef => ({
		...f,
		conditions: [
			{ name: 'locked', rule: locked, readonly: true },
			...(f.conditions ?? []).flatMap((x): Condition[] => [
				x,
				{ ...x, name: `${x.name}, locked`, rule: { _and: [x.rule, locked] }, readonly: true },
			]),
		],
	});
	const isGroup = (f: FieldDef) => f.special?.includes('group');
	return { ...c, fields: c.fields.map((f) => (f.readonly || open.has(f.field) || isGroup(f) ? f : lock(f))) };
}
