import { useState } from 'react';
import type { Service } from '../../core/queue/types';
import { matchesSearch } from '../../core/text/fold';
import { useStrings } from '../i18n/strings';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { ServiceTiles } from './ServiceTiles';
import './service-search.css';

interface ServiceSearchProps {
  readonly services: readonly Service[];
  readonly waiting: Readonly<Record<string, number>> | null;
  readonly disabled: boolean;
  readonly unavailable: ReadonlySet<string>;
  readonly closed: ReadonlyMap<string, string>;
  readonly onTake: (service: Service) => void;
  readonly onHome: () => void;
}

/**
 * "Tìm dịch vụ": the citizen types part of the service's name in Vietnamese on the on-screen Telex
 * keyboard (or without marks: they are ignored), and the matching tiles take a number as on the home screen.
 */
export function ServiceSearch({ services, waiting, disabled, unavailable, closed, onTake, onHome }: ServiceSearchProps) {
  const strings = useStrings();
  const s = strings.kioskHelp.search;
  const [typed, setTyped] = useState('');
  const found = services.filter((x) => matchesSearch(x.name, typed));
  return (
    <section className="k-search" data-testid="kiosk-search">
      <h2 className="k-prompt">{s.title}</h2>
      <p className="k-search-hint">{s.hint}</p>
      <input
        className="k-search-field"
        data-testid="search-field"
        aria-label={s.fieldLabel}
        value={typed}
        autoComplete="off"
        spellCheck={false}
        inputMode="none"
        onChange={(e) => setTyped(e.target.value.normalize('NFC').slice(0, 60))}
      />
      <div className="k-search-results" data-testid="search-results">
        {found.length === 0 ? (
          <p className="k-search-none" role="status">
            {s.none}
          </p>
        ) : (
          <ServiceTiles services={found} waiting={waiting} disabled={disabled} unavailable={unavailable} closed={closed} onTake={onTake} />
        )}
      </div>
      <OnScreenKeyboard layout="telex" value={typed} onChange={setTyped} label={s.keyboard} maxLength={60} />
      <div className="k-checkin-actions">
        <button type="button" className="k-checkin-back" data-testid="search-back" onClick={onHome}>
          {strings.kiosk.back}
        </button>
      </div>
    </section>
  );
}
