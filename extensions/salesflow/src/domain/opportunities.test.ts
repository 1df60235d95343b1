import { describe, expect, it } from 'vitest';
import {
	checkStageChange,
	DEFAULT_PROBABILITY,
	NEED_LEVEL_LABELS,
	NEED_LEVELS,
	OPPORTUNITY_STAGE_LABELS,
	OPPORTUNITY_STAGES,
	pipelineSummary,
	probabilityFor,
	stageConversion,
	weightedAmountFen,
	zProbability,
} from './opportunities';

const refusal = (code: string, field?: string) =>
	expect.objectContaining({ code, ...(field ? { status: 400, extensions: { field } } : { status: 409 }) });

describe('stages and need levels', () => {
	it('stages in order with zh/en labels and default probabilities', () => {
		expect(OPPORTUNITY_STAGES).toEqual(['discovery', 'project', 'proposal', 'negotiation', 'won', 'lost']);
		expect(OPPORTUNITY_STAGES.map((s) => OPPORTUNITY_STAGE_LABELS[s].zh)).toEqual([
			'信息开发',
			'项目建立',
			'方案/报价',
			'商务谈判',
			'成交',
			'失败',
		]);
		expect(OPPORTUNITY_STAGES.every((s) => OPPORTUNITY_STAGE_LABELS[s].en !== '')).toBe(true);
		expect(OPPORTUNITY_STAGES.map((s) => DEFAULT_PROBABILITY[s])).toEqual([10, 25, 50, 75, 100, 0]);
	});

	it('need levels core, secondary, potential', () => {
		expect(NEED_LEVELS).toEqual(['core', 'secondary', 'potential']);
		expect(NEED_LEVELS.map((n) => NEED_LEVEL_LABELS[n].zh)).toEqual(['核心需求', '次要需求', '潜在需求']);
	});
});

describe('checkStageChange', () => {
	it.each([
		['discovery', 'project', 'forward'],
		['discovery', 'negotiation', 'forward'], // skipping stages
		['project', 'won', 'forward'],
		['discovery', 'won', 'forward'],
		['negotiation', 'won', 'forward'],
		['proposal', 'proposal', 'none'],
		['won', 'won', 'none'],
		['lost', 'lost', 'none'], // no change needs no reason
		[null, 'discovery', 'forward'],
		[null, 'negotiation', 'forward'], // created at any stage
		[null, 'won', 'forward'],
		[undefined, 'proposal', 'forward'],
	] as const)('%s → %s: %s', (from, to, move) => {
		expect(checkStageChange({ from, to })).toBe(move);
	});

	it.each([
		['project', 'discovery', 'back'],
		['negotiation', 'discovery', 'back'],
		['lost', 'discovery', 'reopen'],
		['lost', 'negotiation', 'reopen'],
	] as const)('%s → %s with a note: %s', (from, to, move) => {
		expect(checkStageChange({ from, to, note: 'customer re-scoped the project' })).toBe(move);
	});

	it.each([
		['project', 'discovery', null, 'opportunity: project → discovery goes back and needs a note saying why'],
		['negotiation', 'proposal', '   ', 'opportunity: negotiation → proposal goes back and needs a note saying why'],
		['lost', 'proposal', '', 'opportunity: lost → proposal reopens it and needs a note saying why'],
		['lost', 'discovery', undefined, 'opportunity: lost → discovery reopens it and needs a note saying why'],
	] as const)('%s → %s with note %j: refused naming note', (from, to, note, message) => {
		expect(() => checkStageChange({ from, to, note })).toThrow(refusal('INVALID_PAYLOAD', 'note'));
		expect(() => checkStageChange({ from, to, note })).toThrow(message);
	});

	it.each([
		['discovery', 'lost', 'a', 'forward'],
		['negotiation', 'lost', 'price too high', 'forward'],
		[null, 'lost', 'found at a trade fair, already lost', 'forward'],
	] as const)('%s → %s with reason %j: %s', (from, to, lostReason, move) => {
		expect(checkStageChange({ from, to, lostReason })).toBe(move);
	});

	it.each([
		['negotiation', null, 'opportunity: negotiation → lost needs a lost reason (失败原因)'],
		['discovery', ' ', 'opportunity: discovery → lost needs a lost reason (失败原因)'],
		[null, '', 'opportunity: new → lost needs a lost reason (失败原因)'],
	] as const)('%s → lost with reason %j: refused naming lost_reason', (from, lostReason, message) => {
		expect(() => checkStageChange({ from, to: 'lost', lostReason })).toThrow(refusal('INVALID_PAYLOAD', 'lost_reason'));
		expect(() => checkStageChange({ from, to: 'lost', lostReason })).toThrow(message);
	});

	it.each([
		['won', 'negotiation', 'opportunity: won → negotiation is not allowed (won is final)'],
		['won', 'lost', 'opportunity: won → lost is not allowed (won is final)'],
		['won', 'discovery', 'opportunity: won → discovery is not allowed (won is final)'],
		[
			'lost',
			'won',
			'opportunity: lost → won is not allowed (a lost opportunity can only be reopened to an open stage: discovery, project, proposal, negotiation)',
		],
	] as const)('%s → %s is refused with 409 INVALID_TRANSITION even with a note and reason', (from, to, message) => {
		const change = { from, to, note: 'please', lostReason: 'because' };
		expect(() => checkStageChange(change)).toThrow(refusal('INVALID_TRANSITION'));
		expect(() => checkStageChange(change)).toThrow(message);
	});

	it.each([
		[{ from: 'discovery', to: 'closed' }, 'stage must be one of discovery, project, proposal, negotiation, won, lost, got "closed"'],
		[{ from: 'Discovery', to: 'project' }, 'stage must be one of discovery, project, proposal, negotiation, won, lost, got "Discovery"'],
	])('unknown stage %j: refused naming stage', (change, message) => {
		expect(() => checkStageChange(change)).toThrow(refusal('INVALID_PAYLOAD', 'stage'));
		expect(() => checkStageChange(change)).toThrow(message);
	});
});

describe('zProbability / probabilityFor', () => {
	it.each([
		[0, true],
		[100, true],
		[55, true],
		[-1, false],
		[101, false],
		[50.5, false],
		['50', false],
	])('zProbability %j → %s', (v, ok) => {
		expect(zProbability.safeParse(v).success).toBe(ok);
	});

	it.each([
		['discovery', undefined, 10],
		['project', null, 25],
		['proposal', undefined, 50],
		['negotiation', undefined, 75],
		['negotiation', 90, 90],
		['discovery', 0, 0],
		['proposal', 100, 100],
		['won', undefined, 100],
		['won', 40, 100], // a closed opportunity's probability is its outcome
		['lost', 60, 0],
		['lost', null, 0],
	])('%s with %j → %s', (stage, given, p) => {
		expect(probabilityFor(stage, given)).toBe(p);
	});

	it.each([
		['proposal', 101, 'probability', 'probability must be a whole number from 0 to 100, got 101'],
		['proposal', 33.3, 'probability', 'probability must be a whole number from 0 to 100, got 33.3'],
		['proposal', '40', 'probability', 'probability must be a whole number from 0 to 100, got "40"'],
		['signed', 40, 'stage', 'stage must be one of discovery, project, proposal, negotiation, won, lost, got "signed"'],
	])('%s with %j: refused naming %s', (stage, given, field, message) => {
		expect(() => probabilityFor(stage, given)).toThrow(refusal('INVALID_PAYLOAD', field));
		expect(() => probabilityFor(stage, given)).toThrow(message);
	});
});

describe('weightedAmountFen', () => {
	it.each([
		[10000n, 50, 5000n],
		[10000n, 0, 0n],
		[10000n, 100, 10000n],
		[0n, 75, 0n],
		[1n, 50, 1n], // 0.5 fen → up
		[1n, 49, 0n],
		[3n, 50, 2n], // 1.5 fen → 2
		[5n, 10, 1n], // 0.5 fen → up
		[4n, 10, 0n], // 0.4 fen → down
		[12345n, 25, 3086n], // 3086.25
		[12346n, 25, 3087n], // 3086.5 → up
		[100000000000000n, 75, 75000000000000n],
		[-3n, 50, -2n], // a negative amount mirrors a positive one
	])('%s fen × %s%% → %s fen', (amount, p, weighted) => {
		expect(weightedAmountFen(amount, p)).toBe(weighted);
	});

	it('refuses a probability outside 0–100 naming probability', () => {
		expect(() => weightedAmountFen(100n, 120)).toThrow(refusal('INVALID_PAYLOAD', 'probability'));
	});
});

describe('pipelineSummary', () => {
	it('no rows: every stage zero, in order', () => {
		const zero = { count: 0, amount: '0.00', weighted: '0.00' };
		expect(pipelineSummary([])).toEqual({
			stages: OPPORTUNITY_STAGES.map((stage) => ({ stage, ...zero })),
			open: zero,
			total: zero,
		});
	});

	it('sums per stage, each row weighted and rounded on its own; open excludes won and lost', () => {
		const summary = pipelineSummary([
			{ stage: 'discovery', amountFen: 100000n, probability: null }, // 10 % → 10000
			{ stage: 'discovery', amountFen: 5n, probability: 10 }, // 0.5 → 1
			{ stage: 'discovery', amountFen: 5n, probability: 10 }, // 0.5 → 1 (not 1.0 from the sum)
			{ stage: 'proposal', amountFen: 333n, probability: 33 }, // 109.89 → 110
			{ stage: 'negotiation', amountFen: 200000n }, // default 75 % → 150000
			{ stage: 'won', amountFen: 50000n, probability: 80 }, // won counts 100 %
			{ stage: 'lost', amountFen: 70000n, probability: 50 }, // lost counts 0 %
		]);
		expect(summary.stages).toEqual([
			{ stage: 'discovery', count: 3, amount: '1000.10', weighted: '100.02' },
			{ stage: 'project', count: 0, amount: '0.00', weighted: '0.00' },
			{ stage: 'proposal', count: 1, amount: '3.33', weighted: '1.10' },
			{ stage: 'negotiation', count: 1, amount: '2000.00', weighted: '1500.00' },
			{ stage: 'won', count: 1, amount: '500.00', weighted: '500.00' },
			{ stage: 'lost', count: 1, amount: '700.00', weighted: '0.00' },
		]);
		expect(summary.open).toEqual({ count: 5, amount: '3003.43', weighted: '1601.12' });
		expect(summary.total).toEqual({ count: 7, amount: '4203.43', weighted: '2101.12' });
	});

	it('refuses an unknown stage or a bad probability naming the field', () => {
		expect(() => pipelineSummary([{ stage: 'maybe', amountFen: 1n, probability: 10 }])).toThrow(refusal('INVALID_PAYLOAD', 'stage'));
		expect(() => pipelineSummary([{ stage: 'project', amountFen: 1n, probability: -5 }])).toThrow(
			refusal('INVALID_PAYLOAD', 'probability'),
		);
	});
});

describe('stageConversion', () => {
	const pairs = (histories: string[][]) => stageConversion(histories).map((c) => `${c.from}→${c.to} ${c.converted}/${c.reached} ${c.rate}`);

	it('no histories: every pair null', () => {
		expect(stageConversion([])).toEqual([
			{ from: 'discovery', to: 'project', reached: 0, converted: 0, rate: null },
			{ from: 'project', to: 'proposal', reached: 0, converted: 0, rate: null },
			{ from: 'proposal', to: 'negotiation', reached: 0, converted: 0, rate: null },
			{ from: 'negotiation', to: 'won', reached: 0, converted: 0, rate: null },
		]);
	});

	it('counts, per pair, those that reached the first stage and later got to the next one or beyond', () => {
		expect(
			pairs([
				['discovery', 'project', 'proposal', 'negotiation', 'won'],
				['discovery', 'project', 'lost'],
				['discovery', 'lost'],
			]),
		).toEqual(['discovery→project 2/3 66.7', 'project→proposal 1/2 50.0', 'proposal→negotiation 1/1 100.0', 'negotiation→won 1/1 100.0']);
	});

	it('the last pair is the closing rate: of those that reached negotiation, the share won', () => {
		expect(pairs([['negotiation', 'won'], ['negotiation', 'lost'], ['proposal', 'won'], ['negotiation']]).slice(2)).toEqual([
			'proposal→negotiation 1/1 100.0',
			'negotiation→won 1/3 33.3',
		]);
	});

	it.each([
		[
			[['discovery', 'negotiation']],
			['discovery→project 1/1 100.0', 'project→proposal 0/0 null', 'proposal→negotiation 0/0 null', 'negotiation→won 0/1 0.0'],
		], // skipped stages
		[
			[['discovery', 'won']],
			['discovery→project 1/1 100.0', 'project→proposal 0/0 null', 'proposal→negotiation 0/0 null', 'negotiation→won 0/0 null'],
		], // won is beyond
		[
			[['proposal', 'lost']],
			['discovery→project 0/0 null', 'project→proposal 0/0 null', 'proposal→negotiation 0/1 0.0', 'negotiation→won 0/0 null'],
		], // created at proposal
		[
			[['discovery', 'lost', 'discovery']],
			['discovery→project 0/1 0.0', 'project→proposal 0/0 null', 'proposal→negotiation 0/0 null', 'negotiation→won 0/0 null'],
		], // reopened, still stuck
		[
			[['project', 'discovery', 'project']],
			['discovery→project 1/1 100.0', 'project→proposal 0/1 0.0', 'proposal→negotiation 0/0 null', 'negotiation→won 0/0 null'],
		], // back then forward again
		[
			[['negotiation', 'proposal']],
			['discovery→project 0/0 null', 'project→proposal 0/0 null', 'proposal→negotiation 0/1 0.0', 'negotiation→won 0/1 0.0'],
		], // back is not forward
		[[[]], ['discovery→project 0/0 null', 'project→proposal 0/0 null', 'proposal→negotiation 0/0 null', 'negotiation→won 0/0 null']],
	])('%j → %j', (histories, expected) => {
		expect(pairs(histories)).toEqual(expected);
	});

	it.each([
		[1, 3, '33.3'],
		[2, 3, '66.7'],
		[1, 8, '12.5'],
		[1, 16, '6.3'], // 6.25 → up
		[1, 2000, '0.1'], // 0.05 → up
		[1, 2001, '0.0'], // 0.04997… → down
		[7, 7, '100.0'],
	])('%s of %s → %s percent', (converted, reached, rate) => {
		const histories = Array.from({ length: reached }, (_, i) => (i < converted ? ['discovery', 'project'] : ['discovery']));
		expect(stageConversion(histories)[0]).toEqual({ from: 'discovery', to: 'project', reached, converted, rate });
	});

	it('refuses an unknown stage in a history naming stage', () => {
		expect(() => stageConversion([['discovery', 'qualified']])).toThrow(refusal('INVALID_PAYLOAD', 'stage'));
	});
});
