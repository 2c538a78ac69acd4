import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers 200 only when the database answers. */
export async function GET() {
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: { driver: database.driver, instance: database.instanceId }, pid: process.pid });
  } catch (err) {
    console.error("[health]", err);
    return Response.json({ status: "error", detail: "Database unavailable" }, { status: 503 });
  }
}
