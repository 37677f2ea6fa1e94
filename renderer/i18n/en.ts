import type { Strings } from './vi';
import { adminApiKeysStrings } from './admin-api-keys-strings';
import { adminDeliveriesStrings } from './admin-deliveries-strings';
import { provinceStatsStrings } from './province-stats-strings';
import { adminDevicesStrings } from './admin-devices-strings';
import { adminSignInStrings } from './admin-sign-in-strings';
import { backofficeStrings } from './backoffice-strings';
import { kioskLookupStrings } from './kiosk-lookup-strings';
import { kioskRatingStrings } from './kiosk-rating-strings';
import { kioskHelpStrings } from './kiosk-help-strings';
import { hubStateStrings } from './hub-state-strings';
import { counterDossierStrings } from './counter-dossier-strings';
import { resultFilesStrings } from './result-files-strings';
import { appStrings } from './app-strings';
import { kioskStrings } from './kiosk-strings';
import { counterStrings } from './counter-strings';
import { appointmentStrings } from './appointment-strings';
import { adminStrings } from './admin-strings';
import { ratingStrings } from './rating-strings';
import { statsStrings } from './stats-strings';
import { displayStrings } from './display-strings';

/** English, for visitors and developers. Typed as `Strings`: a missing key fails the typecheck. */
export const en: Strings = {
  ...appStrings.en,
  ...kioskStrings.en,
  ...counterStrings.en,
  ...appointmentStrings.en,
  ...adminStrings.en,
  ...ratingStrings.en,
  ...statsStrings.en,
  ...displayStrings.en,
  counterDossier: counterDossierStrings.en,
  kioskLookup: kioskLookupStrings.en,
  kioskRating: kioskRatingStrings.en,
  kioskHelp: kioskHelpStrings.en,
  keyboard: kioskHelpStrings.en.keyboard,
  hubState: hubStateStrings.en,
  backoffice: backofficeStrings.en,
  resultFiles: resultFilesStrings.en,
  adminSignIn: adminSignInStrings.en,
  adminDevices: adminDevicesStrings.en,
  adminApiKeys: adminApiKeysStrings.en,
  adminDeliveries: adminDeliveriesStrings.en,
  provinceStats: provinceStatsStrings.en,
};
