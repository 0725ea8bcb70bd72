// From a name a person types ("us", "U.S.", "united states", "Merida Initiative") to an entity
// of the graph.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/graph.h"
#include "core/lexicon.h"

namespace dyad {

/// What it represents: every way of naming the graph's entities, compared folded (case- and
/// accent-insensitive, dots of "U.S." dropped, a leading "the" ignored). In order of precedence:
///   1. the key itself ("country/united-states");
///   2. the name, or the key without its type ("united-states");
///   3. an alternate name seen in the texts, or a name or alias from the dictionary ("US", "USA");
///   4. a demonym, capital or ISO code from the dictionary ("American", "Washington", "US").
/// A name is taken at its best level; two entities on that level make it ambiguous.
/// Thread safety: immutable after construction; it refers to `graph`, which must outlive it.
class NameResolver {
public:
    /// `lexicon` (may be null) adds the dictionary's names of entities that are in the graph.
    explicit NameResolver(const KnowledgeGraph& graph, const Lexicon* lexicon = nullptr);

    /// @throws Error (Usage) for an unknown or ambiguous name; the message lists the closest
    /// candidates (by edit distance on folded names) or the competing entities, with their keys.
    const Entity& resolve(std::string_view name) const;
    /// The entities whose names are closest to `name`, best first (ties by key).
    std::vector<const Entity*> closest(std::string_view name, std::size_t n) const;

private:
    struct Form {
        std::string folded;
        const Entity* entity;
        int level;
    };
    void add(const std::string& text, const Entity* entity, int level);

    const KnowledgeGraph* graph_;
    std::vector<Form> forms_;
    std::unordered_multimap<std::string, std::size_t> by_folded_;
    std::unordered_map<std::string, std::string> dictionary_only_;  // folded name -> key not in the graph
};

/// Edit distance (insertions, deletions, substitutions) between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace dyad
