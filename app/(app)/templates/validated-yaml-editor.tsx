"use client";
import { useRef } from "react";
import type { ValidationResult } from "@/lib/validation/types";
import { toEditorIssues } from "./issues";
import { useLiveValidation } from "./use-live-validation";
import { ValidationPanel } from "./validation-panel";
import { YamlEditor, type YamlEditorHandle } from "./yaml-editor";

/**
 * A collector config's YAML editor beside its validation panel, validated as the user types; until live validation
 * answers, the panel shows `refused`, the validation that refused the last save.
 */
export function ValidatedYamlEditor({
  value,
  onChange,
  readOnly,
  refused,
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  refused?: ValidationResult;
}) {
  const live = useLiveValidation(value);
  const editor = useRef<YamlEditorHandle>(null);
  const issues = toEditorIssues(live.result) ?? toEditorIssues(refused);
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <YamlEditor
        ref={editor}
        value={value}
        onChange={onChange}
        issues={issues ?? []}
        readOnly={readOnly}
        label="Collector config YAML"
      />
      <ValidationPanel
        issues={issues}
        pending={live.pending}
        error={live.error}
        onJump={(l, c) => editor.current?.goToLine(l, c)}
      />
    </div>
  );
}
