/** The EndpointRequest shape Pinpoint accepts (unknown fields are ignored, as Pinpoint does). */
import { z } from 'zod';

const stringList = z.array(z.string());

export const endpointRequestSchema = z.object({
  Address: z.string().optional(),
  Attributes: z.record(z.string(), stringList).optional(),
  ChannelType: z
    .enum(['PUSH', 'GCM', 'APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'ADM', 'SMS', 'VOICE', 'EMAIL', 'BAIDU', 'CUSTOM', 'IN_APP'])
    .optional(),
  Demographic: z.record(z.string(), z.string()).optional(),
  EffectiveDate: z.string().optional(),
  EndpointStatus: z.string().optional(),
  Location: z
    .object({
      City: z.string().optional(),
      Country: z.string().optional(),
      Latitude: z.number().optional(),
      Longitude: z.number().optional(),
      PostalCode: z.string().optional(),
      Region: z.string().optional(),
    })
    .optional(),
  Metrics: z.record(z.string(), z.number()).optional(),
  OptOut: z.string().optional(),
  RequestId: z.string().optional(),
  User: z.object({ UserAttributes: z.record(z.string(), stringList).optional(), UserId: z.string().optional() }).optional(),
});

export type EndpointRequest = z.infer<typeof endpointRequestSchema>;

/** The parsed request, or a BadRequestException message naming the first bad field (never its value). */
export function parseEndpointRequest(body: unknown): { ok: true; value: EndpointRequest } | { ok: false; message: string } {
  const parsed = endpointRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `Invalid EndpointRequest: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
}
