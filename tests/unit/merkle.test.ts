import { createRequire } from "node:module";

import { describe, expect, it } from "vitest";

import { CompactTree, consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, rootHash, verifyConsistency, verifyInclusion, type NodeSource } from "@/lib/audit/merkle";

import vectors from "../fixtures/rfc6962-vectors.json";

// Sigstore's own RFC 6962 inclusion check (the one that verifies Rekor entries); the package exports it only at this path.
const { verifyMerkleInclusion } = createRequire(import.meta.url)("@sigstore/verify/dist/tlog/merkle") as {
  verifyMerkleInclusion: (entry: { canonicalizedBody: Buffer; inclusionProof: { logIndex: string; hashes: Buffer[] } }, checkpoint: { logSize: bigint; logHash: Buffer }) => void;
};

const hex = (value: string) => Buffer.from(value, "hex");
const hexes = (values: string[]) => values.map(hex);

/** Builds every complete subtree of the given leaves, the way the log's store keeps them. */
function treeOf(leaves: Array<string | Uint8Array>): { node: NodeSource; tree: CompactTree } {
  const nodes = new Map<string, Buffer>();
  const tree = new CompactTree();
  for (const leaf of leaves) for (const made of tree.append(leafHash(leaf))) nodes.set(`${made.level}:${made.index}`, made.hash);
  const node: NodeSource = (level, index) => {
    const found = nodes.get(`${level}:${index}`);
    if (!found) throw new Error(`no node ${level}:${index}`);
    return found;
  };
  return { node, tree };
}

const inputs = vectors.leafInputs.map(hex);

describe("the Merkle tree against RFC 6962 test vectors", () => {
  it("computes every published root", () => {
    expect(rootHash(() => EMPTY_ROOT, 0).toString("hex")).toBe(vectors.emptyRoot);
    for (let size = 1; size <= inputs.length; size += 1) {
      const { node, tree } = treeOf(inputs.slice(0, size));
      expect(rootHash(node, size).toString("hex")).toBe(vectors.roots[size - 1]);
      expect(tree.root().toString("hex")).toBe(vectors.roots[size - 1]);
    }
  });

  it("produces and verifies the published inclusion proofs", () => {
    const { node } = treeOf(inputs);
    for (const vector of vectors.inclusionProofs) {
      const index = vector.leaf - 1;
      const proof = inclusionProof(node, index, vector.size);
      expect(proof.map((h) => h.toString("hex"))).toEqual(vector.proof);
      const root = hex(vectors.roots[vector.size - 1]!);
      expect(verifyInclusion(index, vector.size, leafHash(inputs[index]!), proof, root)).toBe(true);
      expect(verifyInclusion(index, vector.size, leafHash("other"), proof, root)).toBe(false);
      if (proof.length) expect(verifyInclusion(index, vector.size, leafHash(inputs[index]!), proof.slice(1), root)).toBe(false);
    }
  });

  it("produces and verifies the published consistency proofs", () => {
    const { node } = treeOf(inputs);
    for (const vector of vectors.consistencyProofs) {
      const proof = consistencyProof(node, vector.size1, vector.size2);
      expect(proof.map((h) => h.toString("hex"))).toEqual(vector.proof);
      const [first, second] = [hex(vectors.roots[vector.size1 - 1]!), hex(vectors.roots[vector.size2 - 1]!)];
      expect(verifyConsistency(vector.size1, vector.size2, first, second, hexes(vector.proof))).toBe(true);
      if (vector.size1 !== vector.size2) {
        expect(verifyConsistency(vector.size1, vector.size2, second, first, hexes(vector.proof))).toBe(false);
        expect(verifyConsistency(vector.size1, vector.size2, first, second, hexes(vector.proof).slice(0, -1))).toBe(false);
      }
    }
  });

  it("agrees with Sigstore's verifier and itself on every index and size up to 70", () => {
    const leaves = Array.from({ length: 70 }, (_, i) => `entry ${i}`);
    const { node } = treeOf(leaves);
    for (let size = 1; size <= leaves.length; size += 1) {
      const root = rootHash(node, size);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(node, index, size);
        expect(verifyInclusion(index, size, leafHash(leaves[index]!), proof, root)).toBe(true);
        const entry = { canonicalizedBody: Buffer.from(leaves[index]!), inclusionProof: { logIndex: String(index), hashes: proof } };
        expect(() => verifyMerkleInclusion(entry, { logSize: BigInt(size), logHash: root })).not.toThrow();
        expect(() => verifyMerkleInclusion({ ...entry, canonicalizedBody: Buffer.from("forged") }, { logSize: BigInt(size), logHash: root })).toThrow();
      }
      for (let first = 0; first <= size; first += 1) {
        expect(verifyConsistency(first, size, rootHash(node, first), root, consistencyProof(node, first, size))).toBe(true);
      }
    }
  });

  it("rebuilds its compact range from the stored peaks", () => {
    const { node, tree } = treeOf(inputs.slice(0, 7));
    const resumed = new CompactTree(
      7,
      CompactTree.peakNodes(7).map(([level, index]) => node(level, index)),
    );
    resumed.append(leafHash(inputs[7]!));
    tree.append(leafHash(inputs[7]!));
    expect(resumed.root().toString("hex")).toBe(vectors.roots[7]);
    expect(tree.root().equals(resumed.root())).toBe(true);
  });
});
