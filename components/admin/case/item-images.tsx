import { ImageViewer } from "@/components/admin/image-viewer";
import { ITEM_INFO } from "@/lib/items/items";
import type { CaseItem, ReviewCase } from "@/lib/review/case";
import { documentPhoto, imagesOf } from "@/lib/review/evidence";

const SIDE_LABELS: Record<string, string> = { front: "front", back: "back", page: "page", selfie: "selfie" };

/** An item's own images; a selfie also shows the document photo it is compared with. */
export function ItemImages({ item, caseData }: { item: CaseItem; caseData: ReviewCase }) {
  const images = Object.entries(imagesOf(item.value));
  const photo = item.item === "liveness" ? documentPhoto(caseData.items) : null;
  if (images.length === 0 && !photo) return null;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {images.map(([side, id]) => (
        <ImageViewer key={id} src={`/admin/documents/${id}`} label={`${ITEM_INFO[item.item].label}, ${SIDE_LABELS[side] ?? side}`} />
      ))}
      {photo ? <ImageViewer src={`/admin/documents/${photo.id}`} label={`Compare with: ${ITEM_INFO[photo.item].label} photo`} /> : null}
    </div>
  );
}
