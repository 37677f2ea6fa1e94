import { NotifyConsentSchema, type NotifyConsent } from '../../../core/integrations/notify-consent';

/** The notification block of the receive form: a phone given FOR notifications, and the citizen's explicit consent. */
export interface NotifyDraft {
  readonly phone: string;
  readonly consent: boolean;
}

export const EMPTY_NOTIFY: NotifyDraft = { phone: '', consent: false };

/**
 * What goes with dossier:receive: nothing when both are empty; the phone and `consent: true` when
 * both are given and the number is a Vietnamese mobile (the command's own schema); otherwise the
 * problem to show — a number without consent is never sent (nor silently dropped).
 */
export function checkNotify(draft: NotifyDraft, words: { readonly needConsent: string; readonly needPhone: string }): { ok: true; value: NotifyConsent | undefined } | { ok: false; problem: string } {
  const phone = draft.phone.trim();
  if (phone === '' && !draft.consent) return { ok: true, value: undefined };
  if (phone === '') return { ok: false, problem: words.needPhone };
  if (!draft.consent) return { ok: false, problem: words.needConsent };
  const parsed = NotifyConsentSchema.safeParse({ phone, consent: true });
  if (!parsed.success) return { ok: false, problem: parsed.error.issues[0]?.message ?? words.needPhone };
  return { ok: true, value: parsed.data };
}
