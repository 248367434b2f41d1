/**
 * What an uploaded file really is, from its first bytes: the name and the browser's
 * claimed type are the uploader's to choose, the signature is not.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadType = "image/jpeg" | "image/png" | "application/pdf";

const SIGNATURES: { type: UploadType; bytes: number[] }[] = [
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
];

export function sniffUploadType(bytes: Uint8Array): UploadType | null {
  for (const { type, bytes: signature } of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}
