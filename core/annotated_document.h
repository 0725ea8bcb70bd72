// The blackboard passed through the extraction stages of one document.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/lexicon.h"
#include "core/model.h"
#include "core/text.h"

namespace dyad {

enum class MentionKind : std::uint8_t {
    Name,
    Demonym,
    CombiningForm,
    Capital,
    Acronym,
    Shape,
    Person,
    PairReference,  // "both countries", "the two nations", "bilateral": the document's pair
    Reference,      // "the treaty": the nearest preceding name of its type; adds no alternate name
};

/// A span of tokens that names (or refers to) an entity.
struct Mention {
    std::uint32_t first = 0;  // tokens [first, last)
    std::uint32_t last = 0;
    Span span;
    EntityType type = EntityType::Topic;
    MentionKind kind = MentionKind::Name;
    std::string key;          // entity key; empty for a pair reference
    std::string name;         // canonical name when the entity is not in the dictionary
    std::string affiliation;  // a person's country, from a title ("Egyptian President X")
    const LexEntry* lex = nullptr;
    bool ambiguous = false;
    float confidence = 1.0f;
    std::string_view extractor;  // static registry name
    std::uint16_t priority = 0;  // registry order: breaks ties between equal spans
};

/// A number with unit and hedge found in the text.
struct QuantityMention {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    Span span;
    Quantity quantity;
    std::string dimension;  // "length", "money", "count", "people"...
};

/// An entity as seen in this document.
struct DocEntity {
    Entity entity;
    const LexEntry* lex = nullptr;
    unsigned mentions = 0;
    unsigned title_mentions = 0;
    std::uint32_t first_token = 0;
};

/// What it represents: one document under analysis; every stage reads it and appends to it.
/// Thread safety: owned by one worker thread at a time.
class AnnotatedDocument {
public:
    AnnotatedDocument(const Document& document, const Lexicon& lexicon, const SentenceRules& rules);
    /// With the tokens and sentences of document.bytes already made (by the same rules).
    AnnotatedDocument(const Document& document, const Lexicon& lexicon, Annotation&& annotation);

    const Document& document;
    const Lexicon& lexicon;
    std::string folded;
    std::vector<Token> tokens;
    std::vector<std::uint64_t> fhash;  // token -> token_hash(ftext(token)), computed once
    std::vector<Sentence> sentences;

    std::vector<Mention> candidates;  // every proposal of every entity extractor
    std::vector<Mention> mentions;    // chosen: non-overlapping, sorted by first token
    std::vector<QuantityMention> quantities;
    std::vector<DocEntity> entities;
    std::unordered_map<std::string, std::size_t> entity_index;
    std::vector<std::int32_t> mention_at;  // token -> index in `mentions` of the mention starting there, or -1
    std::vector<bool> in_mention;          // token -> inside a chosen name (topics excluded)
    std::optional<std::array<std::string, 2>> pair;  // the two countries the document is about

    std::string_view text(const Token& t) const {
        return std::string_view(document.bytes).substr(t.begin, t.end - t.begin);
    }
    std::string_view text(Span s) const { return std::string_view(document.bytes).substr(s.begin, s.end - s.begin); }
    std::string_view ftext(const Token& t) const {
        return std::string_view(folded).substr(t.fbegin, t.fend - t.fbegin);
    }
    std::string_view ftext(std::uint32_t i) const { return ftext(tokens[i]); }
    Span span(std::uint32_t first, std::uint32_t last) const { return {tokens[first].begin, tokens[last - 1].end}; }
    const DocEntity* entity(const std::string& key) const {
        auto it = entity_index.find(key);
        return it == entity_index.end() ? nullptr : &entities[it->second];
    }
    /// The sentence that holds token i.
    const Sentence& sentence_of(std::uint32_t token) const;
};

/// A mention right after a locative preposition ("the court in The Hague", "a flight from Athens"):
/// a capital there is the city, not its country's government.
bool after_locative(const AnnotatedDocument& doc, const Mention& m);

}  // namespace dyad
