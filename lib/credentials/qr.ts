import "server-only";

import QRCode from "qrcode";

/** A token as a QR code, drawn on the server as an SVG data URL (allowed by the CSP's img-src). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "L", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
