import { createHash } from "node:crypto";

/*
 * The Merkle tree of RFC 9162 §2.1 (the hashing of RFC 6962): leaf = SHA-256(0x00 ‖ data),
 * node = SHA-256(0x01 ‖ left ‖ right), a tree of n leaves splits at the largest power of two
 * below n. Proofs are built from the hashes of complete subtrees, addressed as (level, index):
 * the node at level l, index i covers leaves [i·2^l, (i+1)·2^l). Pure: the caller supplies them.
 */

export type Hash = Buffer;
/** The hash of a complete subtree; `level` 0 is a leaf. */
export type NodeSource = (level: number, index: number) => Hash;

export const EMPTY_ROOT: Hash = createHash("sha256").digest();

export function leafHash(data: string | Uint8Array): Hash {
  return createHash("sha256").update(Buffer.from([0])).update(data).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash("sha256").update(Buffer.from([1])).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n));

/** MTH(D[start:end]); every range the RFC's recursions reach starts aligned to its own size. */
function subtree(node: NodeSource, start: number, end: number): Hash {
  const n = end - start;
  if (isPowerOfTwo(n)) return node(Math.log2(n), start / n);
  const k = split(n);
  return nodeHash(subtree(node, start, start + k), subtree(node, start + k, end));
}

export function rootHash(node: NodeSource, size: number): Hash {
  return size === 0 ? EMPTY_ROOT : subtree(node, 0, size);
}

/** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, from the leaf's sibling up. */
export function inclusionProof(node: NodeSource, index: number, size: number): Hash[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Hash[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = split(n);
    return m < k ? [...path(m, start, start + k), subtree(node, start + k, end)] : [...path(m - k, start + k, end), subtree(node, start, start + k)];
  };
  return path(index, 0, size);
}

/** PROOF(first, D[0:second]) of RFC 9162 §2.1.4.1. */
export function consistencyProof(node: NodeSource, first: number, second: number): Hash[] {
  if (!(first >= 0 && first <= second)) throw new RangeError(`no consistency from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Hash[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [subtree(node, start, end)];
    const k = split(n);
    return m <= k ? [...subproof(m, start, start + k, whole), subtree(node, start + k, end)] : [...subproof(m - k, start + k, end, false), subtree(node, start, start + k)];
  };
  return subproof(first, 0, second, true);
}

// Bit operations in JavaScript are 32-bit: halve and test parity arithmetically instead.
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: does `proof` put a leaf with this hash at `index` of the tree with `root`? */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree (second, secondRoot) an append-only extension of (first, firstRoot)? */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: Hash[]): boolean {
  if (!(first >= 0 && first <= second)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** The complete subtrees a computation reads, found by running it on placeholder hashes: a tree's shape depends on its size alone. */
export function nodesRead<T>(compute: (node: NodeSource) => T): Array<[level: number, index: number]> {
  const seen = new Map<string, [number, number]>();
  compute((level, index) => {
    seen.set(`${level}:${index}`, [level, index]);
    return EMPTY_ROOT;
  });
  return [...seen.values()];
}

/**
 * A tree built leaf by leaf, holding only the roots of its complete subtrees (the compact
 * range of RFC 9162's appendix, as Trillian keeps it): `append` returns every node it
 * completes, which is what a store must keep to answer proofs later.
 */
export class CompactTree {
  /** Roots of the complete subtrees, largest (leftmost) first, with their levels. */
  private peaks: Array<{ level: number; hash: Hash }> = [];
  constructor(
    public size = 0,
    peaks: Hash[] = [],
  ) {
    const levels = [...size.toString(2)].map((bit, i, bits) => (bit === "1" ? bits.length - 1 - i : -1)).filter((level) => level >= 0);
    if (levels.length !== peaks.length) throw new RangeError(`a tree of ${size} has ${levels.length} peaks, not ${peaks.length}`);
    this.peaks = levels.map((level, i) => ({ level, hash: peaks[i]! }));
  }

  /** The (level, index) of each peak of a tree of `size` leaves, largest first. */
  static peakNodes(size: number): Array<[level: number, index: number]> {
    const nodes: Array<[number, number]> = [];
    let start = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level -= 1) {
      const width = 2 ** level;
      if (size - start >= width) {
        nodes.push([level, start / width]);
        start += width;
      }
    }
    return nodes;
  }

  append(leaf: Hash): Array<{ level: number; index: number; hash: Hash }> {
    // Every node this leaf completes ends at the leaf, so its index at level l is ⌊leaf / 2^l⌋.
    const at = (level: number, hash: Hash) => ({ level, index: Math.floor(this.size / 2 ** level), hash });
    const completed = [at(0, leaf)];
    let carry = { level: 0, hash: leaf };
    while (this.peaks.length && this.peaks[this.peaks.length - 1]!.level === carry.level) {
      const left = this.peaks.pop()!;
      carry = { level: carry.level + 1, hash: nodeHash(left.hash, carry.hash) };
      completed.push(at(carry.level, carry.hash));
    }
    this.peaks.push(carry);
    this.size += 1;
    return completed;
  }

  root(): Hash {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    return this.peaks.map((peak) => peak.hash).reduceRight((right, left) => nodeHash(left, right));
  }
}
