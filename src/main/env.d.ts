// electron-vite's import suffixes for the main process (`?modulePath` bundles a worker entry).
/// <reference types="electron-vite/node" />
