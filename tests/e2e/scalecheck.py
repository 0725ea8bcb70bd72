"""Canonical comparison of dyad's RDF exports and streams (the scale tests): quads read by rdflib,
blank nodes named by a hash of what hangs below them, so two exports compare as sets."""
import hashlib
from collections import defaultdict

import rdflib
from rdflib.term import BNode

VOCAB = "urn:dyad:vocab:"
CONFIDENCE = rdflib.URIRef(VOCAB + "confidence")
TOPIC, VEHICLE = rdflib.URIRef(VOCAB + "topic"), rdflib.URIRef(VOCAB + "vehicle")
TIME, MODALITY = rdflib.URIRef(VOCAB + "time"), rdflib.URIRef(VOCAB + "modality")
# The values of a statement that combine over documents, which an export of the whole database
# writes into the graph of every document of the statement: confidence (1 - prod(1 - c)), topics
# and vehicles (united), the first time, modality and quantity. A document's own N-Quads stream
# holds its own values.
COMBINED = {CONFIDENCE, TOPIC, VEHICLE, TIME, MODALITY, rdflib.URIRef(VOCAB + "quantity")}


def quads(path, fmt="nquads"):
    """Every quad of the file as (s, p, o, g), g None for the default graph."""
    ds = rdflib.Dataset()
    ds.parse(str(path), format=fmt)
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, rdflib.Graph) else g
        if gid is not None and not str(gid).startswith("urn:dyad:"):
            gid = None  # rdflib names the default graph after the file
        out.add((s, p, o, gid))
    return out


def canonical(qs, drop=()):
    """The quads with blank nodes replaced by a hash of their content (dyad's blank nodes form
    trees), leaving out triples whose predicate is in `drop` together with what hangs below them."""
    below = defaultdict(list)
    for q in qs:
        below[q[0]].append(q)
    memo = {}

    def name(t):
        if not isinstance(t, BNode):
            return t.n3()
        if t not in memo:
            memo[t] = "_:" + hashlib.sha1(repr(sorted(
                (p.n3(), name(o), str(g)) for _, p, o, g in below[t] if p not in drop)).encode()).hexdigest()[:20]
        return memo[t]

    # a dropped value's own node (a quantity) goes with it; it has no blank nodes below it
    dropped = {o for _, p, o, _ in qs if p in drop and isinstance(o, BNode)}
    return {(name(s), p.n3(), name(o), str(g)) for s, p, o, g in qs if p not in drop and s not in dropped}


def confidences(qs):
    """statement IRI -> {graph: confidence}."""
    out = defaultdict(dict)
    for s, p, o, g in qs:
        if p == CONFIDENCE:
            out[str(s)][str(g)] = float(o)
    return out


def values(qs, predicate):
    """statement IRI -> the set of its values of `predicate`, in any graph."""
    out = defaultdict(set)
    for s, p, o, _ in qs:
        if p == predicate:
            out[str(s)].add(str(o))
    return out
