import zlib from "node:zlib";
import sharp from "sharp";

/** A phone photo lying on its side (EXIF orientation 6) with the GPS position of the resident's home. */
export async function phonePhotoWithGps(width = 400, height = 200): Promise<Uint8Array> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: "#2a7" } })
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Phone 12" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 15/1 3600/100", GPSLongitudeRef: "E", GPSLongitude: "120/1 9/1 0/1" },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
  return new Uint8Array(bytes);
}

/** A large photo full of detail (noise compresses worst), as a 12-megapixel phone would send. */
export async function detailedPhoto(width = 4000, height = 3000): Promise<Uint8Array> {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  return new Uint8Array(bytes);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = 8; // bit depth
  data[9] = 0; // greyscale
  return chunk("IHDR", data);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A decompression bomb: a small PNG declaring 30000×30000 pixels (900 megapixels), with the first rows of
 * zeros compressed, as in the reported file. Decoding it fully would need gigabytes.
 */
export function pixelBombPng(side = 30000): Uint8Array {
  const rows = Buffer.alloc((side + 1) * 200);
  return new Uint8Array(
    Buffer.concat([SIGNATURE, ihdr(side, side), chunk("IDAT", zlib.deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]),
  );
}

/** A PNG that stops after its header: a believable size, no pixels. */
export function headerOnlyPng(): Uint8Array {
  return new Uint8Array(Buffer.concat([SIGNATURE, ihdr(640, 480)]));
}

/** True when the JPEG still carries an EXIF block (or any GPS tag). */
export async function hasExif(bytes: Uint8Array): Promise<boolean> {
  const metadata = await sharp(bytes).metadata();
  return metadata.exif !== undefined || metadata.xmp !== undefined || metadata.iptc !== undefined;
}
