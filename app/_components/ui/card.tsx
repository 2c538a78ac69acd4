import { slotted } from "./slotted";

const Card = slotted(
  "div",
  "card",
  "bg-card text-card-foreground flex flex-col gap-4 rounded-xl border py-5 shadow-sm",
);
const CardHeader = slotted("div", "card-header", "flex flex-col gap-1.5 px-5");
const CardTitle = slotted("div", "card-title", "leading-none font-semibold");
const CardDescription = slotted("div", "card-description", "text-muted-foreground text-sm");
const CardContent = slotted("div", "card-content", "px-5");

export { Card, CardHeader, CardTitle, CardDescription, CardContent };
