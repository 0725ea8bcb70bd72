// Reading a dyad JSON-LD export back into a graph (for `dyad import`).
#pragma once

#include <istream>
#include <string>

#include "core/graph.h"

namespace dyad::exporters {

/// Reads what `dyad export --format jsonld` writes (with any filter options) back into a graph:
/// entities with names and sameAs, relations with qualifiers, confidence (to the 4 decimals the
/// export keeps) and evidence with its offsets. It reads dyad's own compacted form, checked
/// against dyad's @context, not arbitrary JSON-LD. `source` names the input in error messages.
/// @throws Error (Input) "SOURCE: where: what is wrong; what to do" for anything else: not JSON
/// (or not UTF-8), no @graph, another @context, an unknown @type, predicate or property, a missing
/// or malformed id or value, a relation whose end is not in the file, a direct edge without its
/// statement.
KnowledgeGraph read_jsonld(std::istream& in, const std::string& source);

}  // namespace dyad::exporters
