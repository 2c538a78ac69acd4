"use client";
import { useActionState, useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { ErrorLine, InputField, SelectField } from "@/app/_components/form-field";
import { Card, CardContent } from "@/app/_components/ui/card";
import { createDeploymentAction, templateVersionsAction, type CreateDeploymentState } from "../actions";
import { TargetFields, type Preview } from "./target-fields";
import { StrategyFields } from "./strategy-fields";
import { DryRunPanel } from "./dry-run-panel";

type TemplateOption = { id: string; name: string; latest_version: number };
type VersionOption = { version: number; message: string | null };
const select = "border-input h-9 rounded-md border bg-transparent px-2 text-sm";

const versionOption = (v: VersionOption) => ({
  value: v.version,
  label: `v${v.version}${v.message ? ` — ${v.message.slice(0, 60)}` : ""}`,
});

export function CreateDeploymentForm({
  templates,
  initialTemplateId,
  initialVersion,
}: {
  templates: TemplateOption[];
  initialTemplateId?: string;
  initialVersion?: number;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState<CreateDeploymentState, FormData>(createDeploymentAction, {
    ok: false,
  });
  const [templateId, setTemplateId] = useState(
    templates.some((t) => t.id === initialTemplateId) ? initialTemplateId! : templates[0].id,
  );
  const [versions, setVersions] = useState<VersionOption[] | null>(null);
  const [version, setVersion] = useState<number | undefined>(initialVersion);
  const [preview, setPreview] = useState<Preview | null>(null);
  const onPreview = useCallback((p: Preview | null) => setPreview(p), []);
  // The refusal of the last submit is about the form as it was: any edit retires it, so "Selector is empty" does not
  // stay beside a valid selector or the live preview's own message.
  const [editedAfter, setEditedAfter] = useState<CreateDeploymentState | null>(null);

  useEffect(() => {
    let live = true;
    setVersions(null); // eslint-disable-line react-hooks/set-state-in-effect -- the list of the previous template must not show while this one loads
    templateVersionsAction(templateId).then((r) => {
      if (live && r.ok && r.data) setVersions(r.data);
    });
    return () => {
      live = false;
    };
  }, [templateId]);
  useEffect(() => {
    if (state.ok && state.data) router.push(`/deployments/${state.data.id}`);
  }, [state, router]);

  const latest = templates.find((t) => t.id === templateId)?.latest_version;
  const first = preview?.gateways[0] ?? null;
  return (
    <form action={action} onChange={() => setEditedAfter(state)} className="grid max-w-4xl gap-6">
      <Card>
        <CardContent className="grid gap-4 pt-6">
          <div className="flex flex-wrap items-end gap-4">
            <SelectField
              id="template_id"
              label="Template"
              name="template_id"
              className={select}
              value={templateId}
              onChange={(e) => {
                setTemplateId(e.target.value);
                setVersion(undefined);
              }}
              options={templates.map((t) => ({ value: t.id, label: t.name }))}
            />
            <SelectField
              id="template_version"
              label="Version"
              name="template_version"
              className={select}
              value={version ?? ""}
              onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : undefined)}
              options={[{ value: "", label: `latest (v${latest})` }, ...(versions ?? []).map(versionOption)]}
            />
            <InputField
              id="deployment-name"
              label="Name (optional)"
              name="name"
              placeholder="template name and version"
              className="w-64"
            />
          </div>
          <TargetFields onPreview={onPreview} />
          <StrategyFields />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="grid gap-3 pt-6">
          <h2 className="text-sm font-medium">Dry run</h2>
          <DryRunPanel templateId={templateId} version={version} gateway={first} />
        </CardContent>
      </Card>
      <ErrorLine error={editedAfter === state ? undefined : state.error} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || preview?.count === 0}>
          {pending ? "Starting…" : "Start deployment"}
        </Button>
        <span className="text-muted-foreground text-xs">
          Newer deployments win: see the rule on the deployment page.
        </span>
      </div>
    </form>
  );
}
