"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** `also`: other path prefixes that belong to the section (the review queue owns the case pages). */
export type NavSection = { href: string; label: string; also?: string[] };

/** A row of section links with the current one marked for sight and for screen readers. */
export function SectionNav({ label, sections, root }: { label: string; sections: NavSection[]; root: string }) {
  const pathname = usePathname();
  // The root section matches only itself, or every page would be under it.
  const active = ({ href, also = [] }: NavSection) =>
    pathname === href || (href !== root && pathname.startsWith(`${href}/`)) || also.some((prefix) => pathname.startsWith(prefix));
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200 pb-3 text-sm">
      {sections.map((section) => (
        <Link
          key={section.href}
          href={section.href}
          aria-current={active(section) ? "page" : undefined}
          className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
