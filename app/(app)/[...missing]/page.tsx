import { notFound } from "next/navigation";

/** Any path no page claims: the 404 inside the shell (app/(app)/not-found.tsx) instead of a bare one. */
export default function MissingPage() {
  notFound();
}
