import { useCallback, useState } from 'react';
import { useLanguage } from '../i18n/strings';
import { useIdleHome } from './use-idle-home';

export interface KioskAccess {
  readonly largeText: boolean;
  readonly toggleLargeText: () => void;
  /** Spoken guidance: off by default. */
  readonly guidance: boolean;
  readonly toggleGuidance: () => void;
}

/**
 * The kiosk's per-citizen settings: the language, the large-text, high-contrast mode and spoken
 * guidance. All go back to the terminal's defaults after the idle time without a touch, so the
 * next citizen finds the kiosk as usual.
 */
export function useKioskAccess(): KioskAccess {
  const { initial, language, setLanguage } = useLanguage();
  const [largeText, setLargeText] = useState(false);
  const [guidance, setGuidance] = useState(false);
  const changed = largeText || guidance || language !== initial;
  useIdleHome(changed, () => {
    setLargeText(false);
    setGuidance(false);
    setLanguage(initial);
  });
  const toggleLargeText = useCallback(() => setLargeText((on) => !on), []);
  const toggleGuidance = useCallback(() => setGuidance((on) => !on), []);
  return { largeText, toggleLargeText, guidance, toggleGuidance };
}
