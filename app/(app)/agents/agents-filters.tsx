"use client";
import { useState } from "react";
import { GATEWAY_STATUSES, HEALTH_STATUSES } from "@/lib/gateways/schemas";
import { ClearFilters, SearchFilter, selectClass, type Filters } from "@/app/_components/table-filters";
import { Input } from "@/app/_components/ui/input";

/** Search (debounced), status, health and tag filters; every change goes to the URL through `onChange`. */
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

  const set = (key: string, value: string) => onChange({ ...filters, [key]: value });
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <SearchFilter
        filters={filters}
        onChange={onChange}
        label="Search gateways"
        placeholder="Name, instance ID or hostname"
      />
      <select
        aria-label="Status"
        className={selectClass}
        value={filters.status ?? ""}
        onChange={(e) => set("status", e.target.value)}
      >
        <option value="">Any status</option>
        {GATEWAY_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label="Health"
        className={selectClass}
        value={filters.health ?? ""}
        onChange={(e) => set("health", e.target.value)}
      >
        <option value="">Any health</option>
        {HEALTH_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          set("tag", tag.trim());
        }}
      >
        <Input
          aria-label="Tag filter"
          placeholder="Tag: key=value"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onBlur={() => tag.trim() !== (filters.tag ?? "") && set("tag", tag.trim())}
          className="w-44"
        />
      </form>
      <ClearFilters filters={filters} onChange={onChange} />
    </div>
  );
}
