import { useCallback, useState } from 'react';
import type { Procedure } from '../../../core/dossiers/catalogue';
import type { BridgeOutput, TerminalContext } from '../../../core/protocol/bridge';
import type { Ticket } from '../../../core/queue/types';
import type { AppError } from '../../../core/result';
import { useBridge } from '../../bridge/use-terminal-context';
import { useStrings } from '../../i18n/strings';
import { describeError } from '../../shared/describe-error';
import { applicantFromCccd, checkApplicant, EMPTY_APPLICANT, type ApplicantDraft, type ApplicantProblems } from './applicant-form';
import { ApplicantForm, type CardReading } from './ApplicantForm';
import { Checklist, initialChecklist, type ChecklistLine } from './Checklist';
import { groupVnd, parseVnd } from './dossier-format';
import { ProcedureFacts, ProcedurePicker } from './ProcedurePicker';
import { checkNotify, EMPTY_NOTIFY, type NotifyDraft } from './notify-form';
import { NotifyField } from './NotifyField';
import { CollectField } from './CollectField';
import { ReceiveResult } from './ReceiveResult';
import { ScanPanel } from './ScanPanel';
import { useSerialScans, useWedgeScanner } from './use-code-scans';

/** Fewer spare codes than this and the clerk is told (the counter numbers dossiers itself while the hub is away). */
const FEW_CODES = 10;

type Received = BridgeOutput<'counter:receive-dossier'>;

/** Receiving a dossier: the procedure and its checklist, the applicant (from the CCCD), the scanned papers, the fee. */
export function ReceiveDesk({ context, ticket, active }: { readonly context: TerminalContext; readonly ticket: Ticket | null; readonly active: boolean }) {
  const strings = useStrings();
  const t = strings.counterDossier;
  const bridge = useBridge();
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [lines, setLines] = useState<ChecklistLine[]>([]);
  const [draft, setDraft] = useState<ApplicantDraft>(EMPTY_APPLICANT);
  const [problems, setProblems] = useState<ApplicantProblems>({});
  const [reading, setReading] = useState<CardReading>(null);
  const [fee, setFee] = useState('');
  const [notify, setNotify] = useState<NotifyDraft>(EMPTY_NOTIFY);
  const [notifyProblem, setNotifyProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [received, setReceived] = useState<Received | null>(null);
  // Where the result is collected: this centre unless the citizen chooses another of the province.
  const here = context.catalogue.centre ?? { id: '', name: context.centre?.name ?? '' };
  const [collectAt, setCollectAt] = useState(here.id);

  const readCard = useCallback(
    (content: string) => {
      if (received !== null) return;
      const card = applicantFromCccd(content, new Date());
      if (!card.ok) {
        setReading({ kind: 'failed', messages: card.messages });
        return;
      }
      setDraft((d) => ({ ...d, ...card.fields }));
      setProblems({});
      setReading({ kind: 'filled', name: card.fields.fullName });
    },
    [received],
  );
  useSerialScans(readCard, active);
  useWedgeScanner(readCard, active);

  const pick = (p: Procedure) => {
    setProcedure(p);
    setLines(initialChecklist(p.documents));
    setFee(groupVnd(p.fee));
  };

  const submit = () => {
    if (procedure === null || sending) return;
    const checked = checkApplicant(draft, t.applicant.badDate);
    const consent = checkNotify(notify, t.notify);
    setNotifyProblem(consent.ok ? null : consent.problem);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    if (!consent.ok) return;
    setSending(true);
    setFailure(null);
    const documents = procedure.documents.flatMap((d, i) => (lines[i]?.received ? [{ name: d.name, copies: lines[i].copies }] : []));
    void bridge
      .invoke('counter:receive-dossier', {
        procedureCode: procedure.code,
        applicant: checked.value,
        documents,
        feePaid: parseVnd(fee) ?? 0,
        ...(ticket !== null ? { ticketId: ticket.id } : {}),
        ...(consent.value ? { notify: consent.value } : {}),
        // Only another centre is sent: absent means the receiving centre (also for hubs before issue 13).
        ...(collectAt !== '' && collectAt !== here.id ? { collectAt } : {}),
      })
      .then((r) => {
        if (r.ok) setReceived(r.value);
        else setFailure(r.error);
      })
      .finally(() => setSending(false));
  };

  const startOver = () => {
    setReceived(null);
    setProcedure(null);
    setLines([]);
    setDraft(EMPTY_APPLICANT);
    setProblems({});
    setReading(null);
    setFee('');
    setNotify(EMPTY_NOTIFY);
    setNotifyProblem(null);
    setCollectAt(here.id);
    setFailure(null);
    if ((context.scanner?.pages.length ?? 0) > 0) void bridge.invoke('counter:scan-clear', {});
  };

  const outbox = context.outbox;
  const outboxNote =
    outbox !== null && (outbox.pending > 0 || outbox.codesLeft < FEW_CODES) ? (
      <p className="cd-outbox" role="status" data-testid="dossier-outbox">
        {[outbox.pending > 0 ? t.outbox.pending(outbox.pending) : null, outbox.codesLeft < FEW_CODES ? t.outbox.codesLeft(outbox.codesLeft) : null].filter(Boolean).join(' · ')}
      </p>
    ) : null;

  if (received !== null) {
    return (
      <div className="cd-desk cd-desk-result">
        {outboxNote}
        <ReceiveResult received={received} onNext={startOver} />
      </div>
    );
  }

  const feeValue = parseVnd(fee);
  return (
    <div className="cd-desk cd-receive" data-testid="dossier-receive">
      <div className="cd-col">
        {outboxNote}
        {procedure === null ? (
          <ProcedurePicker procedures={context.catalogue.procedures} onPick={pick} />
        ) : (
          <>
            <ProcedureFacts procedure={procedure} onChange={() => setProcedure(null)} />
            <Checklist documents={procedure.documents} lines={lines} onChange={(i, line) => setLines((ls) => ls.map((l, j) => (j === i ? line : l)))} />
          </>
        )}
      </div>
      <div className="cd-col">
        <ApplicantForm
          draft={draft}
          problems={problems}
          reading={reading}
          onChange={(field, value) => {
            setDraft((d) => ({ ...d, [field]: value }));
            setProblems((p) => ({ ...p, [field]: undefined }));
          }}
        />
        <NotifyField
          draft={notify}
          problem={notifyProblem}
          onChange={(next) => {
            setNotify(next);
            setNotifyProblem(null);
          }}
        />
        <CollectField here={here} centres={context.catalogue.collectCentres ?? []} value={collectAt} onChange={setCollectAt} />
        {context.scanner !== null && <ScanPanel scanner={context.scanner} />}
        <div className="cd-submit">
          <label className="cd-field cd-fee">
            <span>{t.fee.label}</span>
            <input
              name="feePaid"
              inputMode="numeric"
              value={fee}
              onChange={(e) => setFee(e.target.value)}
              onBlur={() => setFee(feeValue === null ? '' : groupVnd(feeValue))}
            />
          </label>
          <button
            type="button"
            className="cd-btn cd-btn-success cd-btn-big"
            disabled={procedure === null || sending}
            title={procedure === null ? t.receive.pickFirst : undefined}
            onClick={submit}
          >
            {sending ? t.receive.sending : t.receive.submit}
          </button>
        </div>
        {ticket !== null && <p className="cd-note">{t.receive.forTicket(ticket.number)}</p>}
        {(Object.values(problems).some(Boolean) || notifyProblem !== null) && (
          <p className="cd-msg cd-msg-error" role="alert">
            {t.receive.fixFirst}
          </p>
        )}
        {failure !== null && (
          <p className="cd-msg cd-msg-error" role="alert">
            <strong>{t.receive.failed}:</strong> {describeError(strings, failure, true)}
          </p>
        )}
      </div>
    </div>
  );
}
