/**
 * Photos made in the test itself with sharp: a JPEG carrying EXIF with a GPS location (as a phone
 * writes it), and a way to find that location in a file's EXIF without trusting any decoder's
 * summary: the TIFF structure is walked by hand to the GPS pointer tag.
 */
import sharp from 'sharp';

/** A phone-like photo: camera make and model, a date, and where it was taken (London). */
export async function jpegWithLocation(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 150, b: 100 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Pocket 12', DateTime: '2031:06:12 19:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' },
    })
    .toBuffer();
}

export async function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } }).png().toBuffer();
}

export async function smallGif(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).gif().toBuffer();
}

/** True when the EXIF block (as sharp's metadata returns it) has a GPS section (tag 0x8825 in IFD0). */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  // The block starts with "Exif\0\0", then a TIFF header: byte order, 42, offset of IFD0.
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  const entries = u16(ifd0);
  for (let i = 0; i < entries; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** Whether the bytes contain an EXIF marker anywhere (JPEG APP1 "Exif", WebP/PNG "EXIF"/"eXIf" chunks). */
export function containsExifMarker(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  return ['Exif', 'EXIF', 'eXIf'].some((marker) => buffer.includes(Buffer.from(marker, 'latin1')));
}
