import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';

/** Where a node sits in its definition's tree: enough for any reader to draw the tree without the definition. */
export interface NodePlace {
  parentId?: string;
  kind: FrameworkNode['kind'];
  name: string;
  /** Order among its siblings. */
  position: number;
}

const cache = new WeakMap<FrameworkDefinition, Map<string, NodePlace>>();

export function nodePlaces(definition: FrameworkDefinition): Map<string, NodePlace> {
  const known = cache.get(definition);
  if (known) return known;
  const places = new Map<string, NodePlace>();
  const visit = (nodes: FrameworkNode[], parentId?: string) =>
    nodes.forEach((node, position) => {
      places.set(node.id, { ...(parentId ? { parentId } : {}), kind: node.kind, name: node.name, position });
      if (node.children) visit(node.children, node.id);
    });
  visit(definition.nodes);
  cache.set(definition, places);
  return places;
}
