import type { DossierPublicView } from '../../core/dossiers/dossier';
import { escapeHtml as e } from './phone-pages';

const WEEKDAYS_VI = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "17:00, thứ Ba 08/12/2026" from the dossier's wall time "2026-12-08T17:00". */
export function dueWords(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return `${m[4]}:${m[5]}, ${WEEKDAYS_VI[weekday]} ${pad(d)}/${pad(mo)}/${y}`;
}

const OPEN = new Set(['received', 'processing', 'supplement-requested']);

/** A label in Vietnamese with its English under it (the page has no language switch: it has no script). */
const label = (vi: string, en: string) => `<p class="label">${e(vi)} <span lang="en" class="en">· ${e(en)}</span></p>`;

/**
 * The receipt's status page (GET /hs/:token), drawn on the hub with no script: what the kiosk
 * lookup shows — code, procedure, status, due date, what to bring, where to collect the result,
 * the applicant's initials —
 * and nothing else about the person. `checkedAt` is the centre's wall time of this answer. The
 * live stream (hub/public/dossier-feed.ts) sends this same body again when the dossier moves.
 */
export function dossierStatusBody(d: DossierPublicView, checkedAt: string): string {
  const due = OPEN.has(d.status)
    ? `${label('Hẹn trả kết quả', 'Result due')}<p class="due${d.overdue ? ' late' : ''}" data-testid="hs-due">${e(dueWords(d.dueLocal))}</p>`
    : '';
  const overdue = d.overdue ? `<p class="overdue" data-testid="hs-overdue">Đã quá hạn — bộ phận giải quyết sẽ gửi phiếu xin lỗi và hẹn lại ngày trả. <span lang="en" class="en">Overdue: you will receive an apology with a new date.</span></p>` : '';
  const missing =
    d.missing.length > 0
      ? `<section class="missing" data-testid="hs-missing"><h2>Cần bổ sung <span lang="en" class="en">· Please bring</span></h2><ol>${d.missing.map((m) => `<li>${e(m)}</li>`).join('')}</ol><p>Vui lòng mang đến quầy tiếp nhận để bổ sung hồ sơ. <span lang="en" class="en">Hand them in at the reception counter.</span></p></section>`
      : '';
  return `<header class="bar"><span class="brand">Tra cứu hồ sơ</span></header>
<main class="dossier" data-status="${e(d.status)}">
<h1 class="visually-hidden">Tình trạng hồ sơ ${e(d.code)}</h1>
${label('Mã hồ sơ', 'Dossier code')}<p class="code" data-testid="hs-code">${e(d.code)}</p>
<p class="service" data-testid="hs-procedure">${e(d.procedureName)}</p>
${label('Tình trạng', 'Status')}<p class="dstatus" data-testid="hs-status">${e(d.statusName)}</p>
${due}${overdue}${missing}
${label('Nơi trả kết quả', 'Collect the result at')}<p class="collect" data-testid="hs-collect">${e(d.collectAtCentreName)}</p>
${label('Người nộp', 'Applicant')}<p class="initials">${e(d.applicantInitials)}</p>
</main>
<footer class="foot"><p class="valid">Cập nhật lúc ${e(checkedAt)} — trang tự cập nhật khi hồ sơ chuyển bước. <span lang="en" class="en">This page updates itself when the status changes.</span></p></footer>`;
}
