/**
 * The intake journal key of the request a listener is handling (set by IntakeReceiver in Bolt's
 * context), or undefined when the request could not be recorded.
 */
export function requestKeyOf(context: Record<string, unknown>): string | undefined {
  return typeof context.requestKey === 'string' ? context.requestKey : undefined;
}
