"use client";
import { useActionState, useRef, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { createTemplateAction, type TemplateActionResult } from "../actions";
import { toEditorIssues } from "../issues";
import { useLiveValidation } from "../use-live-validation";
import { ValidationPanel } from "../validation-panel";
import { YamlEditor, type YamlEditorHandle } from "../yaml-editor";
import { SAMPLE_COLLECTOR_CONFIG } from "@/lib/templates/sample-config";

export function NewTemplateForm() {
  const [state, action, pending] = useActionState<TemplateActionResult, FormData>(createTemplateAction, { ok: false });
  const [content, setContent] = useState(SAMPLE_COLLECTOR_CONFIG);
  // Controlled, because React resets uncontrolled fields after every form action, failed ones included.
  const [fields, setFields] = useState({ name: "", description: "", message: "" });
  const field = (key: keyof typeof fields) => ({
    name: key,
    value: fields[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFields({ ...fields, [key]: e.target.value }),
  });
  const live = useLiveValidation(content);
  const editor = useRef<YamlEditorHandle>(null);
  const issues = toEditorIssues(live.result) ?? toEditorIssues(state.validation);
  return (
    <form action={action} className="grid gap-4">
      <div className="flex flex-wrap gap-4">
        <div className="grid gap-2">
          <Label htmlFor="template-name">Name</Label>
          <Input
            id="template-name"
            {...field("name")}
            required
            maxLength={100}
            className="w-72"
            placeholder="edge-gateways"
          />
        </div>
        <div className="grid flex-1 gap-2">
          <Label htmlFor="template-description">Description</Label>
          <Input
            id="template-description"
            {...field("description")}
            maxLength={1000}
            placeholder="What this config is for"
          />
        </div>
      </div>
      <input type="hidden" name="content" value={content} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <YamlEditor
          ref={editor}
          value={content}
          onChange={setContent}
          issues={issues ?? []}
          label="Collector config YAML"
        />
        <ValidationPanel
          issues={issues}
          pending={live.pending}
          error={live.error}
          onJump={(l, c) => editor.current?.goToLine(l, c)}
        />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid flex-1 gap-2">
          <Label htmlFor="template-message">Version message</Label>
          <Input id="template-message" {...field("message")} maxLength={500} placeholder="Initial version" />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create template"}
        </Button>
      </div>
      {state.error && (
        <p role="alert" className="text-destructive text-sm">
          {state.error}
        </p>
      )}
    </form>
  );
}
