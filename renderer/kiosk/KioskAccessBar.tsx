import { isLanguage, useLanguage, useStrings } from '../i18n/strings';
import './kiosk-access.css';

/**
 * Two large switches under the header: the other language (named in that language), and large
 * text with high contrast. Their accessible names are their visible words (WCAG 2.5.3).
 */
export function KioskAccessBar({
  largeText,
  onToggleLargeText,
  guidance,
}: {
  readonly largeText: boolean;
  readonly onToggleLargeText: () => void;
  /** The spoken-guidance switch; absent where no clips were built. */
  readonly guidance?: { readonly on: boolean; readonly toggle: () => void };
}) {
  const strings = useStrings();
  const { setLanguage } = useLanguage();
  const other = strings.kiosk.otherLanguage;
  return (
    <nav className="k-access-bar" aria-label={strings.kiosk.accessBar}>
      <button
        type="button"
        className="k-access-button"
        lang={other.code}
        data-testid="kiosk-language"
        onClick={() => {
          if (isLanguage(other.code)) setLanguage(other.code);
        }}
      >
        {other.name}
      </button>
      <button
        type="button"
        className="k-access-button"
        aria-pressed={largeText}
        data-testid="kiosk-large-text"
        onClick={onToggleLargeText}
      >
        <span aria-hidden="true" className="k-access-aa">
          Aa
        </span>{' '}
        {strings.kiosk.largeText}
      </button>
      {guidance && (
        <button type="button" className="k-access-button" aria-pressed={guidance.on} data-testid="kiosk-guidance" onClick={guidance.toggle}>
          {strings.kioskHelp.guidance}
        </button>
      )}
    </nav>
  );
}
