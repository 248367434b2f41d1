"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavSection = { href: string; label: string };

/** The console's sections; the layout passes only those the role may open. */
export function ConsoleNav({ sections }: { sections: NavSection[] }) {
  const pathname = usePathname();
  const active = (href: string) => (href === "/admin" ? pathname === "/admin" || pathname.startsWith("/admin/cases") : pathname.startsWith(href));
  return (
    <nav aria-label="Console" className="flex flex-wrap gap-1 border-b border-slate-200 pb-3 text-sm">
      {sections.map((section) => (
        <Link
          key={section.href}
          href={section.href}
          aria-current={active(section.href) ? "page" : undefined}
          className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
