import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** The site's one shape for "this did not work": a heading, a plain explanation, the ways on. */
export function ProblemCard({ title, children, actions, ...attributes }: { title: string; children: React.ReactNode; actions: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <Card padding="lg" className="mx-auto max-w-xl" {...attributes}>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-2 text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap gap-3">{actions}</div>
    </Card>
  );
}

export function PrimaryLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Button href={href}>{children}</Button>
  );
}

export function HomeLink() {
  const t = useTranslations("problem");
  return (
    <Button href="/" variant="secondary">
      {t("home")}
    </Button>
  );
}
