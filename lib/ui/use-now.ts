"use client";
import { useSyncExternalStore } from "react";

// One shared 1 s ticker for every live "x s ago" on the page, instead of one interval per cell.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onTick: () => void): () => void {
  listeners.add(onTick);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 1000);
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Whole seconds keep the snapshot stable between ticks, as useSyncExternalStore requires.
const snapshot = () => Math.floor(Date.now() / 1000);
const serverSnapshot = () => null;

/** The current time in ms, ticking every second; null while rendering on the server and hydrating. */
export function useNow(): number | null {
  const sec = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  return sec === null ? null : sec * 1000;
}
