import QRCode from "qrcode";

/** A QR code as an SVG document (drawn with `qrcode`), sharp at any print size. */
export function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
