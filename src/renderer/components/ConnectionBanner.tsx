/** A banner that says plainly when the window cannot reach the engine. */
import type { LabConnectionState } from '../lab-transport';

export interface ConnectionBannerProps {
  connection: LabConnectionState;
  /** Set once the window has been connected: a first connect is not a "lost" one. */
  wasConnected: boolean;
}

/** Nothing while connected; otherwise what is wrong and whether it is retrying. */
export function ConnectionBanner({ connection, wasConnected }: ConnectionBannerProps) {
  if (connection.status === 'connected') return null;
  if (connection.status === 'connecting') {
    return (
      <div className="banner banner-info" role="status" data-testid="connection-banner">
        {wasConnected ? 'Reconnecting to the Corelab engine…' : 'Connecting to the Corelab engine…'}
      </div>
    );
  }
  const retry =
    connection.retryInMs === null
      ? ''
      : ` Retrying in ${Math.max(1, Math.round(connection.retryInMs / 1000))} s.`;
  return (
    <div className="banner banner-error" role="alert" data-testid="connection-banner">
      <strong>Disconnected from the Corelab engine:</strong> {connection.reason}.{retry}
    </div>
  );
}
