/**
 * The public status page of a dossier: the Form 01 receipt's QR carries `<publicBaseUrl>/hs/<token>`
 * when the centre has a public address (a public token, core/public/public-token.ts, drawn by the
 * counter that prints the receipt, so it prints the same whether the hub is reachable or not).
 */
export function dossierPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/hs/${token}`;
}

/** The token of a dossier page's address a scanner read (`…/hs/<token>`), or null. Case matters: it is base64url. */
export function dossierTokenFromUrl(text: string): string | null {
  const m = /\/hs\/([A-Za-z0-9_-]{24})\/?(?:[?#].*)?$/.exec(text.trim());
  return m ? m[1]! : null;
}
