/** The window's top bar: what Corelab is running on, and the measurement note. */
import { formatBytes } from '../../shared/format';
import type { HostInfo } from '../../shared/results';

export interface AppHeaderProps {
  host: HostInfo | null;
  onShowAbout: () => void;
}

/** "Linux 6.1 · Debian GNU/Linux 12 · x64", leaving out parts the host did not give. */
function describeOs(os: HostInfo['os']): string {
  const name =
    os.platform === 'linux'
      ? 'Linux'
      : os.platform === 'darwin'
        ? 'macOS'
        : os.platform === 'win32'
          ? 'Windows'
          : os.platform;
  return [os.distro, `${name} ${os.release}`, os.arch]
    .filter((part) => part.trim() !== '')
    .join(' · ');
}

/** Brand, host facts and the "About these numbers" button. */
export function AppHeader({ host, onShowAbout }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <div>
          <h1>Corelab</h1>
          <p className="brand-tagline">Concurrency models, measured on your own cores</p>
        </div>
      </div>
      {host && (
        <dl className="host-facts" aria-label="This host">
          <div className="host-fact host-fact-cpu">
            <dt>CPU</dt>
            <dd title={host.cpuModel}>{host.cpuModel}</dd>
          </div>
          <div className="host-fact">
            <dt>Cores</dt>
            <dd>
              {host.logicalCores} logical · {host.physicalCores} physical
            </dd>
          </div>
          <div className="host-fact">
            <dt>Memory</dt>
            <dd>{formatBytes(host.memoryBytes)}</dd>
          </div>
          <div className="host-fact host-fact-os">
            <dt>OS</dt>
            <dd title={describeOs(host.os)}>{describeOs(host.os)}</dd>
          </div>
        </dl>
      )}
      <button type="button" className="button button-quiet" onClick={onShowAbout}>
        About these numbers
      </button>
    </header>
  );
}
