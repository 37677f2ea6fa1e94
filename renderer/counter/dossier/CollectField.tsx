import type { CentreRef } from '../../../core/dossiers/collection';
import { useStrings } from '../../i18n/strings';

/**
 * "Nơi trả kết quả": where the citizen will collect the result. A province counter offers the
 * province's centres (this one, the default, first); a single centre shows its name only.
 */
export function CollectField({
  here,
  centres,
  value,
  onChange,
}: {
  readonly here: CentreRef;
  readonly centres: readonly CentreRef[];
  readonly value: string;
  readonly onChange: (centreId: string) => void;
}) {
  const t = useStrings().counterDossier.collect;
  const others = centres.filter((c) => c.id !== here.id);
  if (others.length === 0) {
    return (
      <p className="cd-collect cd-collect-only" data-testid="collect-at">
        <span className="cd-collect-label">{t.label}:</span> <strong>{here.name}</strong>
      </p>
    );
  }
  return (
    <label className="cd-field cd-collect" data-testid="collect-at">
      <span>{t.label}</span>
      <select name="collectAt" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={here.id}>{t.here(here.name)}</option>
        {others.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
