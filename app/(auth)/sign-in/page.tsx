import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Button } from "@/app/_components/ui/button";
import { oidcEnabled } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { SignInForm } from "./sign-in-form";
import { signInWithOidcAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const { error, callbackUrl } = await searchParams;
  const back = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4 sm:p-6">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-xl">Sign in to FlowGate</CardTitle>
          <CardDescription>Manage your OpenTelemetry Collector gateways.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {error === "NoOrganization" && (
            <p role="alert" className="text-destructive text-sm">
              Your account is not a member of any organization yet. Ask an admin to add you.
            </p>
          )}
          <SignInForm callbackUrl={back} />
          {oidcEnabled && (
            <form action={signInWithOidcAction}>
              <input type="hidden" name="callbackUrl" value={back} />
              <Button type="submit" variant="outline" className="w-full">
                Sign in with single sign-on
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
