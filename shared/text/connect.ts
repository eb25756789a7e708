/**
 * The QR code of a /connect link, as PNG bytes. Made by the `qrcode` library (npm, pinned in
 * import_map.json); connect.ts loads this module lazily (a literal relative dynamic import),
 * so no other command pays for loading the library.
 */
import QRCode from "qrcode";

/** A PNG of the QR code of `text`: 8 pixels a module, a quiet zone of 2 modules. */
export async function qrPng(text: string): Promise<Uint8Array> {
  const buffer: Uint8Array = await QRCode.toBuffer(text, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 2,
    scale: 8,
  });
  return new Uint8Array(buffer);
}
