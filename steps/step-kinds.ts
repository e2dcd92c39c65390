/**
 * Who takes an action step (When), for runs with a client under test (--client): the app's actions that a
 * client library can express go through the client; the user's and the harness's own actions are taken as
 * always; any other action of the app needs a request the harness shapes itself, so the scenario is
 * skipped with that reason (hooks.ts). Without a client under test every step runs as written.
 */
export const THROUGH_CLIENT = { wrapperOptions: { actor: 'client' } } as const;
export const NOT_THE_APP = { wrapperOptions: { actor: 'harness' } } as const;

export type StepActor = (typeof THROUGH_CLIENT)['wrapperOptions']['actor'] | (typeof NOT_THE_APP)['wrapperOptions']['actor'];

export function actorOf(wrapperOptions: unknown): StepActor | undefined {
  const actor = (wrapperOptions as { actor?: unknown } | undefined)?.actor;
  return actor === 'client' || actor === 'harness' ? actor : undefined;
}
