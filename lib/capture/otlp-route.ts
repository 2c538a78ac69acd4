import type { SampleSignal } from "../db/schema";
import { bearerToken } from "../gateways/opamp-token";
import { serveOtlpExport } from "../telemetry/otlp-http";
import { receiveCaptureRecords } from "./receive";
import { verifyCaptureToken } from "./token";

/** The OTLP/HTTP receiver of one capture's pipeline (protobuf or JSON, gzip or not), authenticated by the capture token. */
export function captureOtlpHandler(signal: SampleSignal) {
  return async (req: Request, { params }: { params: Promise<{ captureId: string }> }) => {
    const { captureId } = await params;
    const token = bearerToken(req.headers.get("authorization"));
    return serveOtlpExport(req, signal, async (db) => {
      verifyCaptureToken(token, captureId); // 401 before the body is read
      return (request) => receiveCaptureRecords(db, captureId, token, signal, request);
    });
  };
}
