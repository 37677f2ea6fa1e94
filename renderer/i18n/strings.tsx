import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { vi, type Strings } from './vi';

export const LANGUAGES = { vi, en } as const satisfies Record<string, Strings>;
export type Language = keyof typeof LANGUAGES;

export function isLanguage(value: string | null): value is Language {
  return value !== null && Object.hasOwn(LANGUAGES, value);
}

const StringsContext = createContext<Strings>(vi);

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
