"use client";
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { ConfirmDialog, type ConfirmTexts } from "@/app/_components/confirm-dialog";
import { Button } from "@/app/_components/ui/button";
import { deleteTransformAction } from "../actions";

const deleteTexts = (name: string, usedBy: string[]): ConfirmTexts => ({
  title: `Delete transform "${name}"?`,
  description:
    usedBy.length > 0
      ? `It is used by ${usedBy.join(", ")}: a transform used by a template cannot be deleted until the templates stop referencing it.`
      : "All versions of this transform are deleted. Template versions saved earlier keep the processors they were rendered with.",
  confirmLabel: "Delete transform",
});

export function TransformActions({
  transformId,
  name,
  usedBy,
}: {
  transformId: string;
  name: string;
  usedBy: string[];
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline">
          <Trash2 /> Delete
        </Button>
      }
      texts={deleteTexts(name, usedBy)}
      onConfirm={async () => {
        const r = await deleteTransformAction({ id: transformId });
        if (r.ok) router.push("/transforms");
        return r;
      }}
    />
  );
}
