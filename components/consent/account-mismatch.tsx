import { switchAccount } from "@/app/kyc/grant/[ocid]/actions";

/** Signed in as someone other than the person the partner asked about: share nothing, offer the way out. */
export function AccountMismatch({ partnerName, signedInOcid, requestedOcid, returnTo }: { partnerName: string; signedInOcid: number; requestedOcid: number; returnTo: string }) {
  return (
    <div className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" data-testid="account-mismatch">
      <h1 className="text-2xl font-semibold tracking-tight">This request is for someone else</h1>
      <p className="mt-2 text-slate-600">
        {partnerName} asked about the Attest account with OCID <span className="font-mono font-medium">{requestedOcid}</span>, but you are signed in
        as OCID <span className="font-mono font-medium">{signedInOcid}</span>. Nothing has been shared.
      </p>
      <p className="mt-2 text-slate-600">If the request is for another account of yours, sign out and sign in with that one.</p>
      <form action={switchAccount} className="mt-6">
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Sign out and switch account
        </button>
      </form>
    </div>
  );
}
