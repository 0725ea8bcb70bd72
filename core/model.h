// Plain values of the knowledge graph: spans, documents, entities, qualifiers, evidence, relations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/vocabulary.h"

namespace dyad {

/// Half-open BYTE offsets into the original file (Evidence::sentence_chars: code points).
struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool operator==(const Span&) const = default;
};

/// One input text. `id` is the content hash, so the same bytes are the same document.
struct Document {
    std::string id;
    std::string source;  // path or caller-given id
    std::string bytes;   // the original bytes, untouched
    std::string date;    // optional, from the caller
};

/// A node of the graph. `key` is stable ("country/mexico") and IRIs derive from it.
struct Entity {
    std::string key;
    EntityType type = EntityType::Topic;
    std::string name;
    std::vector<std::string> alt_names;  // sorted, unique, never contains `name`
    std::vector<std::string> same_as;    // Wikidata IRIs
    bool operator==(const Entity&) const = default;
};

/// "nearly 2,000 miles": value 2000, unit "mile", hedge "nearly".
struct Quantity {
    double value = 0;
    std::string unit;
    std::string hedge;
    std::string text;  // the quoted surface
    bool operator==(const Quantity&) const = default;
};

struct Qualifiers {
    std::vector<std::string> topics;    // Topic entity keys, sorted
    std::vector<std::string> vehicles;  // Agreement/Initiative/Organization/Event keys, sorted
    std::optional<Quantity> quantity;
    std::string time;      // "historical", "current" or a date; empty when unknown
    std::string modality;  // "may", "can be considered", "at times"...; empty when asserted
    bool operator==(const Qualifiers&) const = default;
};

/// One sentence that supports a relation, and the rule that read it.
struct Evidence {
    std::string doc_id;
    Span sentence;
    Span subject;
    Span object;
    std::string quote;  // the sentence text
    std::string rule;   // id of the pattern or rule, e.g. "cue:border-share"
    /// The sentence as half-open offsets in Unicode code points into the decoded text (after
    /// transcoding, without a byte order mark): what a W3C TextPositionSelector counts. Unknown
    /// (nullopt) for evidence a schema-1 database stored before it was migrated.
    std::optional<Span> sentence_chars;
    bool operator==(const Evidence&) const = default;
};

/// A typed edge. Symmetric predicates are stored with subject < object (by key).
/// A negated relation ("are not allies") is kept, marked, and left out of the positive graph.
struct Relation {
    std::string subject;
    Predicate predicate = Predicate::CooperatesWith;
    std::string object;
    bool negated = false;
    Qualifiers qualifiers;
    float confidence = 0;
    std::vector<Evidence> evidence;
    bool operator==(const Relation&) const = default;
};

/// Where a name was seen: for the mentions table and --explain.
struct MentionRecord {
    std::string entity;
    Span span;
    std::string surface;
    std::string extractor;
    bool operator==(const MentionRecord&) const = default;
};

/// A candidate a rule found but rejected, with the reason (for `extract --explain`).
struct Rejection {
    std::string rule;
    std::string reason;
    Span sentence;
    std::string detail;
};

/// Everything extracted from one document, ready for the store.
struct ExtractionResult {
    Document document;
    std::vector<Entity> entities;  // only those the document names or that relations use
    std::vector<Relation> relations;
    std::vector<MentionRecord> mentions;
    std::vector<Rejection> rejections;
    std::string rendered;  // CorpusOptions::render's text for this document, made on a worker thread
};

}  // namespace dyad
