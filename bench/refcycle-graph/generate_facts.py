#!/usr/bin/env python3
"""Generates a synthetic facts set for refcycle-graph, as the check would write
it for a large code base (format: docs/whole-program.md).

  generate_facts.py --edges 1000000 --types 200000 OUT_DIR

The shape is that of real code: the ownership graph is mostly a DAG (types
own types of lower layers), and a number of cycles of 2 to 30 types are
planted in it, about half of them spread over several translation units
(nobody reports them per TU) and half seen whole by one TU (which reported
them). Headers are seen by several TUs, so about --duplicate of the edges
are written again into a second TU's file. Deterministic for a given --seed.
"""

import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--edges", type=int, default=1000000,
                        help="distinct ownership edges (default 1000000)")
    parser.add_argument("--types", type=int, default=0,
                        help="record types (default: edges / 5)")
    parser.add_argument("--edges-per-tu", type=int, default=500)
    parser.add_argument("--cycles", type=int, default=0,
                        help="planted cycles (default: edges / 2000)")
    parser.add_argument("--duplicate", type=float, default=0.2,
                        help="fraction of edges also written by a second TU")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rnd = random.Random(args.seed)
    types = args.types or max(10, args.edges // 5)
    cycles = args.cycles or max(1, args.edges // 2000)

    # Planted cycles use their own types, so that they stay exactly the
    # strongly connected components they are; DAG edges may point into them.
    lengths = [2 + rnd.randrange(29) if i % 10 == 0 else 2 + rnd.randrange(4)
               for i in range(cycles)]
    cycle_types = sum(lengths)
    if cycle_types >= types // 2:
        raise SystemExit("generate_facts: too many cycles for %d types" % types)
    dag_types = types - cycle_types

    # edge: (owner, owned, member, file index, line, cross_tu_group)
    edges = []
    next_type = dag_types
    planted = []  # (edge indices, seen whole by one TU)
    for length in lengths:
        members = list(range(next_type, next_type + length))
        next_type += length
        first = len(edges)
        for i, owner in enumerate(members):
            owned = members[(i + 1) % length]
            name = "parent" if i == length - 1 and rnd.random() < 0.5 else "m%d" % i
            edges.append((owner, owned, name))
        planted.append((list(range(first, len(edges))), rnd.random() < 0.5))
    dag_edges = args.edges - len(edges)
    seen = set()
    while dag_edges > 0:
        owner = rnd.randrange(dag_types - 1)
        # Mostly nearby lower layers, sometimes far, sometimes into a cycle.
        if rnd.random() < 0.02:
            owned = dag_types + rnd.randrange(cycle_types)
        else:
            owned = min(dag_types - 1, owner + 1 + int(rnd.expovariate(1 / 50.0)))
        member = "m%d" % rnd.randrange(8)
        if (owner, owned, member) in seen:
            continue
        seen.add((owner, owned, member))
        edges.append((owner, owned, member))
        dag_edges -= 1

    # Assign edges to TUs: DAG edges of a type go to the TU of its header.
    tus = max(1, args.edges // args.edges_per_tu)
    per_tu = [[] for _ in range(tus)]
    reported = [[] for _ in range(tus)]
    planted_edge = {}
    for edge_ids, whole in planted:
        if whole:
            tu = rnd.randrange(tus)
            for e in edge_ids:
                per_tu[tu].append(e)
            reported[tu].append(edge_ids)
        else:
            for e in edge_ids:
                per_tu[rnd.randrange(tus)].append(e)
        for e in edge_ids:
            planted_edge[e] = True
    for e in range(len(edges)):
        if e in planted_edge:
            continue
        tu = edges[e][0] * tus // types
        per_tu[tu].append(e)
        if rnd.random() < args.duplicate:
            per_tu[rnd.randrange(tus)].append(e)

    os.makedirs(args.out_dir, exist_ok=True)
    written = 0
    for tu in range(tus):
        local_node, nodes, lines = {}, [], []
        edge_local = {}
        for e in per_tu[tu]:
            owner, owned, _ = edges[e]
            for t in (owner, owned):
                if t not in local_node:
                    local_node[t] = len(nodes)
                    nodes.append(t)
        header = "refcycle-facts\t5\ntu\t/bench/src/tu%05d.cpp\n" % tu
        files = {}
        for t in nodes:
            files.setdefault(t * 400 // types, len(files))
        out = [header]
        for f, i in sorted(files.items(), key=lambda x: x[1]):
            out.append("file\t%d\t/bench/src/module%03d/types.h\n" % (i, f))
        for i, t in enumerate(nodes):
            out.append("node\t%d\tc:@N@bench@S@T%d\tbench::T%d\t-\n" % (i, t, t))
        for n, e in enumerate(per_tu[tu]):
            owner, owned, member = edges[e]
            edge_local[e] = n
            out.append("edge\t%d\t%d\t%s\tshared\tstd::shared_ptr\t-\t%d\t%d\t%d\n" % (
                local_node[owner], local_node[owned], member,
                files[owner * 400 // types], 10 + owner % 5000, 27))
        for edge_ids in reported[tu]:
            out.append("cycle\t" + "\t".join(str(edge_local[e]) for e in
                                             [edge_ids[-1]] + edge_ids[:-1]) + "\n")
        out.append("end\t%d\t%d\t%d\n" % (len(nodes), len(per_tu[tu]), len(reported[tu])))
        with open(os.path.join(args.out_dir, "tu%05d.facts" % tu), "w") as f:
            f.writelines(out)
        written += len(per_tu[tu])
    print("generate_facts: %d distinct edges (%d edge lines with duplicates) over "
          "%d types in %d facts files, %d planted cycles, in %s" %
          (len(edges), written, types, tus, len(planted), args.out_dir))


if __name__ == "__main__":
    main()
