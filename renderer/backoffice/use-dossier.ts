import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import type { DossierSync } from '../../core/integrations/outbound-events';
import type { DossierResult } from '../../core/dossiers/result-files';
import type { Bridge, BridgeInput } from '../../core/protocol/bridge';
import type { AppError, Result } from '../../core/result';
import { useActionIds } from '../shared/command-id';

export interface OpenDossier {
  readonly dossier: Dossier;
  readonly history: readonly DossierHistoryEntry[];
  /** Its sync with the national portal; absent or null when the centre has no portal configured. */
  readonly sync?: DossierSync | null;
  /** The result files its department attached (core/dossiers/result-files.ts). */
  readonly results?: readonly DossierResult[];
}

export type ActRequest = Omit<BridgeInput<'backoffice:act'>, 'code'>;

/**
 * One dossier with its Form 05 history, fetched when opened and again when the inbox hears it
 * changed elsewhere (`latestUpdate`); `act` sends one decision at a time and keeps the answer.
 */
export function useDossier(
  bridge: Bridge,
  code: string,
  latestUpdate: string | undefined,
  onChanged: (d: Dossier) => void,
): {
  readonly open: OpenDossier | null;
  readonly error: AppError | null;
  readonly busy: boolean;
  act(request: ActRequest): Promise<Result<OpenDossier>>;
  /** Sends one result file (PDF bytes) through the terminal to the hub; the answer is the dossier with it listed. */
  attach(name: string, pdf: Uint8Array): Promise<Result<OpenDossier>>;
  reload(): void;
} {
  const [open, setOpen] = useState<OpenDossier | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const alive = useRef(true);
  const ids = useActionIds();

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const reload = useCallback(() => {
    void bridge.invoke('backoffice:dossier', { code }).then((r) => {
      if (!alive.current) return;
      if (r.ok) {
        setOpen(r.value);
        setError(null);
        onChanged(r.value.dossier);
      } else {
        setError(r.error);
      }
    });
  }, [bridge, code, onChanged]);

  useEffect(reload, [reload]);

  // Someone else moved it on (another officer, the counter): show what the hub has now.
  const shownUpdate = open?.dossier.updatedAt;
  useEffect(() => {
    if (latestUpdate !== undefined && shownUpdate !== undefined && latestUpdate > shownUpdate && !inFlight.current) reload();
  }, [latestUpdate, shownUpdate, reload]);

  const act = useCallback(
    async (request: ActRequest): Promise<Result<OpenDossier>> => {
      if (inFlight.current) return { ok: false, error: { kind: 'conflict', message: '' } };
      inFlight.current = true;
      setBusy(true);
      try {
        const r = await ids.invoke(bridge, 'backoffice:act', { code, ...request });
        if (r.ok && alive.current) {
          setOpen(r.value);
          onChanged(r.value.dossier);
        }
        return r;
      } finally {
        inFlight.current = false;
        if (alive.current) setBusy(false);
      }
    },
    [bridge, code, onChanged, ids],
  );

  const attach = useCallback(
    async (name: string, pdf: Uint8Array): Promise<Result<OpenDossier>> => {
      if (inFlight.current) return { ok: false, error: { kind: 'conflict', message: '' } };
      inFlight.current = true;
      setBusy(true);
      try {
        const r = await bridge.invoke('backoffice:attach-result', { code, name, pdf });
        if (r.ok && alive.current) {
          setOpen(r.value);
          onChanged(r.value.dossier);
        }
        return r;
      } finally {
        inFlight.current = false;
        if (alive.current) setBusy(false);
      }
    },
    [bridge, code, onChanged],
  );

  return { open, error, busy, act, attach, reload };
}
