import { adminApiKeysStrings } from './admin-api-keys-strings';
import { adminDeliveriesStrings } from './admin-deliveries-strings';
import { adminDevicesStrings } from './admin-devices-strings';
import { adminSignInStrings } from './admin-sign-in-strings';
import { adminStrings } from './admin-strings';
import { appointmentStrings } from './appointment-strings';
import { provinceStatsStrings } from './province-stats-strings';
import { ratingStrings } from './rating-strings';
import { statsStrings } from './stats-strings';
import { roleStrings } from './strings';

/** The admin screen's words besides the shared ones (strings.tsx), in both languages; registered by AdminScreen. */
export const ADMIN_STRINGS = roleStrings({
  vi: {
    ...adminStrings.vi,
    ...appointmentStrings.vi,
    ...ratingStrings.vi,
    ...statsStrings.vi,
    adminSignIn: adminSignInStrings.vi,
    adminDevices: adminDevicesStrings.vi,
    adminApiKeys: adminApiKeysStrings.vi,
    adminDeliveries: adminDeliveriesStrings.vi,
    provinceStats: provinceStatsStrings.vi,
  },
  en: {
    ...adminStrings.en,
    ...appointmentStrings.en,
    ...ratingStrings.en,
    ...statsStrings.en,
    adminSignIn: adminSignInStrings.en,
    adminDevices: adminDevicesStrings.en,
    adminApiKeys: adminApiKeysStrings.en,
    adminDeliveries: adminDeliveriesStrings.en,
    provinceStats: provinceStatsStrings.en,
  },
});
