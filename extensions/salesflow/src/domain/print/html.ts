// The printable model as one self-contained zh-CN HTML page (inline CSS and images, no scripts), in
// the layout every printed document shares: A4 margins, a letterhead with logo and QR code, table
// headers repeated on each printed page, the 草稿 watermark on drafts and the seal on the company's
// signature block.
import { approvalTable, companyLines, type PrintDocument, type PrintImage, type PrintTable } from './model';
import { qrDataUri } from './qr';

/** Images from the settings (absent when not set). */
export type PrintImages = { logo?: PrintImage | null; seal?: PrintImage | null };

const dataUri = (i: PrintImage) => `data:${i.type};base64,${i.data.toString('base64')}`;

export const escapeHtml = (v: unknown) =>
	String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  @page { size: A4; margin: 14mm 12mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Droid Sans Fallback", sans-serif; font-size: 12px; color: #111; margin: 0; }
  .page { max-width: 186mm; margin: 0 auto; }
  .letterhead { display: flex; align-items: center; gap: 12px; border-bottom: 2px solid #111; padding-bottom: 6px; }
  .letterhead .logo { max-height: 48px; max-width: 120px; }
  .letterhead .company { flex: 1; }
  .letterhead .name { font-size: 18px; font-weight: bold; letter-spacing: 1px; }
  .letterhead .sub { font-size: 10px; color: #333; line-height: 1.5; }
  .letterhead .qr { width: 26mm; height: 26mm; }
  h1 { text-align: center; font-size: 20px; letter-spacing: 6px; margin: 10px 0 2px; }
  .no { text-align: center; font-size: 11px; color: #333; margin-bottom: 8px; }
  .meta { display: flex; justify-content: space-between; gap: 16px; margin: 6px 0 8px; }
  .meta dl { margin: 0; display: grid; grid-template-columns: auto 1fr; column-gap: 6px; row-gap: 2px; }
  .meta dt { color: #444; white-space: nowrap; }
  .meta dd { margin: 0; }
  h2 { font-size: 13px; margin: 10px 0 4px; }
  table { width: 100%; border-collapse: collapse; margin: 4px 0 8px; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th, td { border: 1px solid #444; padding: 3px 5px; vertical-align: top; }
  th { background: #eee; font-weight: bold; text-align: center; white-space: nowrap; }
  td.right { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  td.center { text-align: center; }
  tfoot td { font-weight: bold; }
  .amount { border: 1px solid #444; padding: 6px 8px; margin: 6px 0; display: flex; gap: 24px; }
  .amount .words { font-weight: bold; letter-spacing: 1px; }
  .terms dt { font-weight: bold; margin-top: 6px; }
  .terms dd { margin: 2px 0 0 2em; white-space: pre-wrap; }
  .note { color: #333; line-height: 1.6; margin: 4px 0; }
  .sign { display: flex; justify-content: space-between; gap: 16px; margin-top: 18px; break-inside: avoid; page-break-inside: avoid; }
  .sign > div { flex: 1; position: relative; line-height: 2.2; min-height: 38mm; }
  .sign .line { display: inline-block; min-width: 40mm; border-bottom: 1px solid #111; }
  .sign .seal { position: absolute; left: 20mm; top: 2mm; width: 38mm; height: 38mm; opacity: 0.85; }
  footer { margin-top: 14px; font-size: 10px; color: #666; display: flex; justify-content: space-between; }
  .watermark { position: fixed; top: 38%; left: 0; right: 0; text-align: center; font-size: 140px; font-weight: bold; color: rgba(200, 0, 0, 0.13); transform: rotate(-30deg); pointer-events: none; z-index: 10; }
`;

function tableHtml(t: PrintTable): string {
	const cell = (v: string, i: number) => `<td class="${t.columns[i]?.align ?? 'left'}">${escapeHtml(v)}</td>`;
	const total = t.columns.reduce((s, c) => s + c.width, 0);
	const body = t.rows.length
		? t.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')
		: `<tr><td colspan="${t.columns.length}" class="center">${escapeHtml(t.empty)}</td></tr>`;
	return `${t.title ? `<h2>${escapeHtml(t.title)}</h2>\n` : ''}<table>
<colgroup>${t.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(1)}%">`).join('')}</colgroup>
<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>${t.foot.length ? `\n<tfoot>${t.foot.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tfoot>` : ''}
</table>`;
}

const dl = (list: Array<{ label: string; value: string }>) =>
	`<dl>${list.map((f) => `<dt>${escapeHtml(f.label)}：</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`;

export function renderHtml(d: PrintDocument, images: PrintImages = {}): string {
	const c = d.company;
	const approvals = d.approvals.length ? tableHtml(approvalTable(d.approvals)) : '';
	const signatures = d.signatures
		.map(
			(s) => `<div>
  ${s.companySeal && images.seal && !d.draft ? `<img class="seal" src="${dataUri(images.seal)}" alt="公司印章">` : ''}
  <strong>${escapeHtml(s.title)}</strong>（盖章）<br>
  ${s.lines.map((l) => `${escapeHtml(l.label)}：<span class="line">${escapeHtml(l.value)}</span>`).join('<br>\n  ')}
</div>`,
		)
		.join('\n');
	return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(d.title)} ${escapeHtml(d.number)}</title>
<style>${STYLE}</style>
</head>
<body>
${d.draft ? '<div class="watermark">草稿</div>\n' : ''}<div class="page">
<header class="letterhead">
  ${images.logo ? `<img class="logo" src="${dataUri(images.logo)}" alt="logo">` : ''}
  <div class="company">
    <div class="name">${escapeHtml(c.name)}</div>
    <div class="sub">${companyLines(c).map(escapeHtml).join('<br>')}</div>
  </div>
  <img class="qr" src="${qrDataUri(d.number)}" alt="${escapeHtml(d.number)}">
</header>
<h1>${escapeHtml(d.title)}</h1>
<div class="no">单号：${escapeHtml(d.number)}　状态：${escapeHtml(d.status)}</div>
<section class="meta">
  ${dl(d.party)}
  ${dl(d.details)}
</section>
${d.tables.map(tableHtml).join('\n')}
${d.amount ? `<div class="amount"><span>${escapeHtml(d.amount.label)}：<strong>${escapeHtml(d.amount.figures)}</strong></span><span>人民币大写：<span class="words">${escapeHtml(d.amount.words)}</span></span></div>` : ''}
${d.terms.length ? `<dl class="terms">${d.terms.map((t) => `<dt>${escapeHtml(t.label)}</dt><dd>${escapeHtml(t.value)}</dd>`).join('')}</dl>` : ''}
${d.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
${approvals}
<section class="sign">
${signatures}
</section>
<footer><span>${escapeHtml(d.title)} ${escapeHtml(d.number)}</span><span>打印时间：${escapeHtml(d.printedAt)}</span></footer>
</div>
</body>
</html>
`;
}
