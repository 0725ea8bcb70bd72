// Text encodings shared by the exporters (internal to exporters/): UTF-8 repair, N-Triples, XML
// and CSV escaping, and the number forms the formats expect. Pure functions, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dyad::exporters {

/// `text` with every invalid UTF-8 sequence (stray continuation bytes, truncated or overlong
/// sequences, surrogates, code points above U+10FFFF) replaced by U+FFFD, one per maximal invalid
/// subpart, as Python's and ICU's decoders do. Valid text comes back unchanged.
std::string valid_utf8(std::string_view text);

/// A quoted N-Triples/N-Quads string literal in canonical form (RDF Dataset Canonicalization,
/// as jsonld.js and rdf-canonize write it): \b \t \n \f \r \" \\ as ECHAR, the other C0 controls
/// and DEL as \u00XX, everything else as UTF-8 (invalid UTF-8 repaired first).
std::string ntriples_string(std::string_view text);

/// <iri> for N-Triples/N-Quads: the characters IRIREF forbids (controls, space, <>"{}|^`\) as \u00XX.
std::string ntriples_iri(std::string_view iri);

/// True when ntriples_iri(iri) is just "<" + iri + ">" and ntriples_string(text) just the text in
/// quotes (ASCII, nothing to escape): a writer can then skip building the escaped copy.
bool plain_iri(std::string_view iri);
bool plain_string(std::string_view text);

/// The canonical xsd:double lexical form the JSON-LD to RDF algorithm produces: 0.9 -> "9.0E-1",
/// 2000 -> "2.0E3" (15 digits after the point at most, like JavaScript's toExponential(15)).
std::string xsd_double(double value);

/// The canonical xsd:integer lexical form of an integral value: 2000.0 -> "2000".
std::string xsd_integer(double value);

/// The shortest decimal that reads back as the same double: 0.9 -> "0.9", 2000.0 -> "2000".
std::string shortest_double(double value);

/// XML 1.0 text: & < > escaped, and " too when `attribute`; CR always, TAB and LF in attributes,
/// as character references so parsers keep them. Characters XML 1.0 cannot carry at all (C0
/// controls other than TAB, LF, CR) become U+FFFD; invalid UTF-8 is repaired first.
std::string xml_escape(std::string_view text, bool attribute);

/// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, inner quotes doubled.
std::string csv_field(std::string_view text);

/// Items joined with `delimiter`. List cells (GraphML "|", Neo4j arrays ";") have no escape, so a
/// delimiter inside an item becomes ','.
std::string join_list(const std::vector<std::string>& items, char delimiter);

}  // namespace dyad::exporters
