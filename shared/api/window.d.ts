import type { PlateauApi } from './contract';

declare global {
  interface Window {
    /** Exposed by electron/preload (or the test harness client); use it only from renderer/src/api/. */
    readonly plateau: PlateauApi;
  }
}
