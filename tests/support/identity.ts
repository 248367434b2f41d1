import { buildPassportMrz } from "@/lib/documents/mrz";
import { addDays, isoDateOf } from "@/lib/items/dates";

/** Bytes that carry a real file signature; the rest does not matter to the upload checks. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
export const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
export const GIF = new TextEncoder().encode("GIF89a....");

export const today = () => isoDateOf(new Date());

/** A passport whose MRZ agrees with its typed fields, for a person born 1990-04-12. */
export function passportFields(overrides: Partial<{ number: string; country: string; issued_at: string; expires_at: string; lastName: string; firstName: string; birthDate: string }> = {}) {
  const number = overrides.number ?? "X12345678";
  const country = overrides.country ?? "GB";
  const expires_at = overrides.expires_at ?? addDays(today(), 3000);
  const mrz = buildPassportMrz({
    documentNumber: number,
    issuingCountry: country,
    lastName: overrides.lastName ?? "Quintero",
    firstName: overrides.firstName ?? "Zoe",
    birthDate: overrides.birthDate ?? "1990-04-12",
    expirationDate: expires_at,
    sex: "F",
  });
  return { number, country, issued_at: overrides.issued_at ?? addDays(today(), -600), expires_at, mrz };
}
