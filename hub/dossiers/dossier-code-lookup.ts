import { dossierLookupKey, makeCentreDossierCode, type DossierCodeFormat } from '../../core/dossiers/code-format';
import { makeDossierCode, normaliseDossierCode } from '../../core/dossiers/dossier-code';

/**
 * The stored codes a typed or scanned code may name, most likely first: the code itself, then the
 * same day and sequence in the centre's other form — a national code for a dossier numbered in
 * short form (before a switch), or the short code a citizen reads off an older receipt.
 */
export function dossierCodeCandidates(format: DossierCodeFormat, text: string): string[] {
  const code = normaliseDossierCode(text);
  const key = dossierLookupKey(format, code);
  if (!key) return [code];
  const date = { year: 2000 + Number(key.day.slice(0, 2)), month: Number(key.day.slice(2, 4)), day: Number(key.day.slice(4, 6)) };
  const out = [code];
  const add = (make: () => string) => {
    try {
      const c = make();
      if (!out.includes(c)) out.push(c);
    } catch {
      // A sequence past the other form's digits: no such code in that form.
    }
  };
  if (format.kind === 'national') add(() => makeCentreDossierCode(format, date, key.sequence));
  add(() => makeDossierCode(format.prefix, date, key.sequence));
  return out;
}
