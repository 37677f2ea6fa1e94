import { backofficeStrings } from './backoffice-strings';
import { resultFilesStrings } from './result-files-strings';
import { roleStrings } from './strings';

/** The back office's words besides the shared ones (strings.tsx), in both languages; registered by BackofficeScreen. */
export const BACKOFFICE_STRINGS = roleStrings({
  vi: { backoffice: backofficeStrings.vi, resultFiles: resultFilesStrings.vi },
  en: { backoffice: backofficeStrings.en, resultFiles: resultFilesStrings.en },
});
