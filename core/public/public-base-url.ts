import type { Result } from '../result';
import { err, ok } from '../result';

// https, a DNS name or IPv4 (IPv6 in brackets), an optional port, an optional plain path. core has no URL class (no DOM, no Node).
const BASE = /^https:\/\/((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[[0-9a-f:.]+\])(:\d{1,5})?((?:\/[A-Za-z0-9._~-]+)*)\/*$/;

/**
 * `hub.publicBaseUrl`: where citizens' phones reach the hub's public pages (the centre's reverse
 * proxy), e.g. "https://motcua.hoankiem.hanoi.gov.vn". HTTPS only (the link carries the ticket's
 * token), no credentials, query or fragment; the host is lowercased and a trailing slash dropped.
 * Answers the normalised URL.
 */
export function parsePublicBaseUrl(text: string): Result<string> {
  const trimmed = text.trim();
  if (!/^https:\/\//i.test(trimmed)) return err('invalid-input', `publicBaseUrl phải bắt đầu bằng https:// (đường dẫn chứa mã vé): "${text}".`);
  if (/[?#@]/.test(trimmed)) return err('invalid-input', `publicBaseUrl không được chứa tên đăng nhập, phần truy vấn (?) hay neo (#): "${text}".`);
  const [, rest = ''] = /^https:\/\/(.*)$/i.exec(trimmed) ?? [];
  const slash = rest.indexOf('/');
  const host = (slash === -1 ? rest : rest.slice(0, slash)).toLowerCase();
  const candidate = `https://${host}${slash === -1 ? '' : rest.slice(slash)}`;
  const m = BASE.exec(candidate);
  const port = m?.[2] ? Number(m[2].slice(1)) : null;
  if (!m || (port !== null && (port < 1 || port > 65535))) {
    return err('invalid-input', `publicBaseUrl không phải một địa chỉ https hợp lệ (e.g. "https://motcua.example.gov.vn"): "${text}".`);
  }
  return ok(`https://${m[1]}${m[2] ?? ''}${m[3] ?? ''}`);
}
