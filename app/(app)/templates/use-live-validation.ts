"use client";
import { useEffect, useState } from "react";
import type { ValidationResult } from "@/lib/validation/types";

export type LiveValidation = { result: ValidationResult | null; pending: boolean; error: string | null };

/** Validates the YAML through POST /api/v1/validation, debounced while typing; stale answers are dropped. */
export function useLiveValidation(yaml: string, delayMs = 400): LiveValidation {
  const [state, setState] = useState<LiveValidation>({ result: null, pending: true, error: null });
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, pending: true })); // eslint-disable-line react-hooks/set-state-in-effect -- the result on screen is marked stale as soon as the text changes, before the debounced request
    const timer = setTimeout(async () => {
      try {
        const res = await fetch("/api/v1/validation", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ config_yaml: yaml }),
          signal: abort.signal,
        });
        const body = await res.json();
        if (abort.signal.aborted) return;
        if (!res.ok)
          setState({ result: null, pending: false, error: body.detail ?? `Validation failed (${res.status})` });
        else setState({ result: body as ValidationResult, pending: false, error: null });
      } catch (err) {
        if (!abort.signal.aborted)
          setState({ result: null, pending: false, error: `Validation is unavailable: ${(err as Error).message}` });
      }
    }, delayMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [yaml, delayMs]);
  return state;
}
