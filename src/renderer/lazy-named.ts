/**
 * Code splitting for named exports: what a first view does not show (results, charts,
 * snapshots, the pipeline) loads in chunks of its own, after the live core view is drawn.
 */
import { lazy, type LazyExoticComponent, type ReactNode } from 'react';

/** A function component taking props P. */
type Component<P> = (props: P) => ReactNode;

/** The props of a function component type, or never for anything else. */
type PropsOf<C> = C extends Component<infer P> ? P : never;

/** React.lazy for a module's named export (Corelab's components are named, one per file). */
export function lazyNamed<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<Component<PropsOf<M[K]>>> {
  // M[K] is a component whenever PropsOf<M[K]> is not never: the props check at use sites.
  return lazy(async () => ({ default: (await load())[name] as Component<PropsOf<M[K]>> }));
}
