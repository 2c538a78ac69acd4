import * as React from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A shadcn primitive that is only an element with its `data-slot` and base classes, the caller's classes merged
 * after them: one definition instead of the same five-line function per part.
 */
export function slotted<T extends "div" | "thead" | "tbody" | "tr" | "th" | "td">(tag: T, slot: string, base: string) {
  function Slotted({ className, ...props }: React.ComponentProps<T>) {
    return React.createElement(tag, { "data-slot": slot, className: cn(base, className), ...props });
  }
  Slotted.displayName = slot;
  return Slotted;
}
