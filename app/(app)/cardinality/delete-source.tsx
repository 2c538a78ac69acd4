"use client";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import { deleteReferencesAction } from "./actions";

export function DeleteSource({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmDialog
      trigger="Delete"
      texts={{
        title: `Delete ${name}?`,
        description: "The metrics only it refers to will show as unused.",
        confirmLabel: "Delete",
      }}
      onConfirm={() => deleteReferencesAction({ id })}
    />
  );
}
