import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { ServiceUnavailableError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { logger } from "@/lib/log/logger";

export const dynamic = "force-dynamic";

const RETRY_AFTER_SECONDS = 5;

/** Liveness and readiness: answers 200 only when the database answers (503 + Retry-After otherwise). */
export const GET = route("public", async () => {
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    return { status: "ok", database: { driver: database.driver, instance: database.instanceId }, pid: process.pid };
  } catch (err) {
    logger("health").error({ err }, "database unavailable");
    throw new ServiceUnavailableError("Database unavailable", RETRY_AFTER_SECONDS, { status: "error" });
  }
});
