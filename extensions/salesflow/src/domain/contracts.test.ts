import { describe, expect, it } from 'vitest';
import { checkAmendment, checkCallOff, checkFrameworkAmendment, checkFrameworkCallOff, contractAmountFromLines } from './contracts';
import { formatMoney, parseMoney, parseQty } from './money';

const q = (s: string) => parseQty(s);
const m = (s: string) => parseMoney(s);
const mismatch = (message: string, extensions?: Record<string, unknown>) =>
	expect.objectContaining({ code: 'CONTRACT_MISMATCH', status: 409, message, ...(extensions ? { extensions } : {}) });

describe('contractAmountFromLines', () => {
	it.each([
		['no lines', '0.00', []],
		['one line', '60.00', [['6', '10.00']]],
		[
			'lines each rounded to the fen before adding',
			'0.02',
			[
				['0.005', '1.00'],
				['0.005', '1.00'],
			],
		],
		[
			'two lines',
			'250.01',
			[
				['2.5', '100.00'],
				['1', '0.01'],
			],
		],
	] as Array<[string, string, Array<[string, string]>]>)('%s → %s', (_, amount, lines) => {
		const amountFen = contractAmountFromLines(lines.map(([qty, price]) => ({ quantityMilli: q(qty), unitPriceFen: m(price) })));
		expect(formatMoney(amountFen)).toBe(amount);
	});
});

describe('checkCallOff', () => {
	const contractLines = [
		{ product: 1, sku: 'SKU-001', quantityMilli: q('6'), unitPriceFen: m('10.00') },
		{ product: 2, sku: 'SKU-002', quantityMilli: q('2'), unitPriceFen: m('50.00') },
		{ product: 2, sku: 'SKU-002', quantityMilli: q('3'), unitPriceFen: m('45.00') },
	];
	const orderLine = (index: number, product: number, qty: string, price: string) => ({
		index,
		product,
		sku: `SKU-00${product}`,
		quantityMilli: q(qty),
		unitPriceFen: m(price),
	});
	const callOff = (order: ReturnType<typeof orderLine>[], takenElsewhere = new Map<number, bigint>()) =>
		checkCallOff({ contract: 'HT-2026-001', lines: contractLines, takenElsewhere, order });

	it.each([
		['within quantity and price', [orderLine(1, 1, '3', '10.00')], new Map([[1, q('3')]])],
		[
			'exactly the contracted quantity across orders',
			[orderLine(1, 1, '2', '10.00'), orderLine(2, 1, '1', '12.00')],
			new Map([[1, q('3')]]),
		],
		['a product on several lines: quantities add up', [orderLine(1, 2, '5', '45.00')], new Map()],
		['the lowest of several prices is the floor', [orderLine(1, 2, '1', '45.00')], new Map()],
		['no lines', [], new Map()],
	])('accepts %s', (_, order, elsewhere) => {
		expect(() => callOff(order, elsewhere)).not.toThrow();
	});

	it('refuses a product the contract does not have', () => {
		expect(() => callOff([orderLine(1, 1, '1', '10.00'), orderLine(2, 9, '1', '99.00')])).toThrow(
			mismatch('line 2 SKU-009: not on contract HT-2026-001', { contract: 'HT-2026-001', line: 2, sku: 'SKU-009' }),
		);
	});

	it('counts all lines of a product in this order plus other open orders', () => {
		expect(() => callOff([orderLine(1, 1, '2', '10.00'), orderLine(2, 1, '2', '10.00')], new Map([[1, q('3')]]))).toThrow(
			mismatch('line 2 SKU-001: this order 4 + other open orders 3 > contracted 6', {
				contract: 'HT-2026-001',
				line: 2,
				sku: 'SKU-001',
				this_order: '4',
				other_open_orders: '3',
				contracted: '6',
			}),
		);
	});

	it.each([
		[
			'one thousandth over',
			[orderLine(1, 1, '6.001', '10.00')],
			new Map(),
			'line 1 SKU-001: this order 6.001 + other open orders 0 > contracted 6',
		],
		[
			'the line where the total goes over',
			[orderLine(1, 1, '4', '10.00'), orderLine(2, 2, '1', '50.00'), orderLine(3, 1, '1.5', '10.00')],
			new Map([[1, q('1')]]),
			'line 3 SKU-001: this order 5.5 + other open orders 1 > contracted 6',
		],
		[
			'other orders already over',
			[orderLine(1, 1, '0.5', '10.00'), orderLine(2, 1, '1', '10.00')],
			new Map([[1, q('7')]]),
			'line 1 SKU-001: this order 1.5 + other open orders 7 > contracted 6',
		],
		[
			'a product summed over its contract lines',
			[orderLine(1, 2, '5.5', '50.00')],
			new Map(),
			'line 1 SKU-002: this order 5.5 + other open orders 0 > contracted 5',
		],
	])('refuses quantity: %s', (_, order, elsewhere, message) => {
		expect(() => callOff(order, elsewhere)).toThrow(mismatch(message));
	});

	it.each([
		[1, '9.99', 'line 1 SKU-001: unit price 9.99 below contract price 10.00', '9.99', '10.00'],
		[2, '44.99', 'line 1 SKU-002: unit price 44.99 below contract price 45.00', '44.99', '45.00'],
		[1, '0.00', 'line 1 SKU-001: unit price 0.00 below contract price 10.00', '0.00', '10.00'],
	])('refuses product %i at %s', (product, price, message, unitPrice, contractPrice) => {
		expect(() => callOff([orderLine(1, product, '1', price)])).toThrow(
			mismatch(message, {
				contract: 'HT-2026-001',
				line: 1,
				sku: `SKU-00${product}`,
				unit_price: unitPrice,
				contract_price: contractPrice,
			}),
		);
	});

	it('names the first offending line in order', () => {
		expect(() => callOff([orderLine(1, 1, '1', '9.00'), orderLine(2, 9, '1', '1.00')])).toThrow(
			mismatch('line 1 SKU-001: unit price 9.00 below contract price 10.00'),
		);
	});

	it('uses the 1-based index the order line carries', () => {
		expect(() => callOff([orderLine(7, 9, '1', '1.00')])).toThrow(mismatch('line 7 SKU-009: not on contract HT-2026-001'));
	});
});

describe('checkFrameworkCallOff', () => {
	const framework = (order: string, elsewhere: string) =>
		checkFrameworkCallOff({ contract: 'KJ-2026-003', amountFen: m('1000.00'), orderedElsewhereFen: m(elsewhere), orderFen: m(order) });

	it.each([
		['200.00', '800.00'],
		['0.00', '0.00'],
		['1000.00', '0.00'],
	])('accepts this order %s with %s elsewhere', (order, elsewhere) => {
		expect(() => framework(order, elsewhere)).not.toThrow();
	});

	it.each([
		['200.01', '800.00'],
		['1000.01', '0.00'],
		['0.01', '1000.00'],
	])('refuses this order %s with %s elsewhere', (order, elsewhere) => {
		expect(() => framework(order, elsewhere)).toThrow(
			mismatch(`framework contract KJ-2026-003: this order ${order} + other orders ${elsewhere} > contract amount 1000.00`, {
				contract: 'KJ-2026-003',
				this_order: order,
				other_orders: elsewhere,
				contract_amount: '1000.00',
			}),
		);
	});
});

describe('checkAmendment', () => {
	const amend = (newLines: Array<[number, string]>, taken: Array<[number, string]>) =>
		checkAmendment({
			contract: 'HT-2026-001',
			newLines: newLines.map(([product, qty]) => ({ product, sku: `SKU-00${product}`, quantityMilli: q(qty) })),
			takenByOpenOrders: new Map(taken.map(([product, qty]) => [product, q(qty)])),
		});

	it.each([
		['a cut down to what open orders take', [[1, '3']], [[1, '3']]],
		[
			'a product split over two lines',
			[
				[1, '2'],
				[1, '1'],
			],
			[[1, '3']],
		],
		[
			'removing a product no open order takes',
			[[1, '3']],
			[
				[1, '3'],
				[2, '0'],
			],
		],
		['no open orders', [], []],
	] as Array<[string, Array<[number, string]>, Array<[number, string]>]>)('accepts %s', (_, newLines, taken) => {
		expect(() => amend(newLines, taken)).not.toThrow();
	});

	it('refuses a cut below what open orders take', () => {
		expect(() => amend([[1, '2.5']], [[1, '3']])).toThrow(
			mismatch('HT-2026-001 SKU-001: amended to 2.5, open orders already take 3', {
				contract: 'HT-2026-001',
				product: 1,
				sku: 'SKU-001',
				amended: '2.5',
				open_orders: '3',
			}),
		);
	});

	it('refuses removing a product open orders take', () => {
		expect(() =>
			amend(
				[[1, '3']],
				[
					[1, '3'],
					[2, '0.001'],
				],
			),
		).toThrow(
			mismatch('HT-2026-001 product 2: removed, open orders already take 0.001', {
				contract: 'HT-2026-001',
				product: 2,
				sku: null,
				amended: '0',
				open_orders: '0.001',
			}),
		);
	});
});

describe('checkAmendment: prices and removed lines', () => {
	const amend = (newLines: Array<[number, string, string]>, open: Array<[number, string, string]>) =>
		checkAmendment({
			contract: 'HT-2026-002',
			newLines: newLines.map(([product, qty, price]) => ({
				product,
				sku: `SKU-00${product}`,
				quantityMilli: q(qty),
				unitPriceFen: m(price),
			})),
			takenByOpenOrders: new Map(open.map(([product, qty]) => [product, q(qty)])),
			lowestOpenPrice: new Map(open.map(([product, , price]) => [product, m(price)])),
			skus: new Map([[2, 'SKU-002']]),
		});

	it.each([
		['a price raised to what open orders pay', [[1, '5', '110.00']], [[1, '3', '110.00']]],
		['a price lowered', [[1, '5', '90.00']], [[1, '3', '110.00']]],
		['a price raised on a product no open order takes', [[1, '5', '500.00']], [[1, '0', '100.00']]],
		[
			'a second, dearer line of a product (the contract price is the lowest)',
			[
				[1, '3', '100.00'],
				[1, '2', '150.00'],
			],
			[[1, '5', '100.00']],
		],
	] as Array<[string, Array<[number, string, string]>, Array<[number, string, string]>]>)('accepts %s', (_, newLines, open) => {
		expect(() => amend(newLines, open)).not.toThrow();
	});

	it('refuses a price raised above what an open order pays, with the numbers', () => {
		expect(() => amend([[1, '5', '110.01']], [[1, '3', '110.00']])).toThrow(
			mismatch('HT-2026-002 SKU-001: contract price amended to 110.01, above what open orders pay (110.00)', {
				contract: 'HT-2026-002',
				product: 1,
				sku: 'SKU-001',
				contract_price: '110.01',
				open_order_price: '110.00',
			}),
		);
	});

	it('names a removed line still taken by its SKU', () => {
		expect(() =>
			amend(
				[[1, '5', '100.00']],
				[
					[1, '1', '100.00'],
					[2, '2', '50.00'],
				],
			),
		).toThrow(mismatch('HT-2026-002 SKU-002: removed, open orders already take 2'));
	});

	it('checks quantities before prices', () => {
		expect(() => amend([[1, '2', '200.00']], [[1, '3', '100.00']])).toThrow(
			mismatch('HT-2026-002 SKU-001: amended to 2, open orders already take 3'),
		);
	});
});

describe('checkFrameworkAmendment', () => {
	const frame = (amount: string, open: string) =>
		checkFrameworkAmendment({ contract: 'KJ-2026-004', newAmountFen: m(amount), openOrdersFen: m(open) });

	it.each([
		['500.00', '500.00'],
		['2000.00', '0.00'],
	])('accepts %s with open orders %s', (amount, open) => {
		expect(() => frame(amount, open)).not.toThrow();
	});

	it('refuses an amount below the open orders, with the numbers', () => {
		expect(() => frame('499.99', '500.00')).toThrow(
			mismatch('framework contract KJ-2026-004: amended to 499.99, open orders already total 500.00', {
				contract: 'KJ-2026-004',
				amended: '499.99',
				open_orders: '500.00',
			}),
		);
	});
});
