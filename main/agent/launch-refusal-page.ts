import { LAUNCH_CODE_TTL_MS } from './launch-codes';

/** The headline of the page a used, expired or unknown launch code gets instead of the app. */
export const LAUNCH_REFUSED_TITLE = 'Mã mở màn hình đã được dùng hoặc hết hạn — mở lại từ máy trạm';

/** Its Content-Security-Policy: nothing but the inline style below (no script, no request). */
export const LAUNCH_REFUSAL_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A whole page, in Vietnamese first, for whoever is standing at the screen: what happened and
 * what the technician does next. Static text only: nothing from the request is echoed.
 */
export function launchRefusalPage(): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Không mở được màn hình — Một cửa</title>
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; align-items: center; justify-content: center; background: #f3f5f8; color: #1b2430;
    font-family: "Be Vietnam Pro", "Noto Sans", "DejaVu Sans", system-ui, sans-serif; }
  main { max-width: 68rem; margin: 2rem; padding: 3.5rem 4rem; background: #fff; border-radius: 1.25rem;
    border-top: 0.6rem solid #b3261e; box-shadow: 0 0.5rem 2rem rgba(27, 36, 48, 0.12); }
  h1 { margin: 0 0 1.5rem; font-size: 2.6rem; line-height: 1.25; color: #b3261e; }
  p { margin: 0 0 1rem; font-size: 1.45rem; line-height: 1.55; }
  code { font-size: 1.3rem; background: #eef1f5; padding: 0.1rem 0.45rem; border-radius: 0.3rem; }
  .en { margin-top: 2rem; padding-top: 1.25rem; border-top: 1px solid #dde2e8; color: #5a6675; font-size: 1.15rem; }
</style>
</head>
<body>
<main role="alert">
  <h1>${LAUNCH_REFUSED_TITLE}</h1>
  <p>Mỗi địa chỉ mở màn hình chỉ dùng được <strong>một lần</strong> và trong <strong>${LAUNCH_CODE_TTL_MS / 60_000} phút</strong>. Địa chỉ này đã được mở ở nơi khác, đã quá hạn, hoặc không đúng.</p>
  <p>Cán bộ kỹ thuật: trên máy trạm, chạy <code>motcua launch-code --data-dir &lt;thư mục dữ liệu máy trạm&gt;</code> (hoặc khởi động lại chương trình máy trạm) để lấy địa chỉ mới, rồi mở địa chỉ đó trên màn hình này.</p>
  <p class="en" lang="en">This screen's launch code was already used or has expired. On the terminal, run <code>motcua launch-code</code> (or restart the agent) and open the new address it prints.</p>
</main>
</body>
</html>
`;
}
