import { SectionNav } from "@/components/ui/section-nav";

const SECTIONS = [
  { href: "/account", label: "Identity items" },
  { href: "/account/partners", label: "Connected partners", also: ["/account/receipts"] },
  { href: "/account/credentials", label: "Credentials" },
];

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <SectionNav label="Your account" sections={SECTIONS} root="/account" />
      {children}
    </div>
  );
}
