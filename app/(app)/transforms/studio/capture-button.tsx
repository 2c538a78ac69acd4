"use client";
import { useEffect, useRef, useState } from "react";
import { Radio } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import type { Signal } from "@/lib/transforms/types";
import { ToolbarPicker } from "./toolbar-picker";

type Gateway = { id: string; name: string; connection_state: string };
type Capture = {
  id: string;
  status: string;
  record_count: number;
  max_records: number;
  sample_id: string | null;
  error: string | null;
  ends_at: string;
};

/**
 * "Capture from gateway": asks a connected gateway for up to 1,000 recent records through a temporary sampling
 * pipeline, polls the capture until it closes, then loads the stored (PII-masked) sample.
 */
export function CaptureButton({ signal, onLoad }: { signal: Signal; onLoad: (text: string, source: string) => void }) {
  const [gateways, setGateways] = useState<Gateway[] | null>(null);
  const [gatewayId, setGatewayId] = useState("");
  const [capture, setCapture] = useState<Capture | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    fetch("/api/v1/gateways?limit=200")
      .then(async (res) =>
        res.ok
          ? ((await res.json()) as { items: Gateway[] }).items.filter((g) => g.connection_state === "connected")
          : [],
      )
      .then((items) => {
        setGateways(items);
        setGatewayId(items[0]?.id ?? "");
      })
      .catch(() => setGateways([]));
    return () => clearTimeout(timer.current);
  }, []);

  if (!gateways || gateways.length === 0) return null;
  const poll = async (id: string) => {
    const res = await fetch(`/api/v1/captures/${id}`);
    const body = await res.json();
    if (!res.ok) return setError(body.detail ?? `Capture failed (${res.status})`);
    setCapture(body as Capture);
    if (body.status === "pending" || body.status === "active") {
      timer.current = setTimeout(() => void poll(id), 2000);
    } else if (body.sample_id) {
      const s = await fetch(`/api/v1/samples/${body.sample_id}`);
      const sample = await s.json();
      if (s.ok)
        onLoad(
          JSON.stringify(sample.payload),
          `capture from ${gateways.find((g) => g.id === gatewayId)?.name ?? "gateway"}`,
        );
      else setError(sample.detail ?? "Could not load the captured sample");
    } else {
      setError(body.error ?? `The capture ended (${body.status}) without records`);
    }
  };
  const start = async () => {
    setError(null);
    const res = await fetch(`/api/v1/gateways/${gatewayId}/capture`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ signal, max_records: 1000, duration_seconds: 60 }),
    });
    const body = await res.json();
    if (!res.ok) return setError(body.detail ?? `Could not start the capture (${res.status})`);
    setCapture(body as Capture);
    void poll(body.id);
  };
  const running = capture?.status === "pending" || capture?.status === "active";
  return (
    <ToolbarPicker
      label="Gateway to capture from"
      value={gatewayId}
      onChange={setGatewayId}
      options={gateways.map((g) => ({ value: g.id, label: g.name }))}
      className="max-w-40"
      error={error}
    >
      <Button type="button" variant="outline" size="sm" disabled={running || !gatewayId} onClick={start}>
        <Radio /> {running ? `Capturing… ${capture!.record_count}/${capture!.max_records}` : "Capture from gateway"}
      </Button>
    </ToolbarPicker>
  );
}
