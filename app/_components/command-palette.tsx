"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Search } from "lucide-react";
import { searchAction } from "@/app/(app)/actions";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogTitle } from "@/app/_components/ui/dialog";
import type { SearchHit } from "@/lib/search/search-everything";
import { cn } from "@/lib/ui/cn";
import { NAV_ITEMS } from "./nav-items";

type Item = { kind: SearchHit["kind"] | "page"; id: string; name: string; href: string };
const KIND_LABEL: Record<Item["kind"], string> = {
  page: "Page",
  gateway: "Gateway",
  template: "Template",
  deployment: "Deployment",
};

/** ⌘K / Ctrl-K: jump to a page, or to a gateway, template or deployment of this organization by name. */
export function CommandPalette() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Debounced; an answer that arrives after newer typing is dropped.
  const search = (text: string) => {
    setQuery(text);
    setActive(0);
    const n = ++latest.current;
    if (!text.trim()) return setHits([]);
    setTimeout(async () => {
      if (n !== latest.current) return;
      const res = await searchAction({ q: text });
      if (n === latest.current) setHits(res.ok ? (res.data ?? []) : []);
    }, 150);
  };

  const needle = query.trim().toLowerCase();
  const pages: Item[] = NAV_ITEMS.filter((p) => p.label.toLowerCase().includes(needle)).map((p) => ({
    kind: "page",
    id: p.href,
    name: p.label,
    href: p.href,
  }));
  const items: Item[] = [...pages, ...hits];

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) search("");
  };
  const go = (item: Item | undefined) => {
    if (!item) return;
    close(false);
    router.push(item.href);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (items.length ? (i + step + items.length) % items.length : 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(items[active]);
    }
  };

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} className="text-muted-foreground gap-2">
        <Search /> <span className="hidden sm:inline">Search…</span>
        <kbd className="bg-muted hidden rounded px-1.5 font-mono text-[10px] sm:inline">Ctrl K</kbd>
      </Button>
      <Dialog open={open} onOpenChange={close}>
        <DialogContent className="top-[15%] translate-y-0 gap-0 p-0" aria-describedby={undefined}>
          <DialogTitle className="sr-only">Go to</DialogTitle>
          <input
            autoFocus
            role="combobox"
            aria-expanded
            aria-controls="command-results"
            aria-activedescendant={items[active] ? `command-${active}` : undefined}
            aria-label="Search pages, gateways, templates and deployments"
            placeholder="Jump to a page, gateway, template or deployment…"
            value={query}
            onChange={(e) => search(e.target.value)}
            onKeyDown={onKeyDown}
            className="border-b bg-transparent px-4 py-3 pr-10 text-sm outline-none"
          />
          <ul id="command-results" role="listbox" aria-label="Results" className="max-h-80 overflow-y-auto p-2">
            {items.map((item, i) => (
              <li
                key={`${item.kind}:${item.id}`}
                id={`command-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(item)}
                className={cn(
                  "flex cursor-pointer items-center justify-between gap-4 rounded-md px-3 py-2 text-sm",
                  i === active && "bg-accent",
                )}
              >
                <span className="truncate">{item.name}</span>
                <span className="text-muted-foreground shrink-0 text-xs">{KIND_LABEL[item.kind]}</span>
              </li>
            ))}
            {items.length === 0 && <li className="text-muted-foreground px-3 py-2 text-sm">No matches.</li>}
          </ul>
        </DialogContent>
      </Dialog>
    </>
  );
}
