"""Canonical comparison of dyad's RDF exports and streams (the scale tests): quads read by rdflib,
blank nodes named by a hash of what hangs below them, so two exports compare as sets."""
import hashlib
import unicodedata
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


NAME, ALTERNATE = rdflib.URIRef("https://schema.org/name"), rdflib.URIRef("https://schema.org/alternateName")


def without_entity_names(qs):
    """The quads without the names and alternate names of entities, and those names: (quads,
    {entity: names}, {entity: alternate names}). When documents spell an entity differently ("Vučić",
    "Vucic") the one-run export keeps the first document's name (docs/scale.md) while each
    document's stream has its own, so names are compared apart (see names_agree)."""
    names, alternates, rest = defaultdict(set), defaultdict(set), set()
    for q in qs:
        s, p, o, _ = q
        if p in (NAME, ALTERNATE) and str(s).startswith("urn:dyad:entity:"):
            (names if p == NAME else alternates)[str(s)].add(str(o))
        else:
            rest.add(q)
    return rest, names, alternates


def fold(name):
    """A name without case and accents: "Vučić" and "Vucic" are one spelling to the store."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def names_agree(one, union):
    """The one run's name of each entity is one of the streams' names, and every spelling in the
    streams is, up to case and accents, among the one run's names and alternate names (both from
    without_entity_names)."""
    _, one_names, one_alternates = one
    _, names, alternates = union
    return set(one_names) == set(names) and all(
        one_names[e] <= names[e] and
        {fold(n) for n in names[e] | alternates[e]} <= {fold(n) for n in one_names[e] | one_alternates[e]}
        for e in names)


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
