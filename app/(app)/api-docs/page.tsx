import { PageHeader } from "@/app/_components/page-header";
import { ApiReference } from "./api-reference";

export const metadata = { title: "API reference" };

export default function ApiDocsPage() {
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every <code>/api/v1</code> operation, from the OpenAPI 3.1 document at{" "}
            <a className="underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            . Authenticate scripts with an API key (Settings → API keys): <code>Authorization: Bearer fgk_…</code>.
          </>
        }
      />
      <ApiReference />
    </>
  );
}
