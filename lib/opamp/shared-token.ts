/** Audit action of a refused newcomer; the gateway page warns when it is among the gateway's events. */
export const SHARED_TOKEN_AUDIT_ACTION = "gateway.shared_token_refused";
/** What a refused collector is told to wait (ServerErrorResponse retry_info and the close reason). */
export const SHARED_TOKEN_BACKOFF_SECONDS = 60;
/** A takeover this recent makes the next uid change a collision; several back-offs long, so one never outwaits it. */
const WINDOW_MS = 5 * SHARED_TOKEN_BACKOFF_SECONDS * 1000;

type Takeover = { uid: Buffer; at: number; auditedAt: number };

/**
 * Two collectors sharing one gateway's OpAMP token would replace each other forever (each reconnects at once after
 * 4002). A first message whose instance_uid differs from the live connection's is a takeover; a second one within
 * the window, against the uid that just took over, is a collision: that newcomer is refused and the incumbent keeps
 * the gateway. A collector restarting with a new uid has no live incumbent and is never refused.
 */
export class SharedTokenDetector {
  private takeovers = new Map<string, Takeover>();

  /** Null when `uid` may take the gateway over; otherwise whether this refusal should be audited (once a window). */
  check(gatewayId: string, incumbentUid: Buffer | null, uid: Buffer, now = Date.now()): { audit: boolean } | null {
    if (!incumbentUid || uid.length === 0 || incumbentUid.equals(uid)) return null;
    const last = this.takeovers.get(gatewayId);
    if (last && last.uid.equals(incumbentUid) && now - last.at < WINDOW_MS) {
      last.at = now; // keeps refusing while the other collector keeps trying
      const audit = now - last.auditedAt >= WINDOW_MS;
      if (audit) last.auditedAt = now;
      return { audit };
    }
    this.takeovers.set(gatewayId, { uid, at: now, auditedAt: Number.NEGATIVE_INFINITY });
    return null;
  }

  prune(now = Date.now()): void {
    for (const [id, t] of this.takeovers) if (now - t.at >= WINDOW_MS) this.takeovers.delete(id);
  }
}
