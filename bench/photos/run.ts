/**
 * Photo bench: what re-encoding an upload costs compared with the old path (magic number + header check,
 * then the bytes stored as sent), for a 12-megapixel photo full of detail (the worst case for JPEG).
 *
 *   npx tsx bench/photos/run.ts [--photos 6] [--concurrency 1,2,4]
 *
 * Prints, per concurrency level (photos processed at once, as from that many simultaneous uploads):
 * milliseconds per photo, photos per second, the largest resident memory seen, and the ratio to the baseline.
 * In-process, no network; every loop is bounded.
 */
import { checkImage } from "../../app/domain/uploads/images";
import { processPhoto } from "../../app/domain/uploads/process-photo.server";
import { detailedPhoto } from "../../tests/helpers/images";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const PHOTOS = Math.min(24, Math.max(1, Number(arg("photos", "6"))));
const LEVELS = arg("concurrency", "1,2,4")
  .split(",")
  .map(Number)
  .filter((n) => n >= 1 && n <= 8);

async function timed(run: () => Promise<unknown>): Promise<{ ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  clearInterval(sampler);
  return { ms, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) };
}

async function inBatches(concurrency: number, work: () => Promise<unknown>) {
  for (let done = 0; done < PHOTOS; done += concurrency) {
    await Promise.all(Array.from({ length: Math.min(concurrency, PHOTOS - done) }, work));
  }
}

const photo = await detailedPhoto(4000, 3000);
console.log(`input: 4000×3000 JPEG, ${(photo.byteLength / 1024 / 1024).toFixed(1)} MB, ${PHOTOS} photos per run`);

// Baseline: the old upload path, a header check and a copy of the bytes to be stored.
const baseline = await timed(() =>
  inBatches(1, async () => {
    if (!checkImage(photo).ok) throw new Error("baseline check failed");
    Buffer.from(photo);
  }),
);
const baselinePerPhoto = baseline.ms / PHOTOS;
console.log(`baseline (header check + copy): ${baselinePerPhoto.toFixed(2)} ms/photo`);

const figures = [];
for (const concurrency of LEVELS) {
  let thumbnailKb = 0;
  const result = await timed(() =>
    inBatches(concurrency, async () => {
      const processed = await processPhoto(photo);
      if (!processed.ok) throw new Error(processed.reason);
      thumbnailKb = processed.thumbnail.bytes.byteLength / 1024;
    }),
  );
  const perPhoto = result.ms / PHOTOS;
  const row = {
    concurrency,
    msPerPhoto: Math.round(perPhoto),
    photosPerSecond: Number((1000 / perPhoto).toFixed(2)),
    peakRssMb: result.peakRssMb,
    thumbnailKb: Number(thumbnailKb.toFixed(1)),
    ratioToBaseline: Math.round(perPhoto / baselinePerPhoto),
  };
  figures.push(row);
  console.log(
    `re-encode, ${concurrency} at once: ${row.msPerPhoto} ms/photo, ${row.photosPerSecond} photos/s, peak RSS ${row.peakRssMb} MB, thumbnail ${row.thumbnailKb} KB, ${row.ratioToBaseline}× baseline`,
  );
}
console.log(JSON.stringify({ baselineMsPerPhoto: Number(baselinePerPhoto.toFixed(3)), figures }));
