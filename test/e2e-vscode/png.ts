// Reading back the pixels of a screenshot: a PNG decoder for what chromium writes
// (8-bit RGB or RGBA, not interlaced), and the places where a colour shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Picture {
  readonly width: number;
  readonly height: number;
  /** Red, green, blue of the pixel at (x, y). */
  rgb(x: number, y: number): readonly [number, number, number];
}

/** A rectangle in the page's pixels, as playwright's boundingBox gives it. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const SIGNATURE = '89504e470d0a1a0a';

export function readPng(path: string): Picture {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 8).toString('hex'), SIGNATURE, `${path} is not a PNG`);
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colourType, , , interlace] = body.subarray(8, 13);
      assert.ok(depth === 8 && (colourType === 2 || colourType === 6) && interlace === 0, `${path}: an unread layout`);
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const pixels = unfilter(inflateSync(Buffer.concat(data)), width, height, channels);
  return {
    width,
    height,
    rgb(x, y) {
      const at = (y * width + x) * channels;
      return [pixels[at]!, pixels[at + 1]!, pixels[at + 2]!];
    },
  };
}

/** Undoes each row's filter (PNG's None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)]!;
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    for (let index = 0; index < stride; index++) {
      const left = index >= channels ? out[row * stride + index - channels]! : 0;
      const up = row > 0 ? out[(row - 1) * stride + index]! : 0;
      const upLeft = row > 0 && index >= channels ? out[(row - 1) * stride + index - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      assert.ok(predictor !== undefined, `unknown PNG filter ${filter}`);
      out[row * stride + index] = (line[index]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
  if (toLeft! <= toUp! && toLeft! <= toUpLeft!) return left;
  return toUp! <= toUpLeft! ? up : upLeft;
}

/** "#1f6fb2" → [31, 111, 178]. */
function rgbOf(hex: string): readonly [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/**
 * The pixels inside `box` drawn in the colour `hex` over a white background: each a blend of
 * the two (as anti-aliased text and lines are) with at least `minCoverage` of the colour, its
 * three channels agreeing on how much.
 */
export function pixelsDrawnIn(picture: Picture, box: Box, hex: string, minCoverage = 0.5): { x: number; y: number }[] {
  const colour = rgbOf(hex);
  const found: { x: number; y: number }[] = [];
  const [left, top] = [Math.max(0, Math.floor(box.x)), Math.max(0, Math.floor(box.y))];
  const right = Math.min(picture.width, Math.ceil(box.x + box.width));
  const bottom = Math.min(picture.height, Math.ceil(box.y + box.height));
  for (let y = top; y < bottom; y++)
    for (let x = left; x < right; x++) {
      const shown = picture.rgb(x, y);
      // shown = coverage·colour + (1 − coverage)·255, per channel; the channel that differs most from white says it best.
      const channel = [0, 1, 2].reduce((best, index) => (colour[index]! < colour[best]! ? index : best), 0);
      const coverage = (255 - shown[channel]!) / (255 - colour[channel]!);
      if (coverage < minCoverage || coverage > 1.15) continue;
      const expected = colour.map((value) => coverage * value + (1 - coverage) * 255);
      if (shown.every((value, index) => Math.abs(value - expected[index]!) <= 28)) found.push({ x, y });
    }
  return found;
}
