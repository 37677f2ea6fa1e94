import { describe, expect, it } from 'vitest';
import { dossierPageUrl, dossierTokenFromUrl } from '../../../core/public/dossier-token';
import { isPublicTokenShaped, PUBLIC_TOKEN_BYTES, publicTokenFromBytes } from '../../../core/public/public-token';
import { ticketTokenFromBytes } from '../../../core/public/ticket-token';

describe('the receipt status link', () => {
  const token = publicTokenFromBytes(Uint8Array.from({ length: PUBLIC_TOKEN_BYTES }, (_, i) => i * 13 + 7));

  it('is a public token, the same kind as a ticket’s, under /hs/', () => {
    expect(isPublicTokenShaped(token)).toBe(true);
    expect(ticketTokenFromBytes(Uint8Array.from({ length: PUBLIC_TOKEN_BYTES }, (_, i) => i * 13 + 7))).toBe(token);
    expect(dossierPageUrl('https://motcua.example.gov.vn', token)).toBe(`https://motcua.example.gov.vn/hs/${token}`);
  });

  it('gives its token back from what a scanner read, keeping the token’s case even when the rest came in capitals', () => {
    expect(dossierTokenFromUrl(`https://motcua.example.gov.vn/hs/${token}`)).toBe(token);
    expect(dossierTokenFromUrl(`HTTPS://MOTCUA.EXAMPLE.GOV.VN/HS/${token}\r\n`)).toBe(token);
    expect(dossierTokenFromUrl(`https://motcua.example.gov.vn/hs/${token}/?utm=x`)).toBe(token);
    expect(dossierTokenFromUrl('MOTCUA:HS:HK-261120-0007')).toBeNull();
    expect(dossierTokenFromUrl('HK-261120-0007')).toBeNull();
    expect(dossierTokenFromUrl(`https://motcua.example.gov.vn/t/${token}`)).toBeNull();
    expect(dossierTokenFromUrl(`https://motcua.example.gov.vn/hs/${token.slice(1)}`)).toBeNull();
  });
});
