/** View state that is not part of the design (and so not history): channel, JSON issues, open panels. */
import { createContext, useContext } from 'react';
import type { ChannelId, ExportFormat, Issue } from '@grmd/shared';

export type { ExportFormat };

export type UiState = {
  channel: ChannelId;
  setChannel(c: ChannelId): void;
  format: ExportFormat;
  setFormat(f: ExportFormat): void;
  jsonIssues: Issue[];
  setJsonIssues(i: Issue[]): void;
};

export const UiContext = createContext<UiState | null>(null);
export function useUi(): UiState {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi outside <UiContext.Provider>');
  return ui;
}
