/**
 * Turns an uploaded file into the photo Mend stores: only a real JPEG, PNG or WebP image (judged by
 * decoding its bytes, never by its name or the type the browser claims), at most 5 MB, re-encoded
 * from its pixels so nothing of the original file survives: no EXIF (camera, time, GPS location),
 * no XMP or IPTC, no embedded thumbnail, no colour profile (pixels are converted to sRGB first), no
 * comments. A photo taken at home must not tell the partner's phone, or anyone the file later
 * reaches, where home is.
 */
import sharp from 'sharp';
import { invalidInput } from '../errors';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Long side of the stored photo: sharp on a phone or a laptop screen, a fraction of a camera's size. */
export const PHOTO_LONG_SIDE = 2048;
/**
 * A small file can still claim enormous dimensions (a "decompression bomb"); sharp refuses to decode
 * anything larger than this many pixels instead of filling memory. 100 megapixels is more than any
 * phone camera.
 */
const PHOTO_MAX_INPUT_PIXELS = 100_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
const OUTPUT_QUALITY = 82;

export const PHOTO_MESSAGES = {
  tooBig: 'That photo is larger than 5 MB. Please choose a smaller one (most phones can share a smaller copy).',
  notAnImage: 'That file is not a photo Mend can read. Please choose a JPEG, PNG or WebP image.',
  wrongFormat: (format: string) => `That is a ${format.toUpperCase()} image. Mend accepts JPEG, PNG or WebP photos.`,
  empty: 'That file is empty. Please choose a photo.',
} as const;

export interface PreparedPhoto {
  bytes: Buffer;
  mimeType: 'image/webp';
  width: number;
  height: number;
}

function refuse(message: string): never {
  throw invalidInput(message, { photo: [message] });
}

export async function prepareMemoryPhoto(input: Uint8Array): Promise<PreparedPhoto> {
  if (input.byteLength === 0) refuse(PHOTO_MESSAGES.empty);
  if (input.byteLength > PHOTO_MAX_BYTES) refuse(PHOTO_MESSAGES.tooBig);
  const options = { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: 'error' as const };
  let format: string | undefined;
  try {
    format = (await sharp(input, options).metadata()).format;
  } catch {
    refuse(PHOTO_MESSAGES.notAnImage);
  }
  if (!format) refuse(PHOTO_MESSAGES.notAnImage);
  if (!ACCEPTED_FORMATS.has(format)) refuse(PHOTO_MESSAGES.wrongFormat(format === 'heif' ? 'HEIC' : format));
  try {
    const { data, info } = await sharp(input, { ...options, animated: false })
      // Turn the pixels the way the camera's orientation tag says, since that tag goes with the rest.
      .rotate()
      .resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      // WebP keeps a PNG's transparency and is read by every browser Mend supports. sharp writes no
      // metadata unless asked (keepMetadata / withMetadata), and nothing here asks.
      .webp({ quality: OUTPUT_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mimeType: 'image/webp', width: info.width, height: info.height };
  } catch {
    // Truncated or corrupt pixel data only shows when decoding, after the header looked fine.
    refuse(PHOTO_MESSAGES.notAnImage);
  }
}
