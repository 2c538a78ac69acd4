import type { ComponentProps, ReactNode } from "react";
import Link from "next/link";
import type { TemplateWhereUsed } from "@/lib/templates/where-used";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { RolloutBadge } from "../../deployments/status";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Where the template is used: deployments, the gateways running it, the transforms it references. */
export function WhereUsedCard({ used, isBase }: { used: TemplateWhereUsed; isBase: boolean }) {
  const { deployments, gateways, transforms } = used;
  return (
    <Card data-testid="where-used">
      <CardHeader>
        <CardTitle>Where used</CardTitle>
        <CardDescription>
          {plural(deployments.total, "deployment")}, {plural(gateways.total, "gateway")} running it
          {isBase && " (and, as the base config, every gateway no deployment has reached)"},{" "}
          {plural(transforms.length, "transform")} referenced.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm md:grid-cols-3">
        <Section title="Deployments" testId="used-deployments" more={deployments.total - deployments.items.length}>
          {deployments.items.map((d) => (
            <UsedItem key={d.id} href={`/deployments/${d.id}`} name={d.name} status={d.status}>
              <span className="text-muted-foreground">v{d.version}</span>
            </UsedItem>
          ))}
        </Section>
        <Section title="Gateways running it" testId="used-gateways" more={gateways.total - gateways.items.length}>
          {gateways.items.map((g) => (
            <UsedItem key={g.id} href={`/agents/${g.id}`} name={g.name} status={g.status}>
              <Link className="text-muted-foreground hover:underline" href={`/deployments/${g.deployment_id}`}>
                v{g.version}
              </Link>
            </UsedItem>
          ))}
        </Section>
        <Section title="Transforms" testId="used-transforms" more={0}>
          {transforms.map((t) => (
            <li key={t.id}>
              <Link className="font-medium break-all hover:underline" href={`/transforms/${t.id}`}>
                {t.name}
              </Link>{" "}
              <span className="text-muted-foreground">v{t.version}</span>
            </li>
          ))}
        </Section>
      </CardContent>
    </Card>
  );
}

/** A deployment or a gateway using the template: its link, its version (`children`), its rollout state. */
function UsedItem({
  href,
  name,
  status,
  children,
}: {
  href: string;
  name: string;
  status: ComponentProps<typeof RolloutBadge>["status"];
  children: ReactNode;
}) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <Link className="font-medium break-all hover:underline" href={href}>
        {name}
      </Link>
      {children}
      <RolloutBadge status={status} />
    </li>
  );
}

function Section({
  title,
  testId,
  more,
  children,
}: {
  title: string;
  testId: string;
  more: number;
  children: React.ReactNode[];
}) {
  return (
    <section className="grid content-start gap-2" data-testid={testId}>
      <h3 className="font-medium">{title}</h3>
      {children.length === 0 ? (
        <p className="text-muted-foreground">None</p>
      ) : (
        <ul className="grid gap-1">
          {children}
          {more > 0 && <li className="text-muted-foreground">and {more} more</li>}
        </ul>
      )}
    </section>
  );
}
