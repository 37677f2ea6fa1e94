import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The phone page's security policy: nothing from elsewhere, no inline script at all; the one
 * inline style is the build's own stylesheet, allowed by its hash (not 'unsafe-inline'), so the
 * first paint needs one round trip on a slow network instead of two.
 */
export function phoneCsp(styleHash: string | null): string {
  const style = styleHash ? `style-src 'self' 'sha256-${styleHash}'` : "style-src 'self'";
  return `default-src 'self'; script-src 'self'; ${style}; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'`;
}

/** The headers of every /t/ answer besides the CSP: the token never sent on as a referrer, not indexed, not framed. */
export const PHONE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * The built page's stylesheet link. The builds refer to their files relatively ("./assets/…" from
 * "/t/<token>", "dat-lich/assets/…" from "/dat-lich"), so the pages work under a front's path prefix.
 */
const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*href="(?:\.\/|[a-z-]+\/)?assets\/([\w.-]+\.css)"[^>]*>/;

/**
 * The built phone page (renderer/phone, `npm run build` → dist/phone): its index.html is the same
 * for every ticket (the script reads the token from the address) with the stylesheet inlined;
 * its script is served under /t/assets/ (the page names it relatively). Read once; a hub started
 * before the build answers a plain 503 page saying so.
 */
export class PhonePages {
  private index: string | null = null;
  private style: { css: string; hash: string } | null = null;

  /** `dir`: the build's output (dist/phone; the booking page, renderer/booking → dist/booking, uses the same class). */
  constructor(readonly dir: string) {}

  page(): string | null {
    if (this.index === null && existsSync(path.join(this.dir, 'index.html'))) {
      const html = readFileSync(path.join(this.dir, 'index.html'), 'utf8');
      const css = STYLESHEET_LINK.exec(html)?.[1];
      const file = css ? path.join(this.dir, 'assets', css) : null;
      if (file && existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        this.style = { css: text, hash: createHash('sha256').update(text, 'utf8').digest('base64') };
        this.index = html.replace(STYLESHEET_LINK, () => `<style>${text}</style>`);
      } else {
        this.index = html;
      }
    }
    return this.index;
  }

  /** The Content-Security-Policy for the pages as built. */
  csp(): string {
    this.page();
    return phoneCsp(this.style?.hash ?? null);
  }

  /** A page with no script: unknown ticket, expired ticket, too many requests, not built. Vietnamese first, English under it. */
  message(title: string, vi: string, en: string): string {
    return this.document(title, `<main class="message"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(vi)}</p><p lang="en" class="en">${escapeHtml(en)}</p></main>`);
  }

  /**
   * A server-drawn page in the build's inlined stylesheet (allowed by the CSP's hash). `body` is HTML
   * the caller escaped; `script`, a same-origin script file's path (never inline script). No
   * favicon request: the browser would ask the site's root, which behind a front's path is not the hub.
   */
  document(title: string, body: string, script?: string): string {
    this.page();
    const css = this.style ? `<style>${this.style.css}</style>` : '';
    const js = script ? `<script src="${escapeHtml(script)}" defer></script>` : '';
    return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>${css}${js}</head>
<body>${body}</body></html>`;
  }

  /** An asset file of the build by its plain name, or null (no paths, no dot files). */
  asset(name: string): { body: Buffer; type: string } | null {
    const m = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|css|svg|woff2)$/.exec(name);
    if (!m) return null;
    const file = path.join(this.dir, 'assets', name);
    if (!existsSync(file)) return null;
    const type = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', woff2: 'font/woff2' }[m[1] as 'js' | 'css' | 'svg' | 'woff2'];
    return { body: readFileSync(file), type };
  }
}
