/** The live core samples, pushed into a ring outside React state as they arrive. */
import { useEffect, useState } from 'react';
import type { LabApi } from '../../shared/lab-api';
import { CoreHistory } from '../state/core-history';

/** A CoreHistory sized for `cores`, fed from `api` while it is connected. */
export function useCoreHistory(api: LabApi | null, cores: number): CoreHistory {
  const [history] = useState(() => new CoreHistory(cores));
  useEffect(() => {
    if (!api) return;
    return api.onCoreSample((sample) => history.push(sample));
  }, [api, history]);
  return history;
}
