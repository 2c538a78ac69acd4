import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { isDraining } from "@/lib/server/lifecycle";

export const dynamic = "force-dynamic";

const DB_CHECK_MS = 2000;

const notReady = (reason: string) =>
  Response.json({ status: "not_ready", detail: reason }, { status: 503, headers: { "Retry-After": "5" } });

/**
 * Readiness for load balancers: 200 once migrations have run (the database handle resolves only after them), while
 * the database answers within 2 s and the process is not shutting down; 503 otherwise. Liveness stays /api/health.
 */
export const GET = route("public", async () => {
  if (isDraining()) return notReady("Shutting down");
  const database = await getDatabase();
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), DB_CHECK_MS).unref());
  const answered = await Promise.race([
    database.db.execute(sql`select 1`).then(
      () => "ok" as const,
      () => "error" as const,
    ),
    timeout,
  ]);
  return answered === "ok" ? Response.json({ status: "ready" }) : notReady("Database unavailable");
});
