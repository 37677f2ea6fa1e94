import { createContext, useContext, type ReactNode } from 'react';
import { en } from './en';
import { vi, type Strings } from './vi';

export const LANGUAGES = { vi, en } as const satisfies Record<string, Strings>;
export type Language = keyof typeof LANGUAGES;

export function isLanguage(value: string | null): value is Language {
  return value !== null && Object.hasOwn(LANGUAGES, value);
}

const StringsContext = createContext<Strings>(vi);

export function StringsProvider({ language, children }: { readonly language: Language; readonly children: ReactNode }) {
  return <StringsContext.Provider value={LANGUAGES[language]}>{children}</StringsContext.Provider>;
}

/** The words of the current language (Vietnamese unless the page asked for another). */
export function useStrings(): Strings {
  return useContext(StringsContext);
}
