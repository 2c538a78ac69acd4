import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { alertChannels, alertNotifications, alertRules, alertStates, notificationDeliveries } from "../db/schema";
import type { Db, Tx } from "../db/client";
import { currentSubjects, type Subject } from "./conditions";
import { logger } from "../log/logger";
import { insertNewRows } from "../db/insert-new";
import type { AlertRule } from "./rules";

/** Records a firing or resolve and queues one delivery per channel, in the transaction of the state change. */
async function notify(tx: Tx, rule: AlertRule, event: "firing" | "resolved", s: Subject) {
  const [n] = await tx
    .insert(alertNotifications)
    .values({
      orgId: rule.orgId,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleKind: rule.kind,
      event,
      subject: s.subject,
      subjectLabel: s.label,
      summary: s.summary,
    })
    .returning({ id: alertNotifications.id });
  const channels = await tx
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(and(eq(alertChannels.orgId, rule.orgId), rule.channelId ? eq(alertChannels.id, rule.channelId) : undefined));
  if (channels.length)
    await tx.insert(notificationDeliveries).values(channels.map((c) => ({ notificationId: n.id, channelId: c.id })));
}

/**
 * Moves the rule's states to what holds now. Each transition is a guarded write whose RETURNING says whether this
 * transaction made it, so a concurrent evaluation of the same rule can never notify twice.
 */
async function evaluateRule(tx: Tx, rule: AlertRule, now: Date) {
  const subjects = await currentSubjects(tx, rule, now);
  const current = new Map(subjects.map((s) => [s.subject, s]));
  const known = await tx.select().from(alertStates).where(eq(alertStates.ruleId, rule.id));
  const fresh = subjects.filter((s) => !known.some((k) => k.subject === s.subject));
  await insertNewRows(
    tx,
    alertStates,
    fresh.map((s) => ({ ruleId: rule.id, subject: s.subject, label: s.label, state: "pending", since: now })),
  );
  const holdSince = new Date(now.getTime() - (rule.params.for_minutes ?? 0) * 60_000);
  if (current.size) {
    const fired = await tx
      .update(alertStates)
      .set({ state: "firing" })
      .where(
        and(
          eq(alertStates.ruleId, rule.id),
          inArray(alertStates.subject, [...current.keys()]),
          eq(alertStates.state, "pending"),
          lte(alertStates.since, holdSince),
        ),
      )
      .returning({ subject: alertStates.subject });
    for (const f of fired) await notify(tx, rule, "firing", current.get(f.subject)!);
  }
  const gone = known.filter((k) => !current.has(k.subject)).map((k) => k.subject);
  if (gone.length) {
    const removed = await tx
      .delete(alertStates)
      .where(and(eq(alertStates.ruleId, rule.id), inArray(alertStates.subject, gone)))
      .returning();
    for (const r of removed) {
      if (r.state === "firing")
        await notify(tx, rule, "resolved", {
          subject: r.subject,
          label: r.label,
          summary: `${r.label}: back to normal`,
        });
    }
  }
}

/**
 * One pass over every enabled rule of every org, each in its own transaction. The advisory lock lets one replica
 * evaluate a rule while the others skip it, so no replica acts on a view of the fleet another has already changed.
 */
export async function evaluateAlertRules(db: Db, now = new Date()): Promise<void> {
  const rules = await db.select().from(alertRules).where(eq(alertRules.enabled, true));
  for (const rule of rules) {
    await db
      .transaction(async (tx) => {
        // Read through the rule's row so a rule deleted or disabled meanwhile is skipped too.
        const [lock] = await tx
          .select({
            locked: sql<boolean>`pg_try_advisory_xact_lock(hashtext('flowgate.alerts'), hashtext(${rule.id}::text))`,
          })
          .from(alertRules)
          .where(and(eq(alertRules.id, rule.id), eq(alertRules.enabled, true)));
        if (lock?.locked) await evaluateRule(tx, rule, now);
      })
      .catch((err) => logger("alerts").error({ err, rule_id: rule.id }, "rule evaluation failed"));
  }
}
