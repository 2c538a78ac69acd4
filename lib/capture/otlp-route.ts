import type { SampleSignal } from "../db/schema";
import { route } from "../http/route";
import { receiveOtlp, toOtlpErrorResponse } from "../telemetry/otlp-http";
import { receiveCaptureRecords } from "./receive";
import { verifyCaptureToken } from "./token";

/** The OTLP/HTTP receiver of one capture's pipeline (protobuf or JSON, gzip or not), authenticated by the capture token. */
export function captureOtlpHandler(signal: SampleSignal) {
  return route(
    "bearer",
    async ({ db, token }, req, { captureId }: { captureId: string }) => {
      verifyCaptureToken(token, captureId); // 401 before the body is read
      return receiveOtlp(req, signal, (request) => receiveCaptureRecords(db, captureId, token, signal, request));
    },
    toOtlpErrorResponse,
  );
}
