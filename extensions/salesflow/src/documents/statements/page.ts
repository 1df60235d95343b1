// The printable statement (对账单): one self-contained zh-CN HTML page (inline CSS, A4, no scripts)
// the customer signs and stamps.
import type { MovementLine, StatementFigures } from './figures';

export const COMPANY_NAME = '上海示例自动化科技有限公司';

const KIND_LABEL: Record<MovementLine['kind'], string> = { shipment: '发货', invoice: '开票', red_invoice: '红字发票', receipt: '收款' };
const STATUS_LABEL: Record<string, string> = { draft: '草稿', sent: '已发送', confirmed: '客户已确认', disputed: '有异议' };

const escapeHtml = (v: unknown) =>
	String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 12345.6 → 12,345.60 (string in, string out: no floating point). */
export function groupThousands(amount: string): string {
	const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
	if (!m) return amount;
	return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

export type StatementPage = {
	number: string;
	status: string;
	period: string;
	start: string;
	end: string;
	customer: { name: string; code?: string | null; tax_id?: string | null; address_phone?: string | null };
	figures: StatementFigures;
	lines: MovementLine[];
	confirmed_payment_date?: string | null;
	dispute_note?: string | null;
	printedAt: string;
};

export function renderStatementPage(p: StatementPage): string {
	const [y, m] = p.period.split('-');
	const money = (v: string) => `¥${escapeHtml(groupThousands(v))}`;
	const rows = p.lines.length
		? p.lines
				.map(
					(l, i) =>
						`<tr><td class="c">${i + 1}</td><td>${escapeHtml(l.date ?? '')}</td><td>${escapeHtml(KIND_LABEL[l.kind])}</td><td>${escapeHtml(l.number)}</td><td class="n">${money(l.amount)}</td><td class="n">${l.kind === 'shipment' ? '—' : money(l.balance)}</td></tr>`,
				)
				.join('\n')
		: '<tr><td colspan="6" class="c">本期无业务发生</td></tr>';
	const f = p.figures;
	return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>对账单 ${escapeHtml(p.number)} · ${escapeHtml(p.customer.name)} · ${escapeHtml(p.period)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 12px; color: #111; margin: 0; }
  header { text-align: center; margin-bottom: 12px; }
  header .company { font-size: 20px; font-weight: bold; letter-spacing: 2px; }
  header h1 { font-size: 18px; margin: 6px 0 0; letter-spacing: 8px; }
  .meta { display: flex; justify-content: space-between; margin: 10px 0; }
  .meta div { line-height: 1.7; }
  table { width: 100%; border-collapse: collapse; margin: 8px 0 14px; }
  th, td { border: 1px solid #444; padding: 4px 6px; }
  th { background: #f0f0f0; font-weight: bold; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.c { text-align: center; }
  h2 { font-size: 13px; margin: 12px 0 4px; }
  .note { color: #444; line-height: 1.6; }
  .sign { display: flex; justify-content: space-between; margin-top: 28px; }
  .sign > div { width: 46%; line-height: 2.4; }
  .line { display: inline-block; min-width: 150px; border-bottom: 1px solid #111; }
  footer { margin-top: 18px; font-size: 10px; color: #666; text-align: right; }
</style>
</head>
<body>
<header>
  <div class="company">${escapeHtml(COMPANY_NAME)}</div>
  <h1>客户对账单</h1>
</header>
<section class="meta">
  <div>
    客户名称：<strong>${escapeHtml(p.customer.name)}</strong><br>
    ${p.customer.code ? `客户编码：${escapeHtml(p.customer.code)}<br>` : ''}
    ${p.customer.tax_id ? `纳税人识别号：${escapeHtml(p.customer.tax_id)}<br>` : ''}
  </div>
  <div>
    对账单号：${escapeHtml(p.number)}<br>
    对账期间：${escapeHtml(`${y}年${m}月`)}（${escapeHtml(p.start)} 至 ${escapeHtml(p.end)}）<br>
    状态：${escapeHtml(STATUS_LABEL[p.status] ?? p.status)}
  </div>
</section>

<h2>一、本期汇总（单位：人民币元）</h2>
<table>
  <thead><tr><th>期初余额</th><th>本期发货</th><th>本期开票</th><th>本期红冲</th><th>本期收款</th><th>期末余额</th></tr></thead>
  <tbody><tr>
    <td class="n">${money(f.opening)}</td><td class="n">${money(f.shipped)}</td><td class="n">${money(f.invoiced)}</td>
    <td class="n">${money(f.red)}</td><td class="n">${money(f.received)}</td><td class="n"><strong>${money(f.closing)}</strong></td>
  </tr></tbody>
</table>
<p class="note">期末余额 = 期初余额 + 本期开票 + 本期红冲 − 本期收款。本期发货仅供核对，未开票部分不计入应收余额。</p>

<h2>二、本期明细</h2>
<table>
  <thead><tr><th>序号</th><th>日期</th><th>业务类型</th><th>单据号</th><th>金额</th><th>应收余额</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>

${p.confirmed_payment_date ? `<p>确认回款时间：${escapeHtml(p.confirmed_payment_date)}</p>` : ''}
${p.dispute_note ? `<p>异议说明：${escapeHtml(p.dispute_note)}</p>` : ''}
<p class="note">请贵司核对以上内容。如无异议，请签字盖章并注明确认回款时间后回传；如有异议，请注明差异并回传，以便我司及时核查。</p>

<section class="sign">
  <div>
    <strong>${escapeHtml(COMPANY_NAME)}</strong>（盖章）<br>
    经办人：<span class="line"></span><br>
    日期：<span class="line"></span>
  </div>
  <div>
    <strong>客户确认</strong>：${escapeHtml(p.customer.name)}<br>
    确认回款时间：<span class="line">${escapeHtml(p.confirmed_payment_date ?? '')}</span><br>
    签字：<span class="line"></span><br>
    盖章：<span class="line"></span><br>
    日期：<span class="line"></span>
  </div>
</section>
<footer>打印时间：${escapeHtml(p.printedAt)}</footer>
</body>
</html>
`;
}
