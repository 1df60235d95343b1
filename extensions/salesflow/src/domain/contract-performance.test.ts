import { describe, expect, it } from 'vitest';
import { thrown } from '../../../../test/support/thrown';
import { checkContractCovered, checkPerformed, receivedShare } from './contract-performance';

const order = { order: 'SO-2026-000001', totalFen: 50_000n };

describe('checkContractCovered', () => {
	it('passes a signed contract, at any amount and threshold', () => {
		for (const requiredFromFen of [0n, 1n, 10_000_000n])
			expect(() => checkContractCovered({ ...order, requiredFromFen, contract: { number: 'CT-1', status: 'signed' } })).not.toThrow();
	});

	it('with threshold 0 every order needs one, whatever its total', () => {
		for (const totalFen of [0n, 1n, 50_000n]) {
			const e = thrown(() => checkContractCovered({ ...order, totalFen, requiredFromFen: 0n, contract: null }));
			expect([e.code, e.status]).toEqual(['CONTRACT_REQUIRED', 409]);
			expect(e.message).toContain('every order needs one');
		}
	});

	it('an order below the threshold needs none; at it or above it does', () => {
		expect(() => checkContractCovered({ ...order, totalFen: 49_999n, requiredFromFen: 50_000n, contract: null })).not.toThrow();
		const at = thrown(() => checkContractCovered({ ...order, requiredFromFen: 50_000n, contract: null }));
		expect(at.extensions).toMatchObject({ order: 'SO-2026-000001', total: '500.00', contract_required_from: '500.00', contract: null });
		expect(at.message).toBe(
			'SO-2026-000001 (total 500.00) cannot be delivered: it has no contract; a signed contract must cover it before delivery (orders from 500.00 need one)',
		);
	});

	it('names a contract that is not signed (yet or any more)', () => {
		for (const status of ['draft', 'approved', 'completed', 'terminated']) {
			const e = thrown(() => checkContractCovered({ ...order, requiredFromFen: 0n, contract: { number: 'CT-9', status } }));
			expect(e.message).toContain(`its contract CT-9 is ${status}`);
			expect(e.extensions).toMatchObject({ contract: 'CT-9', contract_status: status });
		}
	});
});

describe('receivedShare', () => {
	it('is all of the paid amount when the whole invoice is the contract’s', () => {
		expect(receivedShare(12_345n, 20_000n, 20_000n)).toBe(12_345n);
	});
	it('is pro rata, rounded half up to the fen, otherwise', () => {
		expect(receivedShare(100n, 1n, 3n)).toBe(33n);
		expect(receivedShare(100n, 2n, 3n)).toBe(67n);
		expect(receivedShare(1n, 1n, 2n)).toBe(1n);
		expect(receivedShare(0n, 1n, 2n)).toBe(0n);
	});
	it('shares of the parts of one invoice add up to at most one fen per part away from the paid amount', () => {
		const paid = 99_999n;
		const parts = [33_333n, 33_333n, 33_334n];
		const sum = parts.reduce((s, p) => s + receivedShare(paid, p, 100_000n), 0n);
		expect(sum - paid <= 3n && paid - sum <= 3n).toBe(true);
	});
});

describe('checkPerformed', () => {
	const done = {
		contract: 'CT-1',
		amountFen: 100_00n,
		framework: false,
		openOrders: 0,
		orderedFen: 100_00n,
		shippedFen: 100_00n,
		invoicedFen: 100_00n,
		receivedFen: 100_00n,
	};

	it('passes a fully performed contract', () => {
		expect(() => checkPerformed(done)).not.toThrow();
		expect(() => checkPerformed({ ...done, framework: true, amountFen: 500_00n })).not.toThrow();
	});

	it('lists every gap with its figures', () => {
		const e = thrown(() => checkPerformed({ ...done, openOrders: 1, shippedFen: 40_00n, invoicedFen: 30_00n, receivedFen: 10_00n }));
		expect([e.code, e.status]).toEqual(['INVALID_TRANSITION', 409]);
		expect(e.message).toBe(
			'CT-1 is not fully performed: 1 open order(s); shipped 40.00 of 100.00; invoiced 30.00 of shipped 40.00; received 10.00 of invoiced 30.00',
		);
		expect(e.extensions).toMatchObject({ shipped_amount: '40.00', open_orders: 1 });
	});

	it('a framework contract is measured against what was ordered, not its amount', () => {
		expect(() => checkPerformed({ ...done, framework: true, amountFen: 900_00n })).not.toThrow();
		const e = thrown(() => checkPerformed({ ...done, framework: true, shippedFen: 90_00n, invoicedFen: 90_00n, receivedFen: 90_00n }));
		expect(e.message).toContain('shipped 90.00 of ordered 100.00');
	});
});
