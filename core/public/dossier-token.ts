/**
 * The public status page of a dossier: the Form 01 receipt's QR carries `<publicBaseUrl>/hs/<token>`
 * when the centre has a public address (a public token, core/public/public-token.ts, drawn by the
 * counter that prints the receipt, so it prints the same whether the hub is reachable or not).
 */
export function dossierPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/hs/${token}`;
}

/**
 * The token of a dossier page's address a scanner read (`…/hs/<token>`), or null. The token's
 * case matters (base64url); the rest of the address may come in capitals (a kiosk field that
 * upper-cases what a keyboard-wedge scanner types until it sees `/hs/`).
 */
export function dossierTokenFromUrl(text: string): string | null {
  const m = /\/hs\/([A-Za-z0-9_-]{24})\/?(?:[?#].*)?$/i.exec(text.trim());
  return m ? m[1]! : null;
}
