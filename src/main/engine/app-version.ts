/** Corelab's version as package.json states it; snapshots record which build wrote them. */
import packageJson from '../../../package.json';

export const APP_VERSION: string = packageJson.version;
