/** The parts of @digitalbazaar/vc-bitstring-status-list (untyped JavaScript) the tests call. */
declare module "@digitalbazaar/vc-bitstring-status-list" {
  type Credential = Record<string, unknown>;
  export function statusTypeMatches(options: { credential: Credential }): boolean;
  export function decodeList(options: { encodedList: string }): Promise<{ length: number; getStatus(index: number): boolean }>;
  export function checkStatus(options: {
    credential: Credential;
    documentLoader: (url: string) => Promise<{ document: Credential; documentUrl?: string }>;
    suite?: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; results?: { verified: boolean; status: boolean }[]; error?: Error }>;
}
