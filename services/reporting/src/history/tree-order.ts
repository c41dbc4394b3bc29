/** Depth first, siblings by position: the framework's own order (a node whose parent is unknown is a root). */
export function inTreeOrder<N extends { nodeId: string; parentId: string | null; position: number }>(nodes: N[]): N[] {
  const known = new Set(nodes.map((n) => n.nodeId));
  const children = new Map<string | null, N[]>();
  for (const node of nodes) {
    const parent = node.parentId && known.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const out: N[] = [];
  const visit = (parent: string | null) => {
    for (const node of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push(node);
      visit(node.nodeId);
    }
  };
  visit(null);
  return out;
}
