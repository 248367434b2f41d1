import { useTranslations } from "next-intl";

import { SectionNav } from "@/components/ui/section-nav";

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  const t = useTranslations("account");
  const sections = [
    { href: "/account", label: t("navItems") },
    { href: "/account/partners", label: t("navPartners"), also: ["/account/receipts"] },
    { href: "/account/credentials", label: t("navCredentials") },
  ];
  return (
    <div className="space-y-6">
      <SectionNav label={t("nav")} sections={sections} root="/account" />
      {children}
    </div>
  );
}
