import { useTranslations } from "next-intl";

import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES = { granted: "success", denied: "neutral", revoked: "danger" } as const satisfies Record<string, BadgeTone>;

export function DecisionBadge({ decision }: { decision: keyof typeof TONES }) {
  const t = useTranslations("decision");
  return (
    <Badge tone={TONES[decision]} data-decision={decision}>
      {t(decision)}
    </Badge>
  );
}
