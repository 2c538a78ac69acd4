"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";

export type SignInState = { error?: string };

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: "/",
    });
    return {};
  } catch (err) {
    // signIn redirects by throwing; only Auth.js errors mean the sign-in failed.
    if (err instanceof AuthError) return { error: "Wrong email or password." };
    throw err;
  }
}

export async function signInWithOidcAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}
