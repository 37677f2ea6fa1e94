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

/**
 * Every word the screens show, Vietnamese first. `Strings` is this object's type, so another
 * language (en.ts) that misses or misspells a key fails the typecheck.
 */
export const vi = {
  ...appStrings.vi,
  ...kioskStrings.vi,
  ...counterStrings.vi,
  ...appointmentStrings.vi,
  ...adminStrings.vi,
  ...ratingStrings.vi,
  ...statsStrings.vi,
  ...displayStrings.vi,
  counterDossier: counterDossierStrings.vi,
  kioskLookup: kioskLookupStrings.vi,
  kioskRating: kioskRatingStrings.vi,
  kioskHelp: kioskHelpStrings.vi,
  keyboard: kioskHelpStrings.vi.keyboard,
  hubState: hubStateStrings.vi,
  backoffice: backofficeStrings.vi,
  resultFiles: resultFilesStrings.vi,
  adminSignIn: adminSignInStrings.vi,
  adminDevices: adminDevicesStrings.vi,
  adminApiKeys: adminApiKeysStrings.vi,
  adminDeliveries: adminDeliveriesStrings.vi,
  provinceStats: provinceStatsStrings.vi,
};

export type Strings = typeof vi;
