import { processSingleton } from "../singleton";

/** Process lifecycle seen by both server.ts and the Next bundles: readiness turns false once shutdown starts. */
const state = () => processSingleton("lifecycle", () => ({ draining: false }));

export function markDraining(): void {
  state().draining = true;
}

export function isDraining(): boolean {
  return state().draining;
}
