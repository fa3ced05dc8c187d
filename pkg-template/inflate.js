// @ts-check
// A raw DEFLATE (RFC 1951) decoder, so the entry can embed its WebAssembly module compressed (the
// module is about 130 KB; deflated and in base64 it costs 24% less gzip than plain base64) and
// still instantiate it synchronously in a browser, where the only built-in decompressor is
// asynchronous. Node uses its own zlib instead (see load.js). Canonical Huffman decoding, one
// code at a time, in the manner of zlib's `puff`. It decodes only the package's own bytes.

/** A Huffman code: how many codes of each length, and the symbols in canonical order. */
/** @typedef {{ count: Uint16Array, symbol: Uint16Array }} Huffman */

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * @param {ArrayLike<number>} lengths code length of each symbol (0: unused)
 * @returns {Huffman}
 */
function huffman(lengths) {
  const count = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) count[lengths[i]]++;
  count[0] = 0;
  const offs = new Uint16Array(16);
  for (let len = 1; len < 16; len++) offs[len] = offs[len - 1] + count[len - 1];
  const symbol = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i] !== 0) symbol[offs[lengths[i]]++] = i;
  return { count, symbol };
}

let fixedCodes = /** @type {[Huffman, Huffman] | undefined} */ (undefined);
function fixed() {
  if (!fixedCodes) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixedCodes = [huffman(l), huffman(new Uint8Array(30).fill(5))];
  }
  return fixedCodes;
}

/**
 * Decodes raw DEFLATE data.
 * @param {Uint8Array} input
 * @param {number} size the exact decoded size
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function inflateRaw(input, size) {
  const out = new Uint8Array(size);
  let outPos = 0;
  let inPos = 0;
  let bitBuf = 0;
  let bitCount = 0;
  const fail = (/** @type {string} */ why) => new Error(`embedded module: ${why}`);
  const bits = (/** @type {number} */ n) => {
    while (bitCount < n) {
      if (inPos >= input.length) throw fail('truncated');
      bitBuf |= input[inPos++] << bitCount;
      bitCount += 8;
    }
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  };
  const decode = (/** @type {Huffman} */ h) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.count[len];
      if (code - count < first) return h.symbol[index + (code - first)];
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw fail('bad code');
  };
  for (;;) {
    const last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitBuf = 0;
      bitCount = 0;
      const len = input[inPos] | (input[inPos + 1] << 8);
      inPos += 4;
      if (inPos + len > input.length || outPos + len > size) throw fail('bad stored block');
      out.set(input.subarray(inPos, inPos + len), outPos);
      inPos += len;
      outPos += len;
    } else if (type === 1 || type === 2) {
      let lit;
      let dist;
      if (type === 1) {
        [lit, dist] = fixed();
      } else {
        const nlen = bits(5) + 257;
        const ndist = bits(5) + 1;
        const ncode = bits(4) + 4;
        const lengths = new Uint8Array(19);
        for (let i = 0; i < ncode; i++) lengths[CODE_LENGTH_ORDER[i]] = bits(3);
        const lencode = huffman(lengths);
        const all = new Uint8Array(nlen + ndist);
        for (let i = 0; i < nlen + ndist;) {
          const sym = decode(lencode);
          if (sym < 16) {
            all[i++] = sym;
            continue;
          }
          let repeat;
          let value = 0;
          if (sym === 16) {
            if (i === 0) throw fail('bad repeat');
            value = all[i - 1];
            repeat = 3 + bits(2);
          } else if (sym === 17) {
            repeat = 3 + bits(3);
          } else {
            repeat = 11 + bits(7);
          }
          if (i + repeat > nlen + ndist) throw fail('bad lengths');
          all.fill(value, i, i + repeat);
          i += repeat;
        }
        lit = huffman(all.subarray(0, nlen));
        dist = huffman(all.subarray(nlen));
      }
      for (;;) {
        const sym = decode(lit);
        if (sym < 256) {
          if (outPos >= size) throw fail('too long');
          out[outPos++] = sym;
        } else if (sym === 256) {
          break;
        } else {
          const li = sym - 257;
          if (li >= 29) throw fail('bad length');
          const len = LENGTH_BASE[li] + bits(LENGTH_EXTRA[li]);
          const di = decode(dist);
          if (di >= 30) throw fail('bad distance');
          const d = DIST_BASE[di] + bits(DIST_EXTRA[di]);
          if (d > outPos || outPos + len > size) throw fail('bad distance');
          for (let k = 0; k < len; k++, outPos++) out[outPos] = out[outPos - d];
        }
      }
    } else {
      throw fail('bad block type');
    }
    if (last) break;
  }
  if (outPos !== size) throw fail('wrong size');
  return out;
}
