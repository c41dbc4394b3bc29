import { Decider } from '@assay/domain-kernel';

/**
 * given(events).when(command).then(events) for pure deciders, after emmett's DeciderSpecification:
 * the specification reads as the business rule it checks.
 */
export function deciderSpecification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows<E extends Error>(type: new (...args: any[]) => E, check?: (error: E) => void) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(type);
              check?.(thrown as E);
            },
          };
        },
      };
    },
  };
}
