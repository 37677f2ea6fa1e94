import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { appStrings } from './app-strings';
import { hubStateStrings } from './hub-state-strings';
import type { Strings } from './vi';

/*
 * The words in memory: what every screen needs before the hub has said the device's role (the
 * app's messages, errors, the hub state line), then the role's own groups, which its screen's
 * chunk carries and registers (renderer/i18n/for-<role>.ts → addRoleStrings) before it draws. A
 * kiosk never downloads the counter's or the back office's words. vi.ts and en.ts still assemble
 * every group: the type `Strings` and the tests read them.
 */
const SHARED = {
  vi: { ...appStrings.vi, hubState: hubStateStrings.vi },
  en: { ...appStrings.en, hubState: hubStateStrings.en },
};
type SharedKey = keyof typeof SHARED.vi;

/** Typed as `Strings`; the keys of a role's groups are there once its screen registered them. */
export const LANGUAGES = { vi: { ...SHARED.vi } as Strings, en: { ...SHARED.en } as Strings };
export type Language = keyof typeof LANGUAGES;

/** A role's groups of words, the same keys in both languages. */
export interface RoleStrings<K extends Exclude<keyof Strings, SharedKey>> {
  readonly vi: Pick<Strings, K>;
  readonly en: Pick<Strings, K>;
}

/** Declares a role's words (checks both languages carry the same groups, each typed as in `Strings`). */
export function roleStrings<K extends Exclude<keyof Strings, SharedKey>>(words: RoleStrings<K>): RoleStrings<K> {
  return words;
}

/** Adds a role's words to both languages; its screen's module calls it before the screen draws. */
export function addRoleStrings<K extends Exclude<keyof Strings, SharedKey>>(words: RoleStrings<K>): void {
  Object.assign(LANGUAGES.vi, words.vi);
  Object.assign(LANGUAGES.en, words.en);
}

export function isLanguage(value: string | null): value is Language {
  return value !== null && Object.hasOwn(LANGUAGES, value);
}

const StringsContext = createContext<Strings>(LANGUAGES.vi);

interface LanguageChoice {
  /** The language the page opened in (the terminal's setting): what the kiosk goes back to at idle. */
  readonly initial: Language;
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
}
const LanguageContext = createContext<LanguageChoice>({ initial: 'vi', language: 'vi', setLanguage: () => undefined });

/** The words of `language` to start with; a screen may switch (the kiosk's visible switch). */
export function StringsProvider({ language: initial, children }: { readonly language: Language; readonly children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initial);
  useEffect(() => {
    // Screen readers and hyphenation follow the page's language.
    document.documentElement.lang = language;
  }, [language]);
  const choice = useMemo(() => ({ initial, language, setLanguage }), [initial, language]);
  return (
    <LanguageContext.Provider value={choice}>
      <StringsContext.Provider value={LANGUAGES[language]}>{children}</StringsContext.Provider>
    </LanguageContext.Provider>
  );
}

/** The current language and the switch between them. */
export function useLanguage(): LanguageChoice {
  return useContext(LanguageContext);
}

/** The words of the current language (Vietnamese unless the page asked for another). */
export function useStrings(): Strings {
  return useContext(StringsContext);
}
