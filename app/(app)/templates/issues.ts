import type { ValidationResult } from "@/lib/validation/types";
import type { EditorIssue } from "./yaml-editor";

export function toEditorIssues(result: ValidationResult | null | undefined): EditorIssue[] | null {
  if (!result) return null;
  return [
    ...result.errors.map((e) => ({ ...e, severity: "error" as const })),
    ...result.warnings.map((w) => ({ ...w, severity: "warning" as const })),
  ];
}
