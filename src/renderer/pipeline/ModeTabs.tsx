/** The switch between comparing models, a live run, a pipeline and the message explorer. */
import './pipeline.css';

export type WorkbenchMode = 'compare' | 'live' | 'pipeline' | 'messages';

export interface ModeTabsProps {
  mode: WorkbenchMode;
  onModeChange: (mode: WorkbenchMode) => void;
}

const TABS: { mode: WorkbenchMode; label: string }[] = [
  { mode: 'compare', label: 'Compare' },
  { mode: 'live', label: 'Live' },
  { mode: 'pipeline', label: 'Pipeline' },
  { mode: 'messages', label: 'Messages' },
];

/** The id of the tab for a mode, for the panel's aria-labelledby. */
export function modeTabId(mode: WorkbenchMode): string {
  return `mode-tab-${mode}`;
}

/** The id of the panel the tabs control. */
export const MODE_PANEL_ID = 'mode-panel';

/** Where a key moves from tab `index`, or null for keys a tablist leaves alone. */
function targetIndex(key: string, index: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % TABS.length;
    case 'ArrowLeft':
      return (index + TABS.length - 1) % TABS.length;
    case 'Home':
      return 0;
    case 'End':
      return TABS.length - 1;
    default:
      return null;
  }
}

/**
 * The tabs (the WAI-ARIA tabs pattern, selection follows focus): arrow keys, Home and End
 * select a tab and move focus to it; Tab leaves the list. The workbench keeps this list
 * mounted across modes, so the focused tab stays focused.
 */
export function ModeTabs({ mode, onModeChange }: ModeTabsProps) {
  return (
    <div className="mode-tabs" role="tablist" aria-label="What to do">
      {TABS.map((tab, index) => (
        <button
          key={tab.mode}
          id={modeTabId(tab.mode)}
          type="button"
          role="tab"
          className="mode-tab"
          aria-selected={mode === tab.mode}
          aria-controls={MODE_PANEL_ID}
          tabIndex={mode === tab.mode ? 0 : -1}
          data-testid={`mode-${tab.mode}`}
          onClick={() => onModeChange(tab.mode)}
          onKeyDown={(event) => {
            const next = targetIndex(event.key, index);
            if (next === null) return;
            event.preventDefault();
            onModeChange(TABS[next]!.mode);
            (event.currentTarget.parentElement?.children[next] as HTMLElement | undefined)?.focus();
          }}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
