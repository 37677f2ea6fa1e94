import { displayStrings } from './display-strings';
import { roleStrings } from './strings';

/** The display's words besides the shared ones (strings.tsx), in both languages; registered by DisplayScreen. */
export const DISPLAY_STRINGS = roleStrings({ vi: { ...displayStrings.vi }, en: { ...displayStrings.en } });
