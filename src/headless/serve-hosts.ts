/**
 * Which Host headers and Origins browser mode answers. The bind address is normalised the
 * way a browser writes it (`127.1` → `127.0.0.1`, `::1` → `[::1]`), so a page's Origin
 * matches it. A wildcard bind (0.0.0.0, ::) accepts a Host that is one of this machine's own
 * addresses (a laptop reaching a headless server by its IP); a DNS name is accepted only when
 * named by `--origin`, since any site can point a name at this machine (DNS rebinding).
 */
import { networkInterfaces } from 'node:os';

/** Host names that always mean this machine. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** A bind address as a URL writes its host (IPv6 in brackets, numbers normalised), or null. */
export function normalizeHost(host: string): string | null {
  const trimmed = host.trim();
  if (trimmed === '' || /[/?#@\s]/.test(trimmed)) return null;
  const bracketed = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  try {
    const url = new URL(`http://${bracketed}`);
    return url.port === '' ? url.hostname : null;
  } catch {
    return null;
  }
}

/** True for a normalised host only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** True for a bind that listens on every address of the machine. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '[::]';
}

/** This machine's interface addresses, as URL hosts. */
function ownAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [normalizeHost(info.address.split('%')[0]!) ?? ''] : []))
    .filter((address) => address !== '');
}

/** The host rules of one listening server. */
export interface HostRules {
  /** True when a Host header (`name:port`) names this server. */
  isAllowedHost(hostHeader: string | undefined): boolean;
  /** True when a WebSocket's Origin is a page of this server. */
  isAllowedOrigin(origin: string | undefined): boolean;
}

/** Parses `http://host:port` strictly: no credentials, path, query or other scheme. */
function parseOrigin(origin: string): { host: string; port: number } | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' || url.username || url.password) return null;
    if (url.origin !== origin.replace(/\/$/, '')) return null;
    return { host: url.hostname, port: url.port === '' ? 80 : Number(url.port) };
  } catch {
    return null;
  }
}

/**
 * Rules for a server bound to `bindHost` (normalised) on `port`; `extraOrigins` are the
 * `--origin` values, each `http://name:port`.
 */
export function hostRules(bindHost: string, port: number, extraOrigins: string[] = []): HostRules {
  const extra = new Set(extraOrigins.map((origin) => origin.replace(/\/$/, '')));
  const isOwnHost = (host: string): boolean => {
    if (host === bindHost || LOOPBACK_NAMES.includes(host) || isLoopbackHost(host)) {
      // Loopback names reach a loopback or wildcard bind, never one on another address.
      return host === bindHost || isLoopbackHost(bindHost) || isWildcardHost(bindHost);
    }
    return isWildcardHost(bindHost) && ownAddresses().includes(host);
  };
  const isAllowedOrigin = (origin: string | undefined): boolean => {
    if (origin === undefined) return false;
    const parsed = parseOrigin(origin);
    if (!parsed || parsed.port !== port) return false;
    return extra.has(origin.replace(/\/$/, '')) || isOwnHost(parsed.host);
  };
  return {
    isAllowedHost: (hostHeader) =>
      hostHeader !== undefined && isAllowedOrigin(`http://${hostHeader.toLowerCase()}`),
    isAllowedOrigin,
  };
}
