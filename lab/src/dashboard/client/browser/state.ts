/** The page's state, shared by the modules that draw it and the controls that change it. */
import type { LoadResult } from '../../../telemetry/types.js';
import { HistoryBuffer, type View } from '../model.js';

export const KEEP_MS = 60 * 60 * 1000;

/** `GET /lab/api/load` (a LoadLevelStatus), when the lab serves it. */
export interface LoadStatus {
  level?: number;
  rate?: number;
  progress?: { line?: string } | null;
  lastResult?: LoadResult | null;
  error?: string | null;
}

export const page = {
  history: new HistoryBuffer(KEEP_MS),
  view: null as View | null,
  windowMs: 15 * 60 * 1000,
  requestedLevel: null as number | null,
  historyProblem: null as string | null,
  loadStatus: null as LoadStatus | null,
  /** Set by app.ts: redraw from the state, or poll the lab now. */
  render: () => {},
  refresh: (): Promise<void> => Promise.resolve(),
};
