import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money';
import {
	applyAdvances,
	assertPaymentCovered,
	beforeShipmentShare,
	checkAdvance,
	checkTermLines,
	instalmentDueDate,
	instalmentState,
	invoiceDueDate,
	PAYMENT_TRIGGERS,
	rescheduleAmounts,
	termLinesAfter,
	type PaymentTrigger,
	scheduleAmounts,
	spreadPaid,
	zPaymentTermLine,
} from './payment-terms';

const m = (s: string) => parseMoney(s);
const line = (sequence: number, percent: string | number, trigger: string = 'after_acceptance', days: unknown = 0) => ({
	sequence,
	trigger,
	percent,
	days,
});
/** Lines with the given shares, sequence 1…n, through the validator. */
const terms = (...percents: string[]) => checkTermLines(percents.map((p, i) => line(i + 1, p)));
const invalidField = (field: string, message?: string) =>
	expect.objectContaining({
		code: 'INVALID_PAYLOAD',
		status: 400,
		extensions: { field },
		...(message === undefined ? {} : { message }),
	});

describe('PAYMENT_TRIGGERS', () => {
	it('lists the four triggers in order', () => {
		expect(PAYMENT_TRIGGERS).toEqual(['before_shipment', 'after_delivery', 'after_acceptance', 'after_invoice']);
	});
});

describe('zPaymentTermLine', () => {
	it('parses percent into hundredths of a percent and drops unknown keys', () => {
		expect(zPaymentTermLine.parse({ ...line(2, '33.33', 'after_invoice', 30), id: 7 })).toEqual({
			sequence: 2,
			trigger: 'after_invoice',
			percent: 3333n,
			days: 30,
		});
	});

	it.each([
		['100', 10000n],
		['0.01', 1n],
		[30, 3000n],
		['12.5', 1250n],
	])('accepts percent %j', (percent, hundredths) => {
		expect(zPaymentTermLine.parse(line(1, percent)).percent).toBe(hundredths);
	});
});

describe('checkTermLines', () => {
	it('returns the lines parsed and in sequence order', () => {
		const lines = checkTermLines([line(2, '70', 'after_acceptance', 30), line(1, '30', 'before_shipment')]);
		expect(lines).toEqual([
			{ sequence: 1, trigger: 'before_shipment', percent: 3000n, days: 0 },
			{ sequence: 2, trigger: 'after_acceptance', percent: 7000n, days: 30 },
		]);
	});

	it.each([
		['0', 'lines[0].percent: percent must be greater than 0 and at most 100, got 0.00'],
		['-5', 'lines[0].percent: percent must be greater than 0 and at most 100, got -5.00'],
		['100.01', 'lines[0].percent: percent must be greater than 0 and at most 100, got 100.01'],
		['33.333', 'lines[0].percent: percent has more than 2 decimals, got "33.333"'],
		['abc', 'lines[0].percent: percent must be a decimal number like 123.45, got "abc"'],
	])('refuses percent %s naming lines[0].percent', (percent, message) => {
		expect(() => checkTermLines([line(1, percent)])).toThrow(invalidField('lines[0].percent', message));
	});

	it('names the index of the bad line', () => {
		expect(() => checkTermLines([line(1, '50'), line(2, '-50')])).toThrow(invalidField('lines[1].percent'));
	});

	it.each([
		[{ ...line(1, '100'), sequence: 0 }, 'lines[0].sequence', 'lines[0].sequence: sequence must be a whole number ≥ 1, got 0'],
		[{ ...line(1, '100'), sequence: 1.5 }, 'lines[0].sequence', 'lines[0].sequence: sequence must be a whole number ≥ 1, got 1.5'],
		[{ ...line(1, '100'), sequence: '1' }, 'lines[0].sequence', 'lines[0].sequence: sequence must be a whole number ≥ 1, got "1"'],
		[
			line(1, '100', 'on_order'),
			'lines[0].trigger',
			'lines[0].trigger: trigger must be one of before_shipment, after_delivery, after_acceptance, after_invoice, got "on_order"',
		],
		[line(1, '100', 'after_delivery', -1), 'lines[0].days', 'lines[0].days: days must be a whole number 0–3650, got -1'],
		[line(1, '100', 'after_delivery', 3651), 'lines[0].days', 'lines[0].days: days must be a whole number 0–3650, got 3651'],
		[line(1, '100', 'after_delivery', 2.5), 'lines[0].days', 'lines[0].days: days must be a whole number 0–3650, got 2.5'],
		[
			{ sequence: 1, trigger: 'after_delivery', days: 0 },
			'lines[0].percent',
			'lines[0].percent: percent must be a decimal number (string or number)',
		],
		['30%', 'lines[0]', 'lines[0]: a payment term line must be an object with sequence, trigger, percent and days'],
	])('refuses %j as %s', (bad, field, message) => {
		expect(() => checkTermLines([bad])).toThrow(invalidField(field, message));
	});

	it.each([
		[0, 'after_delivery'],
		[3650, 'after_invoice'],
	])('accepts days %i (the bounds)', (days, trigger) => {
		expect(checkTermLines([line(1, '100', trigger, days)])[0]!.days).toBe(days);
	});

	it('refuses a sequence used twice, naming the second line', () => {
		expect(() => checkTermLines([line(1, '50'), line(1, '50')])).toThrow(
			invalidField('lines[1].sequence', 'lines[1].sequence: sequence 1 is used twice'),
		);
	});

	it.each([
		[['30', '65'], 'payment term shares add up to 95.00, not 100'],
		[['30', '70.01'], 'payment term shares add up to 100.01, not 100'],
		[['33.33', '33.33', '33.33'], 'payment term shares add up to 99.99, not 100'],
	])('refuses shares %j that do not add up to 100', (percents, message) => {
		expect(() => terms(...percents)).toThrow(invalidField('lines', message));
	});

	it.each([
		[[], 'payment terms need at least one line'],
		[null, 'lines must be a list of payment term lines, got null'],
		[{ sequence: 1 }, 'lines must be a list of payment term lines, got {"sequence":1}'],
	])('refuses lines %j', (lines, message) => {
		expect(() => checkTermLines(lines)).toThrow(invalidField('lines', message));
	});
});

describe('scheduleAmounts', () => {
	it.each([
		['1000.00', ['50', '50'], ['500.00', '500.00']],
		['0.03', ['50', '50'], ['0.02', '0.01']],
		['100.01', ['30', '70'], ['30.00', '70.01']],
		['100.00', ['33.33', '33.33', '33.34'], ['33.33', '33.33', '33.34']],
		['0.01', ['33.33', '33.33', '33.34'], ['0.00', '0.00', '0.01']],
		['0.00', ['30', '70'], ['0.00', '0.00']],
		['0.05', ['50', '50'], ['0.03', '0.02']],
		['123.45', ['100'], ['123.45']],
		['0.05', Array(10).fill('10'), ['0.01', '0.01', '0.01', '0.01', '0.01', '0.00', '0.00', '0.00', '0.00', '0.00']],
	])('%s at %j → %j', (total, percents, amounts) => {
		const schedule = scheduleAmounts(m(total), terms(...percents));
		expect(schedule.map((s) => formatMoney(s.amountFen))).toEqual(amounts);
		expect(schedule.reduce((sum, s) => sum + s.amountFen, 0n)).toBe(m(total));
	});

	it('keeps each line and orders by sequence', () => {
		const lines = checkTermLines([line(2, '70', 'after_acceptance', 30), line(1, '30', 'before_shipment')]);
		expect(scheduleAmounts(m('1000'), [...lines].reverse())).toEqual([
			{ sequence: 1, trigger: 'before_shipment', percent: 3000n, days: 0, amountFen: m('300') },
			{ sequence: 2, trigger: 'after_acceptance', percent: 7000n, days: 30, amountFen: m('700') },
		]);
	});

	it('refuses a negative total', () => {
		expect(() => scheduleAmounts(m('-0.01'), terms('100'))).toThrow(invalidField('total', 'total must not be negative, got -0.01'));
	});

	it('refuses lines whose shares do not add up to 100', () => {
		expect(() => scheduleAmounts(m('10'), [])).toThrow(invalidField('lines', 'payment term shares add up to 0.00, not 100'));
	});
});

describe('instalmentDueDate', () => {
	const events = { shipment_issued: '2026-03-01', delivered: '2026-03-05', accepted: '2026-03-20', invoice_issued: '2026-03-31' };

	it.each([
		['after_delivery', 0, '2026-03-05'],
		['after_delivery', 10, '2026-03-15'],
		['after_acceptance', 30, '2026-04-19'],
		['after_invoice', 1, '2026-04-01'],
		['after_invoice', 365, '2027-03-31'],
	] as Array<[PaymentTrigger, number, string]>)('%s + %i days → %s', (trigger, days, due) => {
		expect(instalmentDueDate({ trigger, days }, events)).toBe(due);
	});

	it('counts a before-shipment instalment from the confirmation', () => {
		expect(instalmentDueDate({ trigger: 'before_shipment', days: 5 }, events)).toBeNull();
		expect(instalmentDueDate({ trigger: 'before_shipment', days: 5 }, { ...events, confirmed: '2026-02-27' })).toBe('2026-03-04');
	});

	it.each(PAYMENT_TRIGGERS)('is null while %s has not happened', (trigger) => {
		expect(instalmentDueDate({ trigger, days: 30 }, {})).toBeNull();
	});

	it('refuses a bad event date naming the event', () => {
		expect(() => instalmentDueDate({ trigger: 'after_acceptance', days: 1 }, { accepted: '2026-02-30' })).toThrow(invalidField('accepted'));
	});
});

describe('beforeShipmentShare', () => {
	it('adds up the before-shipment instalments only', () => {
		const schedule = scheduleAmounts(
			m('1000.00'),
			checkTermLines([line(1, '20', 'before_shipment'), line(2, '10', 'before_shipment'), line(3, '70', 'after_acceptance', 30)]),
		);
		expect(formatMoney(beforeShipmentShare(schedule))).toBe('300.00');
	});

	it.each([
		['an empty schedule', []],
		['only later instalments', [{ trigger: 'after_delivery' as const, amountFen: 500n }]],
	])('is 0 for %s', (_, schedule) => {
		expect(beforeShipmentShare(schedule)).toBe(0n);
	});
});

describe('assertPaymentCovered', () => {
	it.each([
		['300.00', '300.00'],
		['300.00', '300.01'],
		['0.00', '0.00'],
	])('lets the goods go when %s is required and %s covered', (required, covered) => {
		expect(() => assertPaymentCovered({ order: 'SO-1', requiredFen: m(required), coveredFen: m(covered) })).not.toThrow();
	});

	it.each([
		['300.00', '100.00', '200.00'],
		['300.00', '299.99', '0.01'],
		['123.45', '0.00', '123.45'],
	])('refuses when %s is required and %s covered (missing %s)', (required, covered, missing) => {
		expect(() => assertPaymentCovered({ order: 'SO-2026-0001', requiredFen: m(required), coveredFen: m(covered) })).toThrow(
			expect.objectContaining({
				code: 'PAYMENT_REQUIRED',
				status: 409,
				message: `SO-2026-0001: ${required} must be paid before shipment, ${covered} covered, ${missing} missing`,
				extensions: { required, covered, missing },
			}),
		);
	});
});

describe('applyAdvances', () => {
	const advances = [
		{ id: 1, freeFen: m('100') },
		{ id: 2, freeFen: m('0') },
		{ id: 3, freeFen: m('50') },
	];

	it.each([
		['30', [[1, '30.00']]],
		['100', [[1, '100.00']]],
		[
			'120',
			[
				[1, '100.00'],
				[3, '20.00'],
			],
		],
		[
			'150',
			[
				[1, '100.00'],
				[3, '50.00'],
			],
		],
		[
			'500',
			[
				[1, '100.00'],
				[3, '50.00'],
			],
		],
		['0', []],
		['-10', []],
	])('open %s takes oldest first: %j', (open, expected) => {
		expect(applyAdvances(advances, m(open)).map((a) => [a.id, formatMoney(a.amountFen)])).toEqual(expected);
	});

	it('applies nothing without advances', () => {
		expect(applyAdvances([], m('10'))).toEqual([]);
	});

	it('skips an advance with a negative free amount', () => {
		expect(
			applyAdvances(
				[
					{ id: 'a', freeFen: m('-5') },
					{ id: 'b', freeFen: m('5') },
				],
				m('10'),
			),
		).toEqual([{ id: 'b', amountFen: m('5') }]);
	});
});

describe('spreadPaid', () => {
	const schedule = [
		{ sequence: 2, amountFen: m('700') },
		{ sequence: 1, amountFen: m('300') },
	];

	it.each([
		['0', ['0.00', '0.00']],
		['100', ['100.00', '0.00']],
		['300', ['300.00', '0.00']],
		['300.01', ['300.00', '0.01']],
		['1000', ['300.00', '700.00']],
		['1200', ['300.00', '700.00']],
		['-50', ['0.00', '0.00']],
	])('paid %s → %j in sequence order', (paid, expected) => {
		const spread = spreadPaid(schedule, m(paid));
		expect(spread.map((s) => s.sequence)).toEqual([1, 2]);
		expect(spread.map((s) => formatMoney(s.paidFen))).toEqual(expected);
	});

	it('keeps the instalments’ own fields', () => {
		expect(spreadPaid([{ sequence: 1, amountFen: 5n, trigger: 'after_invoice' }], 3n)).toEqual([
			{ sequence: 1, amountFen: 5n, trigger: 'after_invoice', paidFen: 3n },
		]);
	});

	it('spreads over no instalments to nothing', () => {
		expect(spreadPaid([], m('10'))).toEqual([]);
	});
});

describe('checkAdvance', () => {
	const base = { receipt: 'RC-7', order: 'SO-9', receiptFreeFen: m('500'), orderTotalFen: m('1000'), orderAdvancedFen: m('600') };

	it.each([['0.01'], ['400.00']])('accepts %s within the receipt and the order', (amount) => {
		expect(() => checkAdvance({ ...base, amountFen: m(amount) })).not.toThrow();
	});

	it('refuses more than the receipt has free', () => {
		expect(() => checkAdvance({ ...base, orderAdvancedFen: 0n, amountFen: m('500.01') })).toThrow(
			expect.objectContaining({
				code: 'OVER_ALLOCATION',
				status: 409,
				message: 'RC-7: free 500.00, requested 500.01 for SO-9',
				extensions: { receipt: 'RC-7', free: '500.00', requested: '500.01' },
			}),
		);
	});

	it('refuses more than the order still lacks', () => {
		expect(() => checkAdvance({ ...base, amountFen: m('400.01') })).toThrow(
			expect.objectContaining({
				code: 'OVER_ALLOCATION',
				status: 409,
				message: 'SO-9: total 1000.00, already advanced 600.00, still open 400.00, requested 400.01 from RC-7',
				extensions: { order: 'SO-9', total: '1000.00', advanced: '600.00', open: '400.00', requested: '400.01' },
			}),
		);
	});

	it('refuses any advance to an order already advanced beyond its total', () => {
		expect(() => checkAdvance({ ...base, orderAdvancedFen: m('1200'), amountFen: m('0.01') })).toThrow(
			expect.objectContaining({ code: 'OVER_ALLOCATION', extensions: expect.objectContaining({ open: '0.00' }) }),
		);
	});

	it.each([['0.00'], ['-1.00']])('refuses amount %s as bad input', (amount) => {
		expect(() => checkAdvance({ ...base, amountFen: m(amount) })).toThrow(
			invalidField('amount', `amount must be greater than 0, got ${amount}`),
		);
	});
});

describe('rescheduleAmounts', () => {
	const schedule = (total: string, percents: string[], paid: string[]) =>
		scheduleAmounts(m(total), terms(...percents)).map((s, i) => ({ ...s, paidFen: m(paid[i] ?? '0') }));
	const amounts = (rows: Array<{ amountFen: bigint }>) => rows.map((r) => formatMoney(r.amountFen));

	it('spreads a new total by the shares when nothing is paid', () => {
		expect(amounts(rescheduleAmounts(m('2000.00'), schedule('1000.00', ['30', '70'], [])))).toEqual(['600.00', '1400.00']);
	});

	it('keeps an instalment paid in full and spreads the rest over the open ones', () => {
		const rows = rescheduleAmounts(m('1500.00'), schedule('1000.00', ['30', '30', '40'], ['300.00']));
		expect(amounts(rows)).toEqual(['300.00', '514.29', '685.71']);
		expect(rows.reduce((s, r) => s + r.amountFen, 0n)).toBe(m('1500.00'));
	});

	it('treats a partly paid instalment as open', () => {
		expect(amounts(rescheduleAmounts(m('0.03'), schedule('1000.00', ['50', '50'], ['100.00'])))).toEqual(['0.02', '0.01']);
	});

	it('leaves the open ones at 0 when the total drops below what was paid in full', () => {
		expect(amounts(rescheduleAmounts(m('200.00'), schedule('1000.00', ['30', '70'], ['300.00'])))).toEqual(['300.00', '0.00']);
	});

	it('refuses a negative total', () => {
		expect(() => rescheduleAmounts(m('-1'), schedule('1', ['100'], []))).toThrow(invalidField('total'));
	});
});

describe('termLinesAfter', () => {
	const existing = [
		{ id: 1, sequence: 1, trigger: 'before_shipment', percent: '30.00', days: 0 },
		{ id: 2, sequence: 2, trigger: 'after_acceptance', percent: '70.00', days: 30 },
	];
	const percents = (lines: Array<Record<string, unknown>>) => lines.map((l) => String(l.percent));

	it('takes a list as the whole set: ids kept and updated, new rows added, the rest gone', () => {
		const after = termLinesAfter(existing, [
			1,
			{ id: 2, percent: '20' },
			{ sequence: 3, trigger: 'after_invoice', percent: '50', days: 0 },
		]);
		expect(percents(after)).toEqual(['30.00', '20', '50']);
		expect(after[1]).toMatchObject({ id: 2, sequence: 2, days: 30 });
		expect(percents(termLinesAfter(existing, [{ id: 1 }]))).toEqual(['30.00']);
	});

	it('applies { create, update, delete } to the existing lines', () => {
		const after = termLinesAfter(existing, {
			create: [{ sequence: 3, trigger: 'after_invoice', percent: '10', days: 0 }],
			update: [{ id: 2, percent: '60' }],
			delete: [],
		});
		expect(percents(after)).toEqual(['30.00', '60', '10']);
		expect(percents(termLinesAfter(existing, { delete: [1] }))).toEqual(['70.00']);
		expect(checkTermLines(termLinesAfter(existing, { update: [{ id: 1, days: 5 }] }))[0]!.days).toBe(5);
	});

	it.each([
		[[9], 'line 9 is not a line of this payment term'],
		[{ update: [{ id: 9, percent: '1' }] }, 'line 9 is not a line of this payment term'],
		[{ delete: [{ id: 9 }] }, 'line 9 is not a line of this payment term'],
		[{ create: 'x' }, 'lines.create, lines.update and lines.delete must be lists'],
		[{ create: [7] }, 'a new line must be an object, got 7'],
		['30%', 'lines must be a list of payment term lines, got "30%"'],
	])('refuses %j', (write, message) => {
		expect(() => termLinesAfter(existing, write)).toThrow(invalidField('lines', message));
	});
});

describe('invoiceDueDate', () => {
	const row = (trigger: PaymentTrigger, dueDate: string | null, amount = '100.00', paid = '0') => ({
		trigger,
		dueDate,
		amountFen: m(amount),
		paidFen: m(paid),
	});

	it('is the earliest dated instalment payable after shipment that is still open', () => {
		expect(invoiceDueDate([row('before_shipment', '2026-03-01'), row('after_acceptance', '2026-05-01')])).toBe('2026-05-01');
		expect(invoiceDueDate([row('after_delivery', '2026-04-01', '30', '30'), row('after_invoice', '2026-04-20')])).toBe('2026-04-20');
		expect(invoiceDueDate([row('after_delivery', '2026-04-01'), row('after_acceptance', null)])).toBe('2026-04-01');
	});

	it('is null while the open instalments wait for their trigger', () => {
		expect(invoiceDueDate([row('before_shipment', '2026-03-01'), row('after_acceptance', null)])).toBeNull();
	});

	it('takes the before-shipment instalments when there are only those, and all once everything is paid', () => {
		expect(invoiceDueDate([row('before_shipment', '2026-03-01')])).toBe('2026-03-01');
		expect(invoiceDueDate([row('after_invoice', '2026-04-20', '1', '1'), row('after_delivery', '2026-04-02', '1', '1')])).toBe(
			'2026-04-02',
		);
	});
});

describe('instalmentState', () => {
	it.each([
		['100.00', '0', 'unpaid'],
		['100.00', '0.01', 'partially_paid'],
		['100.00', '100.00', 'paid'],
		['100.00', '120.00', 'paid'],
		['0.00', '0', 'paid'],
	])('%s with %s paid is %s', (amount, paid, state) => {
		expect(instalmentState(m(amount), m(paid))).toBe(state);
	});
});
