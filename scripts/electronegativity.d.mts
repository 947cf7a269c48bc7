/** A finding as Electronegativity reports it (the fields Corelab reads). */
export interface ScanFinding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  shortenedURL: string;
  severity: { value: number; name: string };
  confidence: { value: number; name: string };
}

/** Checks left out of every scan, each for a reason given in the script. */
export const EXCLUDED_CHECKS: string[];

/** The Electron version the sources target, from package.json. */
export function pinnedElectronVersion(packageJsonPath?: string): string;

/** Scans `input`: findings at or above MEDIUM, unparsed files, and how many were lower. */
export function scan(options: { input: string; electronVersion: string }): Promise<{
  findings: ScanFinding[];
  unparsed: { file: string; message: string }[];
  lowerCount: number;
}>;
