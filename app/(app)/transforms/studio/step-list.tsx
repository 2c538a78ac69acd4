"use client";
import { useState } from "react";
import { ArrowDown, ArrowUp, GripVertical, Plus, Trash2 } from "lucide-react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/lib/ui/cn";
import { SchemaForm, defaultsFor, type FieldErrors } from "./schema-form";
import { stepKey, type DraftStep, type StepKindInfo } from "./draft";

/**
 * The ordered steps: add from the signal's kinds, reorder by dragging the handle (or the move buttons, for the
 * keyboard), enable/disable, delete, and each step's form with its validation messages.
 */
export function StepList({
  steps,
  kinds,
  errors,
  recordsOut,
  readOnly,
  onChange,
}: {
  steps: DraftStep[];
  kinds: StepKindInfo[];
  errors: Map<string, FieldErrors>;
  /** Records left after each step (by step key), from the preview; null without samples. */
  recordsOut: Map<string | undefined, number> | null;
  readOnly: boolean;
  onChange: (steps: DraftStep[]) => void;
}) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const byKind = new Map(kinds.map((k) => [k.kind, k]));

  const move = (from: number, to: number) => {
    if (to < 0 || to >= steps.length || from === to) return;
    const next = [...steps];
    const [s] = next.splice(from, 1);
    next.splice(to, 0, s);
    onChange(next);
  };
  const update = (i: number, patch: Partial<DraftStep>) =>
    onChange(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <section aria-label="Steps" className="grid gap-3">
      {steps.length === 0 && (
        <p className="text-muted-foreground rounded-md border border-dashed p-4 text-sm">
          No steps yet: add one below. Steps run top to bottom on every record.
        </p>
      )}
      <ol className="grid gap-3">
        {steps.map((step, i) => {
          const info = byKind.get(String(step.value.kind));
          const stepErrors = errors.get(step.key) ?? {};
          const invalid = Object.keys(stepErrors).length > 0;
          const title = info?.label ?? String(step.value.kind);
          return (
            <li
              key={step.key}
              data-testid="step"
              data-kind={String(step.value.kind)}
              className={cn(
                "bg-card grid gap-3 rounded-lg border p-3",
                step.value.enabled === false && "opacity-60",
                invalid && "border-destructive/60",
                over === i && dragging !== null && dragging !== i && "ring-ring ring-2",
              )}
              onDragOver={(e) => {
                if (dragging !== null) {
                  e.preventDefault();
                  setOver(i);
                }
              }}
              onDragLeave={() => setOver((o) => (o === i ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging !== null) move(dragging, i);
                setDragging(null);
                setOver(null);
              }}
            >
              <div className="flex items-center gap-2">
                {!readOnly && (
                  <span
                    draggable
                    onDragStart={(e) => {
                      setDragging(i);
                      e.dataTransfer.effectAllowed = "move";
                      e.dataTransfer.setData("text/plain", String(i));
                    }}
                    onDragEnd={() => {
                      setDragging(null);
                      setOver(null);
                    }}
                    className="text-muted-foreground cursor-grab"
                    title="Drag to reorder"
                    aria-hidden
                  >
                    <GripVertical className="size-4" />
                  </span>
                )}
                <span className="text-muted-foreground w-5 text-xs tabular-nums">{i + 1}.</span>
                <h3 className="flex-1 text-sm font-medium" title={info?.description}>
                  {title}
                </h3>
                {recordsOut?.has(step.key) && (
                  <span className="text-muted-foreground text-xs tabular-nums" data-testid="step-records-out">
                    → {recordsOut.get(step.key)!.toLocaleString("en")} records
                  </span>
                )}
                {invalid && <Badge variant="destructive">Invalid</Badge>}
                {step.value.enabled === false && <Badge variant="outline">Disabled</Badge>}
                {!readOnly && (
                  <>
                    <label className="flex items-center gap-1 text-xs">
                      <input
                        type="checkbox"
                        checked={step.value.enabled !== false}
                        onChange={(e) => update(i, { value: { ...step.value, enabled: e.target.checked } })}
                        aria-label={`Enable step ${i + 1}: ${title}`}
                      />
                      On
                    </label>
                    <StepButton label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                      <ArrowUp />
                    </StepButton>
                    <StepButton
                      label={`Move step ${i + 1} down`}
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      <ArrowDown />
                    </StepButton>
                    <StepButton
                      label={`Delete step ${i + 1}: ${title}`}
                      onClick={() => onChange(steps.filter((_, j) => j !== i))}
                    >
                      <Trash2 />
                    </StepButton>
                  </>
                )}
              </div>
              {info ? (
                <fieldset disabled={readOnly} className="grid gap-2">
                  {info.description && <p className="text-muted-foreground text-xs">{info.description}</p>}
                  <SchemaForm
                    schema={info.schema}
                    value={step.value}
                    errors={stepErrors}
                    onChange={(value) =>
                      update(i, { value: { ...value, kind: step.value.kind, enabled: step.value.enabled } })
                    }
                  />
                  {stepErrors[""] && (
                    <p className="text-destructive text-xs" data-testid="step-field-error">
                      {stepErrors[""].join("; ")}
                    </p>
                  )}
                </fieldset>
              ) : (
                <p className="text-destructive text-xs">This step kind does not exist for this signal.</p>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && <AddStep kinds={kinds} onAdd={(k) => onChange([...steps, newStep(k)])} />}
    </section>
  );
}

function AddStep({ kinds, onAdd }: { kinds: StepKindInfo[]; onAdd: (k: StepKindInfo) => void }) {
  const [kind, setKind] = useState(kinds[0]?.kind ?? "");
  const chosen = kinds.find((k) => k.kind === kind);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1">
        <label htmlFor="add-step-kind" className="text-xs font-medium">
          Step kind
        </label>
        <select
          id="add-step-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          className="border-input h-9 rounded-md border bg-transparent px-2 text-sm"
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="button" variant="outline" disabled={!chosen} onClick={() => chosen && onAdd(chosen)}>
        <Plus /> Add step
      </Button>
      {chosen?.description && <p className="text-muted-foreground basis-full text-xs">{chosen.description}</p>}
    </div>
  );
}

export function newStep(k: StepKindInfo): DraftStep {
  return { key: stepKey(), value: { ...defaultsFor(k.schema), kind: k.kind, enabled: true } };
}

/** A step's small icon button (move up, move down, delete), named by its label. */
function StepButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      className="size-7"
      disabled={disabled}
      onClick={onClick}
      aria-label={label}
    >
      {children}
    </Button>
  );
}
