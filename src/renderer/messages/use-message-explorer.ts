/** The message explorer's state: its form, the rows as they arrive, and the finished report. */
import { useEffect, useRef, useState } from 'react';
import { errorMessage, LabError } from '../../shared/errors';
import type { LabApi } from '../../shared/lab-api';
import {
  MESSAGE_MODEL_IDS,
  type MessageModel,
  type MessageReport,
  type MessageRow,
} from '../../shared/messages/message-cost';
import { ladderBetween, MESSAGE_SIZE_LADDER } from '../../shared/messages/message-sizes';

export interface MessageForm {
  minBytes: number;
  maxBytes: number;
  models: readonly MessageModel[];
}

export interface MessageExplorer {
  form: MessageForm;
  setForm(update: (form: MessageForm) => MessageForm): void;
  /** The rows so far (live while measuring), then the report's. */
  rows: readonly MessageRow[];
  report: MessageReport | null;
  progress: { done: number; total: number } | null;
  error: string | null;
  isBusy: boolean;
  /** True once the last measurement was cancelled (its rows so far stay). */
  isCancelled: boolean;
  /** True between Cancel and the measurement's end. */
  isCancelling: boolean;
  measure(): void;
  /** Cancels the measurement in progress; its workers and processes end. */
  cancel(): void;
}

/** Lives in the workbench, so a measurement survives a switch of tabs. */
export function useMessageExplorer(api: LabApi): MessageExplorer {
  const [form, setForm] = useState<MessageForm>({
    minBytes: MESSAGE_SIZE_LADDER[0]!,
    maxBytes: MESSAGE_SIZE_LADDER.at(-1)!,
    models: MESSAGE_MODEL_IDS,
  });
  const [rows, setRows] = useState<readonly MessageRow[]>([]);
  const [report, setReport] = useState<MessageReport | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isCancelled, setCancelled] = useState(false);
  const [isCancelling, setCancelling] = useState(false);
  const cancelRequested = useRef(false);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type !== 'messages-progress') return;
        setRows((previous) => [...previous, event.progress.row]);
        setProgress({ done: event.progress.done, total: event.progress.total });
      }),
    [api],
  );

  const measure = (): void => {
    setBusy(true);
    setRows([]);
    setReport(null);
    setProgress(null);
    setError(null);
    setCancelled(false);
    cancelRequested.current = false;
    api
      .measureMessages({
        models: [...form.models],
        sizes: ladderBetween(form.minBytes, form.maxBytes),
      })
      .then(
        (done) => {
          setReport(done);
          setRows(done.rows);
        },
        (failure: unknown) => {
          const wasCancelled =
            cancelRequested.current ||
            (failure instanceof LabError && failure.code === 'cancelled');
          if (wasCancelled) setCancelled(true);
          else setError(errorMessage(failure));
        },
      )
      .finally(() => {
        setBusy(false);
        setCancelling(false);
      });
  };

  const cancel = (): void => {
    cancelRequested.current = true;
    setCancelling(true);
    api.cancelMessages().catch((failure: unknown) => setError(errorMessage(failure)));
  };

  return {
    form,
    setForm,
    rows,
    report,
    progress,
    error,
    isBusy,
    isCancelled,
    isCancelling,
    measure,
    cancel,
  };
}
