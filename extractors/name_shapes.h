// Head words that make a name by shape (data/patterns/name_shapes.tsv), shared by the
// name_shapes entity stage and the name_parties relation stage.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/vocabulary.h"

namespace dyad::extractors {

enum class ShapeForm {
    Capitalized,  // a capitalized phrase holding the head: "Good Friday Agreement"
    Compound,     // X-Y + lowercase head: "India-Pakistan war", "US-Mexico border"
    Compound1,    // also a single X: "Kashmir conflict"
    Group,        // demonym + head: "Mexican diaspora"
    GroupSuffix,  // demonym + people noun: "Mexican Americans", "Mexican-Americans"
    Modifier,     // a word between a compound and its head: "Greek-Turkish land border"
    Descent,      // "people of Polish descent": a group named by its origin
    After,        // a capitalized name + this lowercase head, the head left out: "the CAREC programme"
    AfterKeep,    // as After, the head kept in the name: "the Charana talks"
    Prefix,       // a capitalized head that opens a name of capitalized words: "Operation Storm"
    Before,       // a lowercase noun right before a capitalized name no dictionary knows: "news agency Petra"
};

struct HeadRule {
    EntityType type = EntityType::Event;
    ShapeForm form = ShapeForm::Capitalized;
    std::optional<Predicate> implies;  // atWarWith for wars, sharesBorderWith for borders...
};

/// What it represents: the head-word table, keyed by form and folded word.
/// Thread safety: immutable after load.
class HeadRules {
public:
    /// @throws Error (Data) with file:line for an unknown type, form or predicate.
    static HeadRules load(const std::filesystem::path& file);
    const HeadRule* find(ShapeForm form, std::string_view folded_word) const;

private:
    struct WordHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
    };
    // folded word -> its rules, one per form; looked up by string_view without a copy
    std::unordered_map<std::string, std::vector<HeadRule>, WordHash, std::equal_to<>> rules_;
    std::uint64_t lengths_ = 0;  // bit n: some head word has n bytes
};

}  // namespace dyad::extractors
