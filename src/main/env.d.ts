// electron-vite's import suffixes for the main process (`?modulePath` bundles a worker entry).
/// <reference types="electron-vite/node" />
// Vite's import.meta.glob, which lists the worker hosts (worker-scripts.ts).
/// <reference types="vite/types/importMeta.d.ts" />
