"use client";
import { useState, useTransition } from "react";
import { Plus, X } from "lucide-react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { ErrorLine } from "@/app/_components/form-field";
import { isValidTagKey, isValidTagValue } from "@/lib/gateways/schemas";
import { setGatewayTagsAction } from "./actions";

type Tag = { key: string; value: string };

/** Shows the gateway's tags; operators edit them as rows and save all at once (tags select deployments). */
export function TagsEditor({
  gatewayId,
  tags,
  editable,
  onSaved,
}: {
  gatewayId: string;
  tags: Tag[];
  editable: boolean;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<Tag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (!draft) {
    return (
      <div className="flex flex-wrap items-center gap-2" data-testid="tags">
        {tags.length === 0 && <span className="text-muted-foreground text-sm">No tags.</span>}
        {tags.map((t) => (
          <Badge key={t.key} variant="outline" data-testid="tag">
            {t.value ? `${t.key}=${t.value}` : t.key}
          </Badge>
        ))}
        {editable && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setDraft(tags.length ? tags : [{ key: "", value: "" }]);
              setError(null);
            }}
          >
            Edit tags
          </Button>
        )}
      </div>
    );
  }

  const update = (i: number, patch: Partial<Tag>) => setDraft(draft.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const save = () => {
    const rows = draft.filter((t) => t.key.trim() !== "");
    const keys = rows.map((t) => t.key.trim());
    if (new Set(keys).size !== keys.length) return setError("Each tag key may appear once");
    // The same rules the server applies, checked first so the message can name the offending tag.
    const badKey = keys.find((k) => !isValidTagKey(k));
    if (badKey !== undefined)
      return setError(
        `Invalid tag key "${badKey}": use [prefix/]name, up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
    const badValue = rows.map((t) => t.value.trim()).find((v) => !isValidTagValue(v));
    if (badValue !== undefined)
      return setError(
        `Invalid tag value "${badValue}": empty, or up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
    startTransition(async () => {
      const r = await setGatewayTagsAction({
        id: gatewayId,
        tags: Object.fromEntries(rows.map((t) => [t.key.trim(), t.value.trim()])),
      });
      if (!r.ok) return setError(r.error ?? "Could not save tags");
      setDraft(null);
      onSaved();
    });
  };
  return (
    <div className="grid gap-2" data-testid="tags-editor">
      {draft.map((t, i) => (
        <div key={i} className="flex items-center gap-2">
          <TagInput n={i + 1} part="key" value={t.key} onChange={(key) => update(i, { key })} />
          <span className="text-muted-foreground">=</span>
          <TagInput n={i + 1} part="value" value={t.value} onChange={(value) => update(i, { value })} />
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Remove tag ${i + 1}`}
            onClick={() => setDraft(draft.filter((_, j) => j !== i))}
          >
            <X />
          </Button>
        </div>
      ))}
      <ErrorLine error={error} />
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={() => setDraft([...draft, { key: "", value: "" }])}>
          <Plus /> Add tag
        </Button>
        <Button size="sm" onClick={save} disabled={pending}>
          {pending ? "Saving…" : "Save tags"}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setDraft(null)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** The key or the value input of tag number `n`. */
function TagInput({
  n,
  part,
  value,
  onChange,
}: {
  n: number;
  part: "key" | "value";
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Input
      aria-label={`Tag ${n} ${part}`}
      placeholder={part}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="w-40"
    />
  );
}
