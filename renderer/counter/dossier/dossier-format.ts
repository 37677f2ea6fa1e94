import type { Procedure } from '../../../core/dossiers/catalogue';
import type { CounterDossierStrings } from '../../i18n/counter-dossier-strings';

export function processingText(t: CounterDossierStrings, procedure: Pick<Procedure, 'processing'>): string {
  const p = procedure.processing;
  if ('workingHours' in p) return t.procedure.workingHours(p.workingHours);
  return p.workingDays === 0 ? t.procedure.sameDay : t.procedure.workingDays(p.workingDays);
}

/** "50.000" (or "50000", "50 000 đ") → 50000; null when there are no digits. */
export function parseVnd(text: string): number | null {
  const digits = text.replace(/\D/g, '');
  return digits === '' ? null : Number(digits);
}

/** VND grouped the Vietnamese way: 50000 → "50.000". */
export function groupVnd(n: number): string {
  return n.toLocaleString('vi-VN');
}
