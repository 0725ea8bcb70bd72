// The entity catalogue from data/gazetteer/*.tsv: names, aliases, demonyms, capitals, sameAs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/vocabulary.h"

namespace dyad {

/// How a surface form refers to its entity.
enum class SurfaceKind : std::uint8_t {
    Name,           // "Mexico", "United Mexican States", "NAFTA"
    Demonym,        // "Mexican", "Mexicans"
    CombiningForm,  // "Franco" in "Franco-German": only before a hyphen
    Capital,        // "Washington" as a metonym for the government
};

struct Surface {
    std::string text;
    SurfaceKind kind = SurfaceKind::Name;
    bool ambiguous = false;  // needs context before it is taken ("Georgia", "Chad", "Jordan")
};

/// One dictionary entity.
struct LexEntry {
    std::string key;  // "country/mexico"
    EntityType type = EntityType::Country;
    std::string name;
    std::vector<Surface> surfaces;   // includes the name itself
    std::string wikidata;            // "Q96" or empty
    std::string iso2;                // countries only
    std::vector<std::string> links;  // ISO2 codes: members, parties, location, origin
};

/// What it represents: every dictionary entity, loaded once and shared by all threads.
/// Thread safety: immutable after load().
class Lexicon {
public:
    /// Reads every gazetteer file under `data_dir`.
    /// @throws Error (Data) naming file:line for a malformed row or a duplicate key.
    static Lexicon load(const std::filesystem::path& data_dir);

    std::span<const LexEntry> entries() const { return entries_; }
    const LexEntry* find(const std::string& key) const;
    const LexEntry* find_iso2(const std::string& iso2) const;
    /// The files read, relative to the data folder (for `dyad check-data`).
    static std::span<const char* const> files();

private:
    std::vector<LexEntry> entries_;
    std::unordered_map<std::string, std::size_t> by_key_;
    std::unordered_map<std::string, std::size_t> by_iso2_;
};

/// "country/mexico" from a type and a slug.
std::string entity_key(EntityType type, const std::string& slug);

}  // namespace dyad
