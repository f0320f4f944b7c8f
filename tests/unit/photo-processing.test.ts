import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processPhoto } from "../../app/domain/uploads/process-photo.server";
import { detailedPhoto, hasExif, headerOnlyPng, phonePhotoWithGps, pixelBombPng } from "../helpers/images";

describe("a photo a resident uploads", () => {
  it("loses its EXIF block, GPS position included, and stands upright", async () => {
    const original = await phonePhotoWithGps(400, 200);
    expect(await hasExif(original)).toBe(true);
    const result = await processPhoto(original);
    if (!result.ok) throw new Error(result.reason);
    for (const rendition of [result.full, result.thumbnail]) {
      const metadata = await sharp(rendition.bytes).metadata();
      expect(metadata.format).toBe("jpeg");
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
    }
    // Orientation 6 means "turn 90° clockwise to view": the 400×200 sensor image is shown 200×400.
    expect({ width: result.full.width, height: result.full.height }).toEqual({ width: 200, height: 400 });
    const full = await sharp(result.full.bytes).metadata();
    expect({ width: full.width, height: full.height }).toEqual({ width: 200, height: 400 });
  });

  it("gets a phone-sized thumbnail under 60 KB and a full view no wider than 2048 pixels", async () => {
    const original = await detailedPhoto(3000, 2250);
    expect(original.byteLength).toBeGreaterThan(1024 * 1024);
    const result = await processPhoto(original);
    if (!result.ok) throw new Error(result.reason);
    expect(result.thumbnail.bytes.byteLength).toBeLessThan(60 * 1024);
    expect({ width: result.thumbnail.width, height: result.thumbnail.height }).toEqual({ width: 384, height: 384 });
    expect(Math.max(result.full.width, result.full.height)).toBe(2048);
    expect(result.full.bytes.byteLength).toBeLessThan(original.byteLength);
  }, 30_000);

  it("is refused when it declares 30000×30000 pixels (a decompression bomb)", async () => {
    const bomb = pixelBombPng();
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    expect(await processPhoto(bomb)).toEqual({ ok: false, reason: "issues:errors.upload_too_many_pixels" });
  });

  it("is refused when the file stops after its header or is cut off", async () => {
    expect(await processPhoto(headerOnlyPng())).toEqual({ ok: false, reason: "issues:errors.upload_damaged" });
    const photo = await phonePhotoWithGps(800, 600);
    expect(await processPhoto(photo.subarray(0, Math.floor(photo.byteLength * 0.6)))).toEqual({
      ok: false,
      reason: "issues:errors.upload_damaged",
    });
  });

  it("keeps transparent PNGs readable on a white background and takes the first frame of a GIF", async () => {
    const png = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const fromPng = await processPhoto(new Uint8Array(png));
    if (!fromPng.ok) throw new Error(fromPng.reason);
    const { dominant } = await sharp(fromPng.full.bytes).stats();
    expect(dominant.r).toBeGreaterThan(240);
    const gif = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#f00" } })
      .gif()
      .toBuffer();
    const fromGif = await processPhoto(new Uint8Array(gif));
    expect(fromGif.ok && fromGif.full.width).toBe(30);
  });
});
