import { ADMIN_PATH } from './admin-channels';

/**
 * The admin dialog: PIN pad, admin menu, settings form, config problem notice. A tiny static page
 * served by the shell itself under app://motcua/__admin/ (same CSP, no inline script) in its own
 * small window; it only asks the main process, which checks the PIN and every action.
 */

export { ADMIN_PATH };
export const ADMIN_URL = `app://motcua${ADMIN_PATH}index.html`;

const HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Quản trị thiết bị</title>
<link rel="stylesheet" href="admin.css">
<script src="admin.js" defer></script>
</head>
<body>
<main>
  <h1>Quản trị thiết bị</h1>
  <pre id="problem" role="alert" hidden></pre>
  <section id="pin" hidden>
    <label for="pin-input">Nhập mã PIN quản trị</label>
    <input id="pin-input" type="password" inputmode="numeric" autocomplete="off" maxlength="32">
    <div class="pad" id="pad"></div>
    <p id="pin-message" role="status"></p>
  </section>
  <section id="menu" hidden>
    <button type="button" data-action="exit">Thoát chế độ kiosk</button>
    <button type="button" data-action="settings">Cài đặt</button>
    <button type="button" data-action="reload">Tải lại</button>
  </section>
  <form id="settings" hidden>
    <label>Địa chỉ máy chủ (hub) <input name="hubUrl" required></label>
    <label>Mã thiết bị (ghép nối điền sẵn) <input name="deviceId"></label>
    <label>Mã ghép nối (từ màn hình quản trị) <input name="pairCode" inputmode="numeric" autocomplete="off" maxlength="20" placeholder="1234 5678"></label>
    <label>Mã đăng ký (token cũ, nếu không ghép nối) <input name="token" type="password"></label>
    <label>Máy in (ghi đè, tuỳ chọn) <input name="printerInterface" placeholder="tcp://192.168.1.50:9100"></label>
    <label>Về màn hình chính sau (giây) <input name="idleSeconds" type="number" min="10" max="3600"></label>
    <pre id="settings-message" role="alert"></pre>
    <button type="submit">Lưu và khởi động lại</button>
  </form>
  <button type="button" id="close" data-action="close">Đóng</button>
</main>
</body>
</html>
`;

const CSS = `
body { font: 18px system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b1f24; }
main { padding: 16px 24px; display: flex; flex-direction: column; gap: 12px; }
h1 { font-size: 22px; margin: 0; }
pre { white-space: pre-wrap; margin: 0; padding: 8px; background: #fdecea; color: #8a1c12; border-radius: 6px; }
pre:empty { display: none; }
input { font-size: 20px; padding: 8px; width: 100%; box-sizing: border-box; }
label { display: flex; flex-direction: column; gap: 4px; }
button { font-size: 20px; padding: 12px; border-radius: 8px; border: 1px solid #9aa5b1; background: #fff; }
section, form { display: flex; flex-direction: column; gap: 10px; }
[hidden] { display: none !important; }
.pad { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
`;

// Plain browser JS (the admin window has no bundler step): talks only to window.motcuaAdmin.
const JS = `'use strict';
const admin = window.motcuaAdmin;
const $ = (id) => document.getElementById(id);
const show = (id) => { for (const s of ['pin', 'menu', 'settings']) $(s).hidden = s !== id; };
const FIELDS = ['hubUrl', 'deviceId', 'token', 'printerInterface', 'idleSeconds'];

async function call(name, payload) {
  const result = await admin.call(name, payload ?? {});
  if (!result.ok && result.error.kind === 'forbidden') { await refresh(); }
  return result;
}

async function refresh() {
  const state = await admin.call('state', {});
  if (!state.ok) return;
  const s = state.value;
  $('problem').textContent = s.problem ?? '';
  $('problem').hidden = !s.problem;
  if (s.unlocked) { s.setup ? openSettings() : show('menu'); return; }
  show('pin');
  $('pin-message').textContent = s.lockedForMs > 0 ? 'Đã khoá ' + Math.ceil(s.lockedForMs / 60000) + ' phút do nhập sai nhiều lần.'
    : s.pinConfigured ? '' : 'Chưa cấu hình mã PIN quản trị (adminPinHash).';
  $('pin-input').focus();
}

async function submitPin() {
  const pin = $('pin-input').value;
  $('pin-input').value = '';
  const result = await admin.call('pin', { pin });
  if (!result.ok) { $('pin-message').textContent = result.error.message; return; }
  const v = result.value;
  if (v.kind === 'granted') { await refresh(); return; }
  $('pin-message').textContent = v.kind === 'refused' ? 'Sai mã PIN. Còn ' + v.attemptsLeft + ' lần thử.'
    : v.kind === 'locked' ? 'Đã khoá ' + Math.ceil(v.retryInMs / 60000) + ' phút do nhập sai nhiều lần.'
    : 'Chưa cấu hình mã PIN quản trị (adminPinHash).';
}

async function openSettings() {
  const result = await call('settings:get');
  if (!result.ok) return;
  for (const f of FIELDS) $('settings').elements[f].value = result.value[f] ?? '';
  show('settings');
}

async function saveSettings(event) {
  event.preventDefault();
  const values = {};
  for (const f of FIELDS) values[f] = $('settings').elements[f].value.trim();
  const pairCode = $('settings').elements.pairCode.value.trim();
  // A pairing code: the terminal pairs with the hub at that address and starts again on what it answered.
  const result = pairCode ? await call('settings:pair', { hubUrl: values.hubUrl, code: pairCode }) : await call('settings:save', values);
  $('settings-message').textContent = result.ok ? 'Đã lưu. Đang khởi động lại…' : result.error.message;
}

const pad = $('pad');
for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0', 'OK']) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = key;
  b.addEventListener('click', () => {
    const input = $('pin-input');
    if (key === 'OK') void submitPin();
    else if (key === '⌫') input.value = input.value.slice(0, -1);
    else input.value += key;
  });
  pad.append(b);
}
$('pin-input').addEventListener('keydown', (e) => { if (e.key === 'Enter') void submitPin(); });
$('settings').addEventListener('submit', (e) => void saveSettings(e));
for (const b of document.querySelectorAll('[data-action]')) {
  b.addEventListener('click', () => {
    const action = b.dataset.action;
    if (action === 'settings') void openSettings();
    else void call(action);
  });
}
void refresh();
`;

const ASSETS: Readonly<Record<string, { readonly type: string; readonly body: string }>> = {
  'index.html': { type: 'text/html; charset=utf-8', body: HTML },
  'admin.css': { type: 'text/css; charset=utf-8', body: CSS },
  'admin.js': { type: 'text/javascript; charset=utf-8', body: JS },
};

/** The admin page's files by URL path, or null for every other path. */
export function adminAsset(pathname: string): { readonly type: string; readonly body: string } | null {
  if (!pathname.startsWith(ADMIN_PATH)) return null;
  return ASSETS[pathname.slice(ADMIN_PATH.length)] ?? null;
}
