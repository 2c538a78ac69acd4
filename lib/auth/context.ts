import type { Db } from "../db/client";
import type { Role } from "./roles";

/** Who is acting, in which organization, with which role. Every domain verb takes one. */
export type Ctx = {
  db: Db;
  orgId: string;
  role: Role;
  /** "user:<id>", "api_key:<id>", "gateway:<id>" or "system": written to the audit log. */
  actor: string;
  userId?: string;
};
