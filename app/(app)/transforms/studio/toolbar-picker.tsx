"use client";
import { cn } from "@/lib/ui/cn";

/**
 * A source of the sample pane's toolbar (a stored sample, a gateway to capture from): a small select labelled for
 * screen readers, its action button (`children`) and the action's error.
 */
export function ToolbarPicker({
  label,
  value,
  onChange,
  options,
  className,
  error,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  className?: string;
  error: string | null;
  children: React.ReactNode;
}) {
  return (
    <span className="flex items-center gap-1">
      <select
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={cn("border-input h-8 rounded-md border bg-transparent px-1 text-xs", className)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
      {error && (
        <span role="alert" className="text-destructive text-xs">
          {error}
        </span>
      )}
    </span>
  );
}
