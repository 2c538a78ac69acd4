"use client";
import { useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import type { Signal } from "@/lib/transforms/types";
import { ToolbarPicker } from "./toolbar-picker";

type StoredSample = { id: string; name: string; source: string; record_count: number; created_at: string };

/** Picks one of the org's stored samples (pasted, uploaded or captured earlier) and loads its OTLP/JSON payload. */
export function StoredSamples({ signal, onLoad }: { signal: Signal; onLoad: (text: string, source: string) => void }) {
  const [samples, setSamples] = useState<StoredSample[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/v1/samples?signal=${signal}&limit=50`, { signal: abort.signal })
      .then(async (res) => (res.ok ? ((await res.json()) as { items: StoredSample[] }).items : []))
      .then((items) => {
        setSamples(items);
        setChosen(items[0]?.id ?? "");
      })
      .catch(() => {
        if (!abort.signal.aborted) setSamples([]);
      });
    return () => abort.abort();
  }, [signal]);

  if (!samples || samples.length === 0) return null;
  const load = async () => {
    setLoading(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/samples/${chosen}`);
      const body = await res.json();
      if (!res.ok) return setError(body.detail ?? `Could not load the sample (${res.status})`);
      onLoad(JSON.stringify(body.payload), `stored sample "${body.name}"`);
    } catch (err) {
      setError(`Could not load the sample: ${(err as Error).message}`);
    } finally {
      setLoading(false);
    }
  };
  return (
    <ToolbarPicker
      label="Stored sample"
      value={chosen}
      onChange={setChosen}
      options={samples.map((s) => ({ value: s.id, label: `${s.name} (${s.record_count}, ${s.source})` }))}
      className="max-w-48"
      error={error}
    >
      <Button type="button" variant="outline" size="sm" disabled={!chosen || loading} onClick={load}>
        {loading ? "Loading…" : "Load"}
      </Button>
    </ToolbarPicker>
  );
}
