import type { Service } from '../../core/queue/types';
import { useStrings } from '../i18n/strings';

interface ServiceTilesProps {
  readonly services: readonly Service[];
  /** Waiting per service id; null when the queue state is not known. */
  readonly waiting: Readonly<Record<string, number>> | null;
  readonly disabled: boolean;
  /** Services that cannot issue now (the hub is away and the kiosk has no leased number of theirs left). */
  readonly unavailable?: ReadonlySet<string>;
  /** Services that give no walk-in ticket now, with the reason shown on the tile ("Ngoài giờ nhận hồ sơ…", "Đã hết số hôm nay"). */
  readonly closed?: ReadonlyMap<string, string>;
  readonly onTake: (service: Service) => void;
}

/** One big tile per service; the layout picks its columns from the count and the screen's orientation. */
export function ServiceTiles({ services, waiting, disabled, unavailable, closed, onTake }: ServiceTilesProps) {
  const strings = useStrings();
  if (services.length === 0) return <p className="k-empty">{strings.kiosk.noServices}</p>;
  const size = services.length <= 4 ? 'few' : services.length <= 6 ? 'some' : 'many';
  return (
    <ul className={`k-tiles k-tiles-${size}`} aria-label={strings.kiosk.prompt}>
      {services.map((service) => {
        const reason = closed?.get(service.id);
        return (
        <li key={service.id}>
          <button
            type="button"
            className={reason === undefined ? 'k-tile' : 'k-tile k-tile-closed'}
            data-service-id={service.id}
            disabled={disabled || reason !== undefined || (unavailable?.has(service.id) ?? false)}
            onClick={() => onTake(service)}
          >
            <span className="k-tile-name">{service.name}</span>
            {reason !== undefined ? (
              <span className="k-tile-closed-reason" data-testid="tile-closed">
                {reason}
              </span>
            ) : (
              waiting !== null && <span className="k-tile-waiting">{strings.kiosk.waiting(waiting[service.id] ?? 0)}</span>
            )}
            <span className="k-tile-arrow" aria-hidden="true">
              ›
            </span>
          </button>
        </li>
        );
      })}
    </ul>
  );
}
