import { appointmentStrings } from './appointment-strings';
import { kioskHelpStrings } from './kiosk-help-strings';
import { kioskStrings } from './kiosk-strings';
import { roleStrings } from './strings';

/** The kiosk's words besides the shared ones (strings.tsx), in both languages; registered by KioskScreen. */
export const KIOSK_STRINGS = roleStrings({
  vi: { ...kioskStrings.vi, ...appointmentStrings.vi, kioskHelp: kioskHelpStrings.vi, keyboard: kioskHelpStrings.vi.keyboard },
  en: { ...kioskStrings.en, ...appointmentStrings.en, kioskHelp: kioskHelpStrings.en, keyboard: kioskHelpStrings.en.keyboard },
});
