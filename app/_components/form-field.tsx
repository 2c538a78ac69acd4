import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Label } from "./ui/label";

export const selectClass = "border-input h-9 rounded-md border bg-transparent px-3 text-sm";

export type Option = { value: string | number; label: ReactNode };

/** A label over its control. */
export function Field({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    // One column as wide as the field may be: a fixed-width control (w-96) shrinks to a phone instead of widening it.
    <div className={cn("grid max-w-full grid-cols-1 gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

/** A labelled text or number input; the input takes every other prop. */
export function InputField({
  id,
  label,
  fieldClassName,
  ...props
}: { id: string; label: ReactNode; fieldClassName?: string } & ComponentProps<typeof Input>) {
  return (
    <Field id={id} label={label} className={fieldClassName}>
      <Input id={id} {...props} />
    </Field>
  );
}

/** The one-line message saved with a new version (of a template or a transform). */
export function VersionMessageField({
  fieldClassName = "flex-1",
  placeholder = "What changed and why",
  ...props
}: { id: string; fieldClassName?: string } & ComponentProps<typeof Input>) {
  return (
    <InputField
      label="Version message"
      fieldClassName={fieldClassName}
      maxLength={500}
      placeholder={placeholder}
      {...props}
    />
  );
}

/** A native select rendered from its options. */
export function Select({
  options,
  className = selectClass,
  ...props
}: { options: Option[] } & ComponentProps<"select">) {
  return (
    <select className={className} {...props}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A labelled select. */
export function SelectField({ id, label, ...props }: { id: string; label: ReactNode } & ComponentProps<typeof Select>) {
  return (
    <Field id={id} label={label}>
      <Select id={id} {...props} />
    </Field>
  );
}

/** The error line under a form or a row of buttons; nothing without an error. */
export function ErrorLine({ error, className = "text-sm" }: { error: string | null | undefined; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={cn("text-destructive", className)}>
      {error}
    </p>
  );
}

/**
 * Under a create form: its refusal, or once it succeeded what only that answer holds (a secret shown this once),
 * drawn by `children` from the created data.
 */
export function ActionOutcome<T>({
  state,
  children,
}: {
  state: { ok: boolean; error?: string; data?: T };
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      <ErrorLine error={state.error} />
      {state.ok && state.data && children(state.data)}
    </>
  );
}

/** A form's submit button, disabled and relabelled while the action runs. */
export function SubmitButton({ pending, label, busyLabel }: { pending: boolean; label: string; busyLabel: string }) {
  return (
    <Button type="submit" disabled={pending}>
      {pending ? busyLabel : label}
    </Button>
  );
}

/** Radio buttons, one label each, for a choice kept in state. */
export function Radios<V extends string>({
  name,
  options,
  value,
  onChange,
  className = "flex items-center gap-2",
}: {
  name?: string;
  options: { value: V; label: ReactNode }[];
  value: V;
  onChange: (value: V) => void;
  className?: string;
}) {
  return options.map((o) => (
    <label key={o.value} className={className}>
      <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
      {o.label}
    </label>
  ));
}
