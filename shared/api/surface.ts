/**
 * What the preload exposes as `window.plateau`: plain names, no schema. Derived from the contract
 * like everything else; for the preload bundle, vite.main.config.ts replaces this module by its
 * values computed at build time, so that no schema (nor zod) travels into the page's preload.
 */
export { LISTENERS, METHODS } from './contract';
