/**
 * The decisions policy admins set, and its defaults. The thresholds come from `npm run measure:checks`
 * (README, Automated checks): the face threshold is the lowest that no two different people reach among
 * 400 calibration people, who are not in the measured set; antispoof and liveness sit at the models'
 * own midpoint.
 */
import { z } from "zod";

export const policySchema = z.object({
  /** Approve a document or selfie whose checks all pass, without a reviewer. */
  autoApprove: z.boolean(),
  /** Ask for a new image when the checks find it unusable (blurred, glare, cut off, no face). */
  autoResubmit: z.boolean(),
  /** Share (0–1) of auto-approvals that still go to a reviewer, for sampling. */
  samplingShare: z.number().min(0).max(1),
  thresholds: z.object({
    faceMatch: z.number().min(0).max(1),
    antispoof: z.number().min(0).max(1),
    liveness: z.number().min(0).max(1),
  }),
});

export type ChecksPolicy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: ChecksPolicy = {
  autoApprove: false,
  autoResubmit: true,
  samplingShare: 0.05,
  thresholds: { faceMatch: 0.755, antispoof: 0.5, liveness: 0.5 },
};
