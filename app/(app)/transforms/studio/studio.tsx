"use client";
import { useMemo, useState } from "react";
import * as Tabs from "@radix-ui/react-tabs";
import { YamlViewer } from "@/app/_components/yaml-viewer";
import { InputField, SelectField } from "@/app/_components/form-field";
import type { Signal } from "@/lib/transforms/types";
import { cn } from "@/lib/ui/cn";
import { CaptureButton } from "./capture-button";
import { checkSteps, kindsFor, toDraft, type DraftStep } from "./draft";
import { parseSampleText, type SampleSet } from "./engine";
import { PreviewTable } from "./preview-table";
import { SamplePane } from "./sample-pane";
import { SaveBar, type SavedTransform } from "./save-bar";
import { StepList } from "./step-list";
import { StoredSamples } from "./stored-samples";
import { TotalsBar } from "./totals-bar";
import { usePreview } from "./use-preview";
import { useUnsavedGuard } from "@/app/_components/use-unsaved-guard";

const SIGNALS: { value: Signal; label: string }[] = [
  { value: "logs", label: "Logs" },
  { value: "metrics", label: "Metrics" },
  { value: "traces", label: "Traces" },
];

const tabClass = cn(
  "border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground",
  "data-[state=active]:border-primary data-[state=active]:text-foreground",
);

export type StudioProps = {
  /** Absent for a new transform. */
  transform?: SavedTransform;
  signal: Signal;
  steps: unknown[];
  name?: string;
  sample?: string;
  /** What `sample` is, shown as "N metrics from <sampleSource>"; "example" unless said. */
  sampleSource?: string;
  canWrite: boolean;
};

/**
 * The transform studio: steps on the left, samples before/after on the right, totals on top. The preview runs
 * here in the browser on every change (compile + evaluate), so what is shown is what the compiled YAML does.
 */
export function Studio({
  transform,
  signal: initialSignal,
  steps: initialSteps,
  name: initialName = "",
  sample = "",
  sampleSource: initialSampleSource = "example",
  canWrite,
}: StudioProps) {
  const [signal, setSignal] = useState<Signal>(initialSignal);
  const [name, setName] = useState(transform?.name ?? initialName);
  const [steps, setSteps] = useState<DraftStep[]>(() => toDraft(initialSteps));
  const [sampleText, setSampleText] = useState(sample);
  const [sampleSource, setSampleSource] = useState(sample ? initialSampleSource : "");
  const [jsonInto, setJsonInto] = useState<"body" | "attributes">("body");
  const [saved, setSaved] = useState(() => JSON.stringify(initialSteps));

  const kinds = kindsFor(signal);
  const checked = useMemo(() => checkSteps(signal, steps), [signal, steps]);
  const samples = useMemo(() => parseOrError(signal, sampleText, jsonInto), [signal, sampleText, jsonInto]);
  const preview = usePreview(signal, name || "draft", checked.valid, samples.set);
  const stepRecords = useMemo(
    () => new Map([...preview.stepRecords].map(([i, n]) => [steps[checked.validIndexes[i]]?.key, n])),
    [preview.stepRecords, checked.validIndexes, steps],
  );
  const dirty =
    JSON.stringify(steps.map((s) => s.value)) !== saved || (!transform && (name !== "" || steps.length > 0));
  useUnsavedGuard(dirty && canWrite, "You have unsaved changes to this transform. Leave without saving?");

  const load = (text: string, source: string) => {
    setSampleText(text);
    setSampleSource(source);
  };
  return (
    <div className="grid gap-4" data-testid="studio">
      {!transform && (
        <div className="flex flex-wrap items-end gap-4">
          <InputField
            id="transform-name"
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="drop-debug-logs"
            className="w-72 font-mono"
            maxLength={100}
          />
          <SelectField
            id="transform-signal"
            label="Signal"
            value={signal}
            disabled={steps.length > 0}
            title={steps.length > 0 ? "Remove the steps to change the signal" : undefined}
            onChange={(e) => setSignal(e.target.value as Signal)}
            className="border-input h-9 rounded-md border bg-transparent px-2 text-sm"
            options={SIGNALS}
          />
        </div>
      )}
      <TotalsBar totals={preview.totals} ms={preview.ms} pending={preview.pending} signal={signal} />
      {preview.error && (
        <p role="alert" className="text-destructive text-sm" data-testid="preview-error">
          Preview failed: {preview.error}
        </p>
      )}
      {!preview.error && preview.notice && (
        <p className="text-muted-foreground text-sm" data-testid="preview-notice">
          {preview.notice}
        </p>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="grid gap-2">
          <h2 className="text-sm font-semibold">Steps</h2>
          <StepList
            steps={steps}
            kinds={kinds}
            errors={checked.errors}
            recordsOut={samples.set ? stepRecords : null}
            readOnly={!canWrite}
            onChange={setSteps}
          />
          {checked.errors.size > 0 && (
            <p className="text-muted-foreground text-xs">
              Steps with errors are left out of the preview until they are fixed, and block saving.
            </p>
          )}
        </div>
        <Tabs.Root defaultValue="preview">
          <Tabs.List aria-label="Studio views" className="mb-3 flex gap-1 border-b">
            <Tabs.Trigger value="preview" className={tabClass}>
              Before / after
            </Tabs.Trigger>
            <Tabs.Trigger value="yaml" className={tabClass}>
              Compiled YAML
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="preview" className="grid gap-4">
            <SamplePane
              signal={signal}
              text={sampleText}
              onText={load}
              summary={
                samples.set
                  ? `${samples.set.summary}${sampleSource && sampleSource !== "pasted" ? ` from ${sampleSource}` : ""}`
                  : null
              }
              error={samples.error}
              extra={
                <>
                  {signal === "logs" && (
                    <label className="text-muted-foreground flex items-center gap-1 text-xs">
                      JSON objects go into
                      <select
                        value={jsonInto}
                        onChange={(e) => setJsonInto(e.target.value as "body" | "attributes")}
                        className="border-input h-8 rounded-md border bg-transparent px-1"
                      >
                        <option value="body">the body</option>
                        <option value="attributes">attributes</option>
                      </select>
                    </label>
                  )}
                  <StoredSamples signal={signal} onLoad={load} />
                  {canWrite && <CaptureButton signal={signal} onLoad={load} />}
                </>
              }
            />
            {preview.records.length > 0 && <PreviewTable records={preview.records} />}
          </Tabs.Content>
          <Tabs.Content value="yaml" className="grid gap-2">
            <p className="text-muted-foreground text-xs">
              The processors this version adds to a pipeline that lists{" "}
              <code>flowgate_transform/{name || "<name>"}</code>.
            </p>
            <YamlViewer
              yaml={preview.compiled?.yaml}
              filename={`${name || "transform"}.yaml`}
              label="Compiled processors"
              empty="No steps to compile yet."
            />
          </Tabs.Content>
        </Tabs.Root>
      </div>
      {canWrite ? (
        <SaveBar
          transform={transform}
          draft={{ name, signal, steps: steps.map((s) => s.value) }}
          dirty={dirty}
          blocked={
            checked.errors.size > 0
              ? "Fix the steps marked invalid before saving."
              : steps.length === 0
                ? "Add at least one step."
                : null
          }
          onSaved={() => setSaved(JSON.stringify(steps.map((s) => s.value)))}
        />
      ) : (
        <p className="text-muted-foreground text-sm">Read-only: saving transforms needs the operator role or higher.</p>
      )}
    </div>
  );
}

function parseOrError(
  signal: Signal,
  text: string,
  jsonInto: "body" | "attributes",
): { set: SampleSet | null; error: string | null } {
  if (!text.trim()) return { set: null, error: null };
  try {
    return { set: parseSampleText(signal, text, { jsonInto }), error: null };
  } catch (err) {
    return { set: null, error: (err as Error).message };
  }
}
