import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney, splitTax, sumMoney } from '../money';
import { assertBalanced, DEFAULT_ACCOUNTS, type VoucherInvoice, type VoucherReceipt, voucherLines } from './vouchers';

const blue = (over: Partial<VoucherInvoice> = {}): VoucherInvoice => ({
	number: 'INV-2025-000001',
	direction: 'blue',
	date: '2025-01-05',
	customer: '深圳某某科技有限公司',
	amount_excl: '200.00',
	tax: '26.00',
	total: '226.00',
	...over,
});

const red = (over: Partial<VoucherInvoice> = {}) =>
	blue({ number: 'INV-2025-000002', direction: 'red', amount_excl: '-100.00', tax: '-13.00', total: '-113.00', ...over });

const receipt = (over: Partial<VoucherReceipt> = {}): VoucherReceipt => ({
	number: 'RC-2025-000001',
	date: '2025-01-06',
	customer: '深圳某某科技有限公司',
	amount: '113.00',
	...over,
});

/** account, debit, credit of each row. */
const postings = (lines: ReturnType<typeof voucherLines>) => lines.map((l) => [l.account, l.debit, l.credit]);

describe('voucherLines', () => {
	it('a blue invoice: Dr receivable total, Cr revenue and output VAT', () => {
		expect(voucherLines({ invoices: [blue()] })).toEqual([
			{
				voucher: 'INV-2025-000001',
				date: '2025-01-05',
				summary: '销售开票 INV-2025-000001 深圳某某科技有限公司',
				account: '1122',
				customer: '深圳某某科技有限公司',
				debit: '226.00',
				credit: '0.00',
			},
			{
				voucher: 'INV-2025-000001',
				date: '2025-01-05',
				summary: '销售开票 INV-2025-000001 深圳某某科技有限公司',
				account: '6001',
				customer: '深圳某某科技有限公司',
				debit: '0.00',
				credit: '200.00',
			},
			{
				voucher: 'INV-2025-000001',
				date: '2025-01-05',
				summary: '销售开票 INV-2025-000001 深圳某某科技有限公司',
				account: '22210106',
				customer: '深圳某某科技有限公司',
				debit: '0.00',
				credit: '26.00',
			},
		]);
	});

	it('a red invoice posts the same sides with negative amounts', () => {
		const lines = voucherLines({ invoices: [red()] });
		expect(postings(lines)).toEqual([
			['1122', '-113.00', '0.00'],
			['6001', '0.00', '-100.00'],
			['22210106', '0.00', '-13.00'],
		]);
		expect(lines[0]!.summary).toBe('红字发票 INV-2025-000002 深圳某某科技有限公司');
	});

	it('a receipt: Dr bank, Cr receivable', () => {
		const lines = voucherLines({ receipts: [receipt()] });
		expect(postings(lines)).toEqual([
			['1002', '113.00', '0.00'],
			['1122', '0.00', '113.00'],
		]);
		expect(lines.map((l) => [l.voucher, l.date, l.summary])).toEqual([
			['RC-2025-000001', '2025-01-06', '收款 RC-2025-000001 深圳某某科技有限公司'],
			['RC-2025-000001', '2025-01-06', '收款 RC-2025-000001 深圳某某科技有限公司'],
		]);
	});

	it('uses the accounts given, the defaults for the rest', () => {
		const lines = voucherLines({ invoices: [blue()], receipts: [receipt()] }, { receivable: '112201', bank: '100201' });
		expect(lines.map((l) => l.account)).toEqual(['112201', '6001', '22210106', '100201', '112201']);
		expect(DEFAULT_ACCOUNTS).toEqual({ receivable: '1122', revenue: '6001', outputVat: '22210106', bank: '1002' });
	});

	it('orders vouchers by date, then document number', () => {
		const lines = voucherLines({
			invoices: [blue({ number: 'INV-2025-000009', date: '2025-01-07' }), blue({ number: 'INV-2025-000010', date: '2025-01-05' })],
			receipts: [receipt({ date: '2025-01-05' }), receipt({ number: 'RC-2025-000002', date: '2025-01-01' })],
		});
		expect([...new Set(lines.map((l) => l.voucher))]).toEqual(['RC-2025-000002', 'INV-2025-000010', 'RC-2025-000001', 'INV-2025-000009']);
	});

	it.each([
		[
			'a 0 % invoice has no VAT line',
			{ invoices: [blue({ amount_excl: '226.00', tax: '0', total: '226.00' })] },
			[
				['1122', '226.00', '0.00'],
				['6001', '0.00', '226.00'],
			],
		],
		['a zero invoice has no lines', { invoices: [blue({ amount_excl: '0', tax: '0', total: '0' })] }, []],
		['a zero receipt has no lines', { receipts: [receipt({ amount: 0 })] }, []],
		[
			'a refund (negative receipt) reverses on the same sides',
			{ receipts: [receipt({ amount: '-50.00' })] },
			[
				['1002', '-50.00', '0.00'],
				['1122', '0.00', '-50.00'],
			],
		],
		[
			'amounts read from numbers',
			{ invoices: [blue({ amount_excl: 200, tax: 26, total: 226 })] },
			[
				['1122', '226.00', '0.00'],
				['6001', '0.00', '200.00'],
				['22210106', '0.00', '26.00'],
			],
		],
		[
			'float noise rounds half away from zero',
			{ receipts: [receipt({ amount: '0.005' })] },
			[
				['1002', '0.01', '0.00'],
				['1122', '0.00', '0.01'],
			],
		],
		['nothing', {}, []],
	])('%s', (_, docs, expected) => {
		expect(postings(voucherLines(docs))).toEqual(expected);
	});

	it.each([
		[
			'a blue invoice with negative amounts',
			{ invoices: [blue({ amount_excl: '-200.00', tax: '-26.00', total: '-226.00' })] },
			'total',
			"INV-2025-000001: a blue invoice's amounts must be positive or 0, got -200.00 + -26.00 = -226.00",
		],
		[
			'a red invoice with positive amounts',
			{ invoices: [red({ amount_excl: '100.00', tax: '13.00', total: '113.00' })] },
			'total',
			"INV-2025-000002: a red invoice's amounts must be negative or 0, got 100.00 + 13.00 = 113.00",
		],
		[
			'amounts that do not add up',
			{ invoices: [blue({ tax: '26.01' })] },
			'total',
			'INV-2025-000001: amount_excl 200.00 + tax 26.01 is not total 226.00',
		],
		['a bad amount', { invoices: [blue({ tax: 'x' })] }, 'tax', 'INV-2025-000001: tax must be a decimal number like 123.45, got "x"'],
		[
			'a bad receipt amount',
			{ receipts: [receipt({ amount: '' })] },
			'amount',
			'RC-2025-000001: amount must be a decimal number like 123.45, got ""',
		],
		[
			'a bad date',
			{ receipts: [receipt({ date: '2025-02-30' })] },
			'date',
			'RC-2025-000001: date must be a date YYYY-MM-DD, got "2025-02-30"',
		],
	])('refuses %s', (_, docs, field, message) => {
		expect(() => voucherLines(docs)).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, message, extensions: { field } }),
		);
	});

	it('refuses an empty account code, naming it', () => {
		expect(() => voucherLines({ invoices: [blue()] }, { outputVat: ' ' })).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				message: 'accounts.outputVat must be an account code, got " "',
				extensions: { field: 'accounts.outputVat' },
			}),
		);
	});
});

describe('assertBalanced', () => {
	const row = (voucher: string, debit: string, credit: string) => ({ voucher, debit, credit });

	it.each([
		['no lines', []],
		['one balanced voucher', [row('A', '1.00', '0.00'), row('A', '0.00', '0.60'), row('A', '0.00', '0.40')]],
		['negative (red) amounts', [row('A', '-1.13', '0.00'), row('A', '0.00', '-1.00'), row('A', '0.00', '-0.13')]],
		['vouchers interleaved', [row('A', '1.00', '0'), row('B', '2.00', '0'), row('B', '0', '2.00'), row('A', '0', '1.00')]],
	])('accepts %s', (_, lines) => {
		expect(() => assertBalanced(lines)).not.toThrow();
	});

	it.each([
		['off by a fen', [row('A', '1.00', '0.00'), row('A', '0.00', '0.99')], 'voucher A: debits 1.00, credits 0.99'],
		['balanced overall but not per voucher', [row('A', '1.00', '0.00'), row('B', '0.00', '1.00')], 'voucher A: debits 1.00, credits 0.00'],
	])('refuses %s with 409 VOUCHER_UNBALANCED', (_, lines, message) => {
		expect(() => assertBalanced(lines)).toThrow(expect.objectContaining({ code: 'VOUCHER_UNBALANCED', status: 409, message }));
	});

	it('names the sums in the extensions', () => {
		expect(() => assertBalanced([row('INV-1', '2.00', '1.50')])).toThrow(
			expect.objectContaining({ extensions: { voucher: 'INV-1', debit: '2.00', credit: '1.50' } }),
		);
	});

	it('refuses a line that is not money, naming the voucher', () => {
		expect(() => assertBalanced([row('A', 'x', '0')])).toThrow(
			expect.objectContaining({
				code: 'INVALID_PAYLOAD',
				message: 'A: debit must be a decimal number like 123.45, got "x"',
				extensions: { field: 'debit' },
			}),
		);
	});
});

describe('vouchers of many generated documents', () => {
	/** A fixed-seed generator (mulberry32), so a failure reproduces. */
	function random(seed: number) {
		let s = seed;
		return (below: number) => {
			s = (s + 0x6d2b79f5) | 0;
			let t = Math.imul(s ^ (s >>> 15), 1 | s);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) % below;
		};
	}
	const RATES = [0n, 100n, 300n, 600n, 900n, 1300n];

	it('balance per voucher, and receivable moves by invoiced − received', () => {
		const next = random(20250105);
		const invoices: VoucherInvoice[] = Array.from({ length: 500 }, (_, i) => {
			const sign = next(4) === 0 ? -1n : 1n;
			const total = sign * BigInt(next(100_000_000)); // up to a million yuan, any fen
			const { excl, tax } = splitTax(total, RATES[next(RATES.length)]!);
			return {
				number: `INV-2025-${String(i + 1).padStart(6, '0')}`,
				direction: sign < 0n ? 'red' : 'blue',
				date: `2025-01-${String(1 + next(31)).padStart(2, '0')}`,
				customer: `客户${next(20)}`,
				amount_excl: formatMoney(excl),
				tax: formatMoney(tax),
				total: formatMoney(total),
			};
		});
		const receipts: VoucherReceipt[] = Array.from({ length: 300 }, (_, i) => ({
			number: `RC-2025-${String(i + 1).padStart(6, '0')}`,
			date: `2025-01-${String(1 + next(31)).padStart(2, '0')}`,
			customer: `客户${next(20)}`,
			amount: formatMoney(BigInt(next(50_000_000))),
		}));
		const lines = voucherLines({ invoices, receipts });
		expect(() => assertBalanced(lines)).not.toThrow();
		const receivable = sumMoney(lines.filter((l) => l.account === '1122').map((l) => parseMoney(l.debit) - parseMoney(l.credit)));
		const invoiced = sumMoney(invoices.map((i) => parseMoney(i.total)));
		const received = sumMoney(receipts.map((r) => parseMoney(r.amount)));
		expect(receivable).toBe(invoiced - received);
		expect(lines.map((l) => l.date)).toEqual(lines.map((l) => l.date).sort());
	});
});
