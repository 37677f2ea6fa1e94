import { describe, expect, it } from 'vitest';
import { checkNotify, EMPTY_NOTIFY } from '../../renderer/counter/dossier/notify-form';

/** The receive form's notification block: sent only with a Vietnamese mobile AND the consent box. */
describe('counter receive form: phone for notifications and consent', () => {
  const words = { needConsent: 'chưa đồng ý', needPhone: 'cần số' };

  it('sends nothing when both are empty, and the phone with consent: true when both are given', () => {
    expect(checkNotify(EMPTY_NOTIFY, words)).toEqual({ ok: true, value: undefined });
    expect(EMPTY_NOTIFY.consent).toBe(false);
    expect(checkNotify({ phone: ' 0912 345 678 ', consent: true }, words)).toEqual({ ok: true, value: { phone: '0912 345 678', consent: true } });
  });

  it('never drops a number silently: without the box, or the box without a number, is a problem', () => {
    expect(checkNotify({ phone: '0912 345 678', consent: false }, words)).toEqual({ ok: false, problem: 'chưa đồng ý' });
    expect(checkNotify({ phone: '  ', consent: true }, words)).toEqual({ ok: false, problem: 'cần số' });
  });

  it('refuses what the command refuses: a landline or a foreign number, in Vietnamese', () => {
    for (const phone of ['024 3825 1234', '+33 6 12 34 56 78']) {
      const r = checkNotify({ phone, consent: true }, words);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toContain('không phải số di động Việt Nam');
    }
  });
});
