import { CommandBlock } from "@/app/_components/command-block";

/** How a cluster agent reports routes: shown while the organization has none. */
export function ReportRoutesHelp({ baseUrl }: { baseUrl: string }) {
  const curl = `curl -X POST ${baseUrl}/api/v1/gateway/routes/register \\
  -H "Authorization: Bearer $OPAMP_TOKEN" -H "Content-Type: application/json" \\
  -d '{"hostname": "app.example.com", "cluster_uuid": "my-cluster", "namespace": "default",
       "service_name": "my-app", "service_port": 8080, "ingress_name": "my-app",
       "path": "/", "path_type": "Prefix", "tls": true, "routing_mode": "tunnel"}'`;
  const cli = `FLOWGATE_AGENT_TOKEN=$OPAMP_TOKEN npx flowgate routes sync --file ingresses.json --url ${baseUrl}`;
  return (
    <div className="grid gap-3 text-left">
      <p>
        Agents in your Kubernetes clusters report their ingress routes with their gateway&apos;s OpAMP token: a full{" "}
        <code>sync</code> of the cluster&apos;s ingresses at startup and every few minutes, then <code>register</code>{" "}
        and <code>unregister</code> as ingresses change. Routes appear here as soon as they are reported.
      </p>
      <Example label="Register one route" code={curl} />
      <Example label="Sync a cluster from a file (the SyncIngressesRequest JSON)" code={cli} />
    </div>
  );
}

function Example({ label, code }: { label: string; code: string }) {
  return <CommandBlock look="example" title={label} value={code} />;
}
