/** The workbench in pipeline mode: pipeline controls on the left, live cores and pipeline charts on the right. */
import type { ReactNode } from 'react';
import type { Capabilities } from '../../shared/lab-api';
import { PipelineControls } from './PipelineControls';
import { PipelinePanel } from './PipelinePanel';
import type { PipelineController } from './use-pipeline-controller';

export interface PipelineViewProps {
  controller: PipelineController;
  capabilities: Capabilities;
  isConnected: boolean;
  /** The mode tabs, shown above the controls. */
  tabs: ReactNode;
  /** The live core panel, shown beside the pipeline's own charts. */
  livePanel: ReactNode;
  /** "Save snapshot…" for the last pipeline, shown once a run has ended. */
  saveButton?: ReactNode;
}

/** The same two-column layout as the compare mode, with the pipeline in it. */
export function PipelineView({
  controller,
  capabilities,
  isConnected,
  tabs,
  livePanel,
  saveButton,
}: PipelineViewProps) {
  return (
    <div className="workbench">
      <aside className="sidebar" aria-label="Controls">
        {tabs}
        <PipelineControls
          capabilities={capabilities}
          form={controller.form}
          onFormChange={controller.setForm}
          state={controller.state}
          isConnected={isConnected}
          onStart={controller.start}
          onStop={controller.stop}
        />
      </aside>
      <main className="content">
        <PipelinePanel state={controller.state} />
        {saveButton}
        {livePanel}
      </main>
    </div>
  );
}
