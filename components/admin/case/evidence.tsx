import { ImageViewer } from "@/components/admin/image-viewer";
import { ItemValue } from "@/components/admin/item-value";
import { ITEM_INFO } from "@/lib/items/items";
import type { CaseItem, ReviewCase } from "@/lib/review/case";
import { comparisonFor } from "@/lib/review/evidence";

/** The verified document beside a declared item, so the reviewer compares the two at a glance. */
export function Evidence({ item, caseData }: { item: CaseItem; caseData: ReviewCase }) {
  const comparison = comparisonFor(item.item, caseData.items);
  if (!comparison) return null;
  const label = ITEM_INFO[comparison.evidence.item].label;
  return (
    <div className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50/50 p-3" data-testid={`evidence-${item.item}`}>
      <h3 className="text-sm font-medium text-emerald-900">Compare with the verified {label}</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <ItemValue value={comparison.evidence.value} />
        {comparison.image ? <ImageViewer src={`/admin/documents/${comparison.image}`} label={label} /> : null}
      </div>
    </div>
  );
}
