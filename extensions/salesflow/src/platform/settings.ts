// The company's settings (salesflow_settings, one row the administrator edits). Read once per few
// seconds per process — a replica sees another's change within REFRESH_MS, its own at once — so every
// rule can ask for them synchronously.
import type { Knex } from 'knex';
import { type CalendarOverride, chinaCalendar, type WorkCalendar } from '../domain/calendar/work-calendar';
import { businessTimeZone, staleCustomerDays } from '../domain/crm';
import { type VoucherAccounts, zVoucherAccounts } from '../domain/einvoice/vouchers';
import type { Row } from './database';

export type Settings = {
	company_name: string;
	company_tax_id: string | null;
	company_address_phone: string | null;
	company_bank_account: string | null;
	logo: string | null;
	seal: string | null;
	time_zone: string;
	quote_validity_days: number;
	contract_required_from: string;
	stale_customer_days: number;
	/** Days after the follow-up reminder until a customer returns to the public pool (公海). */
	pool_grace_days: number;
	/** The administrator's corrections to the built-in holiday calendar (company holidays, days worked after all). */
	calendar_overrides: CalendarOverride[];
	/** Account codes of the voucher export (记账凭证); missing keys take DEFAULT_ACCOUNTS. */
	voucher_accounts: Partial<VoucherAccounts>;
};

/** The first values of a new installation; environment variables seed them, the row wins after that. */
export function initialSettings(env: Record<string, string | undefined>): Settings {
	return {
		company_name: env.SALESFLOW_COMPANY_NAME || '上海示例自动化科技有限公司',
		company_tax_id: env.SALESFLOW_COMPANY_TAX_ID || null,
		company_address_phone: null,
		company_bank_account: null,
		logo: null,
		seal: null,
		time_zone: businessTimeZone(env),
		quote_validity_days: Number(env.SALESFLOW_QUOTE_VALIDITY_DAYS || 30),
		contract_required_from: env.SALESFLOW_CONTRACT_REQUIRED_FROM || '0.00',
		stale_customer_days: staleCustomerDays(env),
		pool_grace_days: Number(env.SALESFLOW_POOL_GRACE_DAYS || 7),
		calendar_overrides: [],
		voucher_accounts: {},
	};
}

const REFRESH_MS = 5_000;
let current: Settings = initialSettings(process.env);
let readAt = 0;

/** The settings as last read (the environment's seeds until the row has been read). */
export const settings = (): Settings => current;

/** Reads the row again when the copy here is older than a few seconds (or when forced: it just changed). */
export async function refreshSettings(db: Knex, force = false): Promise<void> {
	if (!force && Date.now() - readAt < REFRESH_MS) return;
	readAt = Date.now();
	const row: Row | undefined = await db('salesflow_settings').first();
	if (!row) return;
	const seeds = initialSettings(process.env);
	current = {
		...seeds,
		...Object.fromEntries(Object.entries(row).filter(([k, v]) => k in seeds && v !== null && v !== undefined)),
		quote_validity_days: Number(row.quote_validity_days ?? seeds.quote_validity_days),
		stale_customer_days: Number(row.stale_customer_days ?? seeds.stale_customer_days),
		pool_grace_days: Number(row.pool_grace_days ?? seeds.pool_grace_days),
		contract_required_from: String(row.contract_required_from ?? seeds.contract_required_from),
		calendar_overrides: overridesOf(row.calendar_overrides),
		voucher_accounts: voucherAccountsOf(row.voucher_accounts),
	} as Settings;
}

/** A stored JSON list of overrides (string on some databases), or none. */
export function overridesOf(v: unknown): CalendarOverride[] {
	const list = typeof v === 'string' ? JSON.parse(v) : v;
	return Array.isArray(list) ? list : [];
}

/** A stored account mapping (string on some databases); one changed behind Salesflow's back that does not parse counts as none. */
export function voucherAccountsOf(v: unknown): Partial<VoucherAccounts> {
	const parsed = zVoucherAccounts.safeParse(typeof v === 'string' ? safeJson(v) : (v ?? {}));
	return parsed.success ? parsed.data : {};
}

/** JSON text parsed, or undefined when it is not JSON. */
export function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

let calendarKey = '[]';
let calendar: WorkCalendar = chinaCalendar();

/** The company's working calendar: the built-in State Council calendar with the settings' overrides on top. */
export function companyCalendar(): WorkCalendar {
	const key = JSON.stringify(current.calendar_overrides);
	if (key !== calendarKey) {
		// The overrides were checked when saved; a row changed behind Salesflow's back leaves the built-in calendar.
		try {
			calendar = chinaCalendar(current.calendar_overrides);
		} catch {
			calendar = chinaCalendar();
		}
		calendarKey = key;
	}
	return calendar;
}
