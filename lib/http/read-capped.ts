/**
 * A body read no further than `maxBytes`. The sender decides how much it sends, and a
 * Content-Length can be absent or wrong, so reading stops, and the stream is cancelled, as
 * soon as the bytes go over. Null when the body (or its declared length) is over the limit;
 * a stream that fails midway throws.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, declaredLength?: string | null): Promise<Uint8Array | null> {
  if (Number(declaredLength ?? "0") > maxBytes) return null;
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}
