"use client";
import { useActionState, useState } from "react";
import { ErrorLine, InputField, VersionMessageField } from "@/app/_components/form-field";
import { Button } from "@/app/_components/ui/button";
import { createTemplateAction, type TemplateActionResult } from "../actions";
import { ValidatedYamlEditor } from "../validated-yaml-editor";
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
  return (
    <form action={action} className="grid gap-4">
      <div className="flex flex-wrap gap-4">
        <InputField
          id="template-name"
          label="Name"
          {...field("name")}
          required
          maxLength={100}
          className="w-72"
          placeholder="edge-gateways"
        />
        <InputField
          id="template-description"
          label="Description"
          fieldClassName="flex-1"
          {...field("description")}
          maxLength={1000}
          placeholder="What this config is for"
        />
      </div>
      <input type="hidden" name="content" value={content} />
      <ValidatedYamlEditor value={content} onChange={setContent} refused={state.validation} />
      <div className="flex flex-wrap items-end gap-3">
        <VersionMessageField id="template-message" {...field("message")} placeholder="Initial version" />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create template"}
        </Button>
      </div>
      <ErrorLine error={state.error} />
    </form>
  );
}
