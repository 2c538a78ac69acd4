import type { ComponentProps, ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "./ui/card";

/** A card with a title and what it shows, then its content (a grid unless `contentClassName` says otherwise). */
export function SectionCard({
  title,
  description,
  contentClassName = "grid gap-4",
  children,
  ...props
}: {
  title: ReactNode;
  description: ReactNode;
  contentClassName?: string;
  children: ReactNode;
} & Omit<ComponentProps<typeof Card>, "title">) {
  return (
    <Card {...props}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}
