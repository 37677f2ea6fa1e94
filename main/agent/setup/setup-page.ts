/**
 * The terminal's setup page (browser mode, before it has a credential): the hub's address and
 * the pairing code. Plain HTML, CSS and a small script served by the setup server: no bundle,
 * so a terminal can pair before the renderer is built or while the hub is the only other machine.
 */
export const SETUP_HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cài đặt thiết bị — motcua</title>
<link rel="stylesheet" href="/setup.css">
<script src="/setup.js" defer></script>
</head>
<body>
<main class="setup">
  <h1>Ghép nối thiết bị với máy chủ</h1>
  <p class="lead">Quản trị viên tạo mã ghép nối trên màn hình quản trị (hoặc bằng lệnh <code>motcua device pair</code>). Mã có hiệu lực 10 phút và chỉ dùng một lần.</p>
  <form id="pair" novalidate>
    <label>Địa chỉ máy chủ
      <input name="hubUrl" type="url" required placeholder="https://192.168.1.10:8080" autocomplete="off">
    </label>
    <label>Mã ghép nối
      <input name="code" required inputmode="numeric" placeholder="1234 5678" autocomplete="off" maxlength="20">
    </label>
    <button type="submit">Ghép nối</button>
    <p id="result" role="status" aria-live="polite"></p>
  </form>
</main>
</body>
</html>
`;

export const SETUP_CSS = `
html, body { margin: 0; height: 100%; background: #f3f6fa; font-family: "Be Vietnam Pro", system-ui, sans-serif; color: #17243a; }
.setup { max-width: 640px; margin: 48px auto; padding: 32px 40px; background: #fff; border-radius: 14px; box-shadow: 0 1px 4px rgb(0 0 0 / 15%); border-top: 8px solid #0b3d7a; }
h1 { margin: 0 0 8px; font-size: 30px; }
.lead { margin: 0 0 24px; color: #44546a; font-size: 17px; line-height: 1.5; }
label { display: block; margin: 0 0 18px; font-weight: 700; font-size: 18px; }
input { display: block; box-sizing: border-box; width: 100%; margin-top: 6px; padding: 12px 14px; font: inherit; font-weight: 400; font-size: 22px; border: 2px solid #9aa8bd; border-radius: 8px; }
input[name="code"] { letter-spacing: 0.12em; font-variant-numeric: tabular-nums; }
button { padding: 14px 28px; font: inherit; font-size: 20px; font-weight: 700; color: #fff; background: #0b3d7a; border: 0; border-radius: 8px; cursor: pointer; }
button:disabled { opacity: 0.6; cursor: default; }
#result { min-height: 1.5em; margin: 18px 0 0; font-size: 18px; font-weight: 600; white-space: pre-line; }
#result.ok { color: #1b6e3a; }
#result.bad { color: #a61b1b; }
`;

export const SETUP_JS = `
const form = document.getElementById('pair');
const result = document.getElementById('result');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  result.className = '';
  result.textContent = 'Đang ghép nối…';
  try {
    const res = await fetch('/setup/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hubUrl: form.hubUrl.value.trim(), code: form.code.value }) });
    const answer = await res.json();
    if (answer.ok) {
      result.className = 'ok';
      result.textContent = 'Đã ghép nối: thiết bị "' + answer.value.deviceId + '".' + (answer.value.hubCaFingerprint ? '\\nCA của trung tâm: ' + answer.value.hubCaFingerprint : '') + '\\nThiết bị đang khởi động…';
      result.dataset.deviceId = answer.value.deviceId;
    } else {
      result.className = 'bad';
      result.textContent = answer.error.message;
      result.dataset.errorKind = answer.error.kind;
      button.disabled = false;
    }
  } catch (e) {
    result.className = 'bad';
    result.textContent = 'Không gửi được yêu cầu: ' + e.message;
    button.disabled = false;
  }
});
`;
