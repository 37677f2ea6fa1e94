import { useCallback, useState } from 'react';
import { useLanguage } from '../i18n/strings';
import { useIdleHome } from './use-idle-home';

/**
 * The kiosk's per-citizen settings: the language and the large-text, high-contrast mode. Both go
 * back to the terminal's defaults after the idle time without a touch, so the next citizen finds
 * the kiosk as usual.
 */
export function useKioskAccess(): { readonly largeText: boolean; readonly toggleLargeText: () => void } {
  const { initial, language, setLanguage } = useLanguage();
  const [largeText, setLargeText] = useState(false);
  const changed = largeText || language !== initial;
  useIdleHome(changed, () => {
    setLargeText(false);
    setLanguage(initial);
  });
  const toggleLargeText = useCallback(() => setLargeText((on) => !on), []);
  return { largeText, toggleLargeText };
}
