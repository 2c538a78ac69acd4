"use client";
import { useEffect, useRef, useState } from "react";
import { GATEWAY_STATUSES, HEALTH_STATUSES, ROLLOUT_STATE_FILTERS } from "@/lib/gateways/schemas";
import { FilterBar, SelectFilter, type Filters } from "@/app/_components/table-filters";
import { Input } from "@/app/_components/ui/input";
import { Button } from "@/app/_components/ui/button";
import { X } from "lucide-react";

/** Search and tag (both applied as you type, debounced), status, health and drift filters, all kept in the URL. */
export function AgentsFilters({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (next: Filters, typing?: boolean) => void;
}) {
  const [tag, setTag] = useState(filters.tag ?? "");
  // The URL changed the tag (back button, clear filters): the box follows it, adjusted during render.
  const [urlTag, setUrlTag] = useState(filters.tag);
  if (urlTag !== filters.tag) {
    setUrlTag(filters.tag);
    setTag(filters.tag ?? "");
  }

  const setTagFilter = () => onChange({ ...filters, tag: tag.trim() });
  // Like the search box: the tag filter applies 400 ms after typing stops, replacing the history entry.
  const latest = useRef({ filters, onChange });
  useEffect(() => {
    latest.current = { filters, onChange };
  });
  useEffect(() => {
    const t = setTimeout(() => {
      const { filters: f, onChange: change } = latest.current;
      if (tag.trim() !== (f.tag ?? "")) change({ ...f, tag: tag.trim() }, true);
    }, 400);
    return () => clearTimeout(t);
  }, [tag]);
  const props = { filters, onChange };
  return (
    <FilterBar {...props} label="Search gateways" placeholder="Name, instance ID or hostname">
      <SelectFilter {...props} name="status" label="Status" any="Any status" options={GATEWAY_STATUSES} />
      <SelectFilter {...props} name="health" label="Health" any="Any health" options={HEALTH_STATUSES} />
      <SelectFilter
        {...props}
        name="drift"
        label="Drift"
        any="Any config"
        options={[
          { value: "true", label: "Drifted" },
          { value: "false", label: "In sync" },
        ]}
      />
      <SelectFilter
        {...props}
        name="rollout_state"
        label="Rollout state"
        any="Any rollout"
        options={ROLLOUT_STATE_FILTERS}
      />
      {filters.template_id && (
        // Set from a row's current config; it has no box of its own, so it shows here while it applies.
        <Button
          variant="outline"
          size="sm"
          title="Show every template again"
          onClick={() => onChange({ ...filters, template_id: "" })}
        >
          One template <X />
        </Button>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTagFilter();
        }}
      >
        <Input
          aria-label="Tag filter"
          placeholder="Tag: key=value"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onBlur={() => tag.trim() !== (filters.tag ?? "") && setTagFilter()}
          className="w-44"
        />
      </form>
    </FilterBar>
  );
}
