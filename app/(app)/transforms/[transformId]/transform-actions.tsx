"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog, DELETE_TRIGGER, whenOk, type ConfirmTexts } from "@/app/_components/confirm-dialog";
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
  const remove = whenOk(
    () => deleteTransformAction({ id: transformId }),
    () => router.push("/transforms"),
  );
  return <ConfirmDialog trigger={DELETE_TRIGGER} texts={deleteTexts(name, usedBy)} onConfirm={remove} />;
}
