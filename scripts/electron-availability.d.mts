/** Why Electron cannot start on this machine, as one short phrase, or null when it can. */
export function electronUnavailableReason(where: {
  electronDir: string;
  env: Record<string, string | undefined>;
  platform: string;
}): string | null;
