/** The switch between comparing models and running a pipeline, at the top of the controls. */
import './pipeline.css';

export type WorkbenchMode = 'compare' | 'pipeline';

export interface ModeTabsProps {
  mode: WorkbenchMode;
  onModeChange: (mode: WorkbenchMode) => void;
}

const TABS: { mode: WorkbenchMode; label: string }[] = [
  { mode: 'compare', label: 'Compare' },
  { mode: 'pipeline', label: 'Pipeline' },
];

/** Two tabs; arrow keys move between them, as a tablist should. */
export function ModeTabs({ mode, onModeChange }: ModeTabsProps) {
  return (
    <div className="mode-tabs" role="tablist" aria-label="What to do">
      {TABS.map((tab, index) => (
        <button
          key={tab.mode}
          type="button"
          role="tab"
          className="mode-tab"
          aria-selected={mode === tab.mode}
          tabIndex={mode === tab.mode ? 0 : -1}
          data-testid={`mode-${tab.mode}`}
          onClick={() => onModeChange(tab.mode)}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
            const next =
              TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
            onModeChange(next.mode);
            (
              event.currentTarget.parentElement?.children[TABS.indexOf(next)] as
                HTMLElement | undefined
            )?.focus();
          }}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
