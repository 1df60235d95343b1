// Opportunities (商机/项目): the sales stages of seed 001's 销售部工作流程 (信息开发 → 项目建立 →
// 方案/报价 → 商务谈判 → 成交, or 失败), which stage moves are allowed, win probability and the
// pipeline a manager reviews: amounts weighted by probability, and how many opportunities make it
// from one stage to the next. Need levels are seed 002's 核心/次要/潜在需求.
import { DomainError, ErrorCode, invalid } from './errors';
import { parseField, zWholeNumber } from './field-checks';
import { formatMoney, formatScaled, mulDivRound } from './money';

export const OPPORTUNITY_STAGES = ['discovery', 'project', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
/** The stages still being worked on, in order; won and lost are the outcomes. */
export const OPEN_STAGES = ['discovery', 'project', 'proposal', 'negotiation'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
/** The funnel a manager reads: the open stages in order, then won; lost stands aside. */
export const FUNNEL_STAGES = [...OPEN_STAGES, 'won'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const OPPORTUNITY_STAGE_LABELS: Record<OpportunityStage, { zh: string; en: string }> = {
	discovery: { zh: '信息开发', en: 'Discovery' },
	project: { zh: '项目建立', en: 'Project set up' },
	proposal: { zh: '方案/报价', en: 'Proposal / quote' },
	negotiation: { zh: '商务谈判', en: 'Negotiation' },
	won: { zh: '成交', en: 'Won' },
	lost: { zh: '失败', en: 'Lost' },
};

/** Win probability in percent a stage starts with; a rep may set another for an open opportunity. */
export const DEFAULT_PROBABILITY: Record<OpportunityStage, number> = {
	discovery: 10,
	project: 25,
	proposal: 50,
	negotiation: 75,
	won: 100,
	lost: 0,
};

export const NEED_LEVELS = ['core', 'secondary', 'potential'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

export const NEED_LEVEL_LABELS: Record<NeedLevel, { zh: string; en: string }> = {
	core: { zh: '核心需求', en: 'Core need (must be met)' },
	secondary: { zh: '次要需求', en: 'Secondary need (expected)' },
	potential: { zh: '潜在需求', en: 'Potential need (may come later)' },
};

const isOpen = (s: OpportunityStage): s is OpenStage => (OPEN_STAGES as readonly string[]).includes(s);

function stageOf(value: unknown, field = 'stage'): OpportunityStage {
	if (typeof value === 'string' && (OPPORTUNITY_STAGES as readonly string[]).includes(value)) return value as OpportunityStage;
	throw invalid(field, `${field} must be one of ${OPPORTUNITY_STAGES.join(', ')}, got ${JSON.stringify(value)}`);
}

/** How far along a stage is: open stages by their order, won beyond all of them, lost nowhere. */
const progress = (s: OpportunityStage) => (s === 'lost' ? -1 : OPPORTUNITY_STAGES.indexOf(s));

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

export type StageMove = 'none' | 'forward' | 'back' | 'reopen';

/**
 * Whether an opportunity may go from `from` (null when it is being created) to `to`. Forward is
 * always allowed, skipping stages too; back to an earlier open stage needs a note; lost needs a
 * lost reason; won is final, and lost only reopens to an open stage, with a note.
 */
export function checkStageChange(input: {
	from: string | null | undefined;
	to: string;
	note?: string | null;
	lostReason?: string | null;
}): StageMove {
	const to = stageOf(input.to);
	const from = input.from === null || input.from === undefined ? null : stageOf(input.from);
	if (from === to) return 'none';
	if (from === 'won' || (from === 'lost' && !isOpen(to))) {
		const hint = from === 'won' ? 'won is final' : `a lost opportunity can only be reopened to an open stage: ${OPEN_STAGES.join(', ')}`;
		throw new DomainError(ErrorCode.INVALID_TRANSITION, `opportunity: ${from} → ${to} is not allowed (${hint})`, 409, { from, to });
	}
	if (to === 'lost' && !filled(input.lostReason))
		throw invalid('lost_reason', `opportunity: ${from ?? 'new'} → lost needs a lost reason (失败原因)`);
	if (from === null) return 'forward';
	const move: StageMove = from === 'lost' ? 'reopen' : isOpen(to) && progress(to) < progress(from) ? 'back' : 'forward';
	if (move !== 'forward' && !filled(input.note))
		throw invalid('note', `opportunity: ${from} → ${to} ${move === 'reopen' ? 'reopens it' : 'goes back'} and needs a note saying why`);
	return move;
}

export const zProbability = zWholeNumber('probability', 0, 100);

/**
 * The win probability an opportunity at `stage` carries: the one given (validated) or the
 * stage's default. A closed opportunity's is its outcome, 100 won or 0 lost, whatever was given.
 */
export function probabilityFor(stage: string, given?: unknown): number {
	const s = stageOf(stage);
	if (!isOpen(s) || given === null || given === undefined) return DEFAULT_PROBABILITY[s];
	return parseField(zProbability, 'probability', given);
}

/** amount × probability %, rounded half up to the fen. */
export const weightedAmountFen = (amountFen: bigint, probability: number) =>
	mulDivRound(amountFen, BigInt(parseField(zProbability, 'probability', probability)), 100n);

type Figures = { count: number; amountFen: bigint; weightedFen: bigint };
export type PipelineFigures = { count: number; amount: string; weighted: string };
export type PipelineSummary = {
	stages: Array<{ stage: OpportunityStage } & PipelineFigures>;
	/** The open stages: what is still to be won. */
	open: PipelineFigures;
	/** Every row, the sum of all stage lines. */
	total: PipelineFigures;
};

const shownFigures = (f: Figures): PipelineFigures => ({
	count: f.count,
	amount: formatMoney(f.amountFen),
	weighted: formatMoney(f.weightedFen),
});

/**
 * Count, amount and weighted amount per stage (every stage, in order, empty ones as zero), with the
 * open pipeline and the grand total. Each row is weighted and rounded on its own, then summed, so
 * a stage's weighted amount is the sum of what its opportunities show.
 */
export function pipelineSummary(rows: Array<{ stage: string; amountFen: bigint; probability?: number | null }>): PipelineSummary {
	const byStage = new Map<OpportunityStage, Figures>(OPPORTUNITY_STAGES.map((s) => [s, { count: 0, amountFen: 0n, weightedFen: 0n }]));
	for (const row of rows) {
		const figures = byStage.get(stageOf(row.stage))!;
		figures.count += 1;
		figures.amountFen += row.amountFen;
		figures.weightedFen += weightedAmountFen(row.amountFen, probabilityFor(row.stage, row.probability));
	}
	const sum = (stages: readonly OpportunityStage[]) =>
		shownFigures(
			stages
				.map((s) => byStage.get(s)!)
				.reduce(
					(a, b) => ({ count: a.count + b.count, amountFen: a.amountFen + b.amountFen, weightedFen: a.weightedFen + b.weightedFen }),
					{
						count: 0,
						amountFen: 0n,
						weightedFen: 0n,
					},
				),
		);
	return {
		stages: OPPORTUNITY_STAGES.map((stage) => ({ stage, ...shownFigures(byStage.get(stage)!) })),
		open: sum(OPEN_STAGES),
		total: sum(OPPORTUNITY_STAGES),
	};
}

export type StageConversion = { from: OpenStage; to: FunnelStage; reached: number; converted: number; rate: string | null };

/**
 * Stage-to-stage conversion (转化率) along the funnel, from each opportunity's stage history (the
 * stages it passed through, in order): of those that reached stage k, the share that later reached
 * stage k+1 or beyond (won counts as beyond every open stage, lost as none) — so a skipped stage does
 * not break the chain, and the last pair, negotiation → won, is the closing rate. `rate` is a percent
 * with one decimal, rounded half up from the exact ratio; null when none reached stage k.
 */
export function stageConversion(histories: Array<string[]>): StageConversion[] {
	const parsed = histories.map((h) => h.map((s) => stageOf(s)));
	return OPEN_STAGES.map((from, k) => {
		const reachedFrom = parsed.filter((h) => h.includes(from));
		const converted = reachedFrom.filter((h) => h.slice(h.indexOf(from) + 1).some((s) => progress(s) > k)).length;
		const rate = reachedFrom.length ? formatScaled(mulDivRound(BigInt(converted), 1000n, BigInt(reachedFrom.length)), 1) : null;
		return { from, to: FUNNEL_STAGES[k + 1]!, reached: reachedFrom.length, converted, rate };
	});
}
