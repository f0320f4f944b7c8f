/** A QR code as an SVG document (drawn with `qrcode`), sharp at any print size. */
export async function qrCodeSvg(text: string): Promise<string> {
  // Loaded on first use, not at start-up: only letters and the projector draw codes.
  const { default: QRCode } = await import("qrcode");
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
