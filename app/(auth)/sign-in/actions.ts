"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { RATE_LIMITED, signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";

export type SignInState = { error?: string };

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeCallbackPath(formData.get("callbackUrl")),
    });
    return {};
  } catch (err) {
    // signIn redirects by throwing; only Auth.js errors mean the sign-in failed.
    if (err instanceof CredentialsSignin && err.code === RATE_LIMITED)
      return { error: "Too many failed sign-ins. Try again later." };
    if (err instanceof AuthError) return { error: "Wrong email or password." };
    throw err;
  }
}

export async function signInWithOidcAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
