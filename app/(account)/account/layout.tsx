import Link from "next/link";

const SECTIONS = [
  { href: "/account", label: "Identity items" },
  { href: "/account/partners", label: "Connected partners" },
  { href: "/account/credentials", label: "Credentials" },
];

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <nav aria-label="Your account" className="flex flex-wrap gap-2 border-b border-slate-200 pb-3 text-sm">
        {SECTIONS.map((section) => (
          <Link key={section.href} href={section.href} className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
