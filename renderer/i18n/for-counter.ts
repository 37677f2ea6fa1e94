import { counterDossierStrings } from './counter-dossier-strings';
import { counterStrings } from './counter-strings';
import { ratingStrings } from './rating-strings';
import { resultFilesStrings } from './result-files-strings';
import { roleStrings } from './strings';

/** The counter's words besides the shared ones (strings.tsx), in both languages; registered by CounterScreen. */
export const COUNTER_STRINGS = roleStrings({
  vi: { ...counterStrings.vi, ...ratingStrings.vi, counterDossier: counterDossierStrings.vi, resultFiles: resultFilesStrings.vi },
  en: { ...counterStrings.en, ...ratingStrings.en, counterDossier: counterDossierStrings.en, resultFiles: resultFilesStrings.en },
});
