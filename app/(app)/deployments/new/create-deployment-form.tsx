"use client";
import { useActionState, useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Card, CardContent } from "@/app/_components/ui/card";
import { createDeploymentAction, templateVersionsAction, type CreateDeploymentState } from "../actions";
import { TargetFields, type Preview } from "./target-fields";
import { StrategyFields } from "./strategy-fields";
import { DryRunPanel } from "./dry-run-panel";

type TemplateOption = { id: string; name: string; latest_version: number };
type VersionOption = { version: number; message: string | null };
const select = "border-input h-9 rounded-md border bg-transparent px-2 text-sm";

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
    <form action={action} className="grid max-w-4xl gap-6">
      <Card>
        <CardContent className="grid gap-4 pt-6">
          <div className="flex flex-wrap items-end gap-4">
            <div className="grid gap-2">
              <Label htmlFor="template_id">Template</Label>
              <select
                id="template_id"
                name="template_id"
                className={select}
                value={templateId}
                onChange={(e) => {
                  setTemplateId(e.target.value);
                  setVersion(undefined);
                }}
              >
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="template_version">Version</Label>
              <select
                id="template_version"
                name="template_version"
                className={select}
                value={version ?? ""}
                onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : undefined)}
              >
                <option value="">latest (v{latest})</option>
                {(versions ?? []).map((v) => (
                  <option key={v.version} value={v.version}>
                    v{v.version}
                    {v.message ? ` — ${v.message.slice(0, 60)}` : ""}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="deployment-name">Name (optional)</Label>
              <Input id="deployment-name" name="name" placeholder="template name and version" className="w-64" />
            </div>
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
      {state.error && (
        <p role="alert" className="text-destructive text-sm">
          {state.error}
        </p>
      )}
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
