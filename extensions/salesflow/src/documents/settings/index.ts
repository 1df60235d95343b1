// The company's settings row: values an administrator types are checked before they are written, and
// every process re-reads them at once after a change (platform/settings.ts).
import { chinaCalendar } from '../../domain/calendar/work-calendar';
import { businessTimeZone } from '../../domain/crm';
import { invalid } from '../../domain/errors';
import { zVoucherAccounts } from '../../domain/einvoice/vouchers';
import { nonNegativeMoney } from '../../domain/money';
import { defineRecords } from '../../engine/document-type';
import type { Row } from '../../platform/database';
import { refreshSettings, safeJson } from '../../platform/settings';

const DAY_LIMITS: Record<string, [number, number]> = {
	quote_validity_days: [1, 365],
	stale_customer_days: [1, 3650],
	pool_grace_days: [1, 365],
};

function checkSettings(payload: Row): void {
	if ('time_zone' in payload) {
		try {
			businessTimeZone({ SALESFLOW_TIMEZONE: String(payload.time_zone ?? '') });
		} catch {
			throw invalid('time_zone', `time_zone must be an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(payload.time_zone)}`);
		}
		if (!payload.time_zone) throw invalid('time_zone', 'time_zone is required');
	}
	for (const [field, [min, max]] of Object.entries(DAY_LIMITS)) {
		if (!(field in payload)) continue;
		const n = Number(payload[field]);
		if (typeof payload[field] === 'boolean' || !Number.isInteger(n) || n < min || n > max) {
			throw invalid(field, `${field} must be a whole number of days ${min}–${max}, got ${JSON.stringify(payload[field])}`);
		}
	}
	if ('contract_required_from' in payload) {
		const parsed = nonNegativeMoney('contract_required_from').safeParse(payload.contract_required_from);
		if (!parsed.success) throw invalid('contract_required_from', parsed.error.issues[0]!.message);
	}
	if ('company_name' in payload && !String(payload.company_name ?? '').trim()) throw invalid('company_name', 'company_name is required');
	if ('calendar_overrides' in payload && payload.calendar_overrides !== null) {
		const list = typeof payload.calendar_overrides === 'string' ? safeJson(payload.calendar_overrides) : payload.calendar_overrides;
		if (!Array.isArray(list)) throw invalid('calendar_overrides', 'calendar_overrides must be a list of { date, kind: holiday | workday }');
		chinaCalendar(list); // 400 naming date or kind
	}
	if ('voucher_accounts' in payload && payload.voucher_accounts !== null) {
		const raw = payload.voucher_accounts;
		const parsed = zVoucherAccounts.safeParse(typeof raw === 'string' ? safeJson(raw) : raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0]!;
			throw invalid('voucher_accounts', `voucher_accounts${issue.path.map((k) => `.${String(k)}`).join('')}: ${issue.message}`);
		}
	}
}

export const salesflowSettings = defineRecords({
	collection: 'salesflow_settings',
	onCreate: async (_ctx, payload) => checkSettings(payload),
	onUpdate: async (_ctx, _keys, payload) => {
		checkSettings(payload);
		return undefined;
	},
	afterCommit: {
		create: (ctx) => refreshSettings(ctx.db, true),
		update: (ctx) => refreshSettings(ctx.db, true),
	},
});
