"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Star } from "lucide-react";
import { ConfirmDialog, DELETE_TRIGGER, whenOk, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { ErrorLine } from "@/app/_components/form-field";
import { Button } from "@/app/_components/ui/button";
import { deleteTemplateAction, setBaseAction } from "../actions";

const deleteTexts = (name: string, isBase: boolean): ConfirmTexts => ({
  title: `Delete template "${name}"?`,
  description: isBase
    ? "This is the base config: gateways without a deployment will have no config to fall back to. All versions are deleted."
    : "All versions of this template are deleted. Templates used by a deployment cannot be deleted.",
  confirmLabel: "Delete template",
});

export function TemplateActions({ templateId, name, isBase }: { templateId: string; name: string; isBase: boolean }) {
  const router = useRouter();
  const remove = whenOk(
    () => deleteTemplateAction(templateId),
    () => router.push("/templates"),
  );
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid justify-items-end gap-1">
      <div className="flex gap-2">
        {!isBase && (
          <Button
            variant="outline"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const r = await setBaseAction(templateId);
                setError(r.ok ? null : (r.error ?? "Could not set the base config"));
              })
            }
          >
            <Star /> {pending ? "Setting…" : "Set as base config"}
          </Button>
        )}
        <ConfirmDialog trigger={DELETE_TRIGGER} texts={deleteTexts(name, isBase)} onConfirm={remove} />
      </div>
      <ErrorLine error={error} />
    </div>
  );
}
