import * as z from 'zod/mini';
import { text } from './input-text';
import { LIMITS } from './limits';

/** What `POST /admin/requests/{id}/decision` accepts (CONTRACT.md): refuse and extend give their reason. */
export const DecisionInputSchema = z
  .strictObject({
    decision: z.enum(['approve', 'refuse', 'extend']),
    reason: z.optional(text(LIMITS.decisionReason)),
  })
  .check(
    z.superRefine((d, ctx) => {
      if ((d.decision === 'refuse' || d.decision === 'extend') && !d.reason?.trim()) {
        ctx.issues.push({ code: 'custom', path: ['reason'], message: `A ${d.decision} decision gives its reason`, input: d.reason });
      }
    }),
  );
export type DecisionInput = z.infer<typeof DecisionInputSchema>;
