import { useCallback, useState } from 'react';
import { useStrings } from '../../i18n/strings';

export type CounterTab = 'queue' | 'receive' | 'returns';
const TABS: readonly CounterTab[] = ['queue', 'receive', 'returns'];

/** Which of the counter's jobs is on screen, and a dossier the notices asked to open for returning. */
export function useCounterTabs(): {
  readonly tab: CounterTab;
  readonly choose: (tab: CounterTab) => void;
  readonly opening: { readonly code: string } | null;
  readonly openDossier: (code: string) => void;
} {
  const [tab, setTab] = useState<CounterTab>('queue');
  const [opening, setOpening] = useState<{ readonly code: string } | null>(null);
  const openDossier = useCallback((code: string) => {
    setOpening({ code });
    setTab('returns');
  }, []);
  return { tab, choose: setTab, opening, openDossier };
}

/** Three big tabs under the header: "Gọi số", "Tiếp nhận hồ sơ", "Trả kết quả". */
export function CounterTabs({ tab, onChoose }: { readonly tab: CounterTab; readonly onChoose: (tab: CounterTab) => void }) {
  const t = useStrings().counterDossier.tabs;
  return (
    <nav className="cd-tabs" role="tablist" aria-label={t.label}>
      {TABS.map((id) => (
        <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'cd-tab cd-tab-on' : 'cd-tab'} onClick={() => onChoose(id)}>
          {t[id]}
        </button>
      ))}
    </nav>
  );
}
