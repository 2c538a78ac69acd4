"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-renders the server component page every `ms` while it is visible (for pages without a REST feed). */
export function AutoRefresh({ ms }: { ms: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, ms);
    return () => clearInterval(id);
  }, [router, ms]);
  return null;
}
