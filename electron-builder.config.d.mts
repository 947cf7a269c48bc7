import type { Configuration } from 'electron-builder';

/** The installers' configuration (electron-builder.config.mjs). */
declare const config: Configuration;
export default config;
