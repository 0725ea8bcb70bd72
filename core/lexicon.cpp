// Loading and validating the gazetteer files.
#include "core/lexicon.h"

#include <array>
#include <cctype>
#include <set>

#include "core/error.h"
#include "core/tsv.h"

namespace dyad {
namespace {

constexpr std::array<const char*, 9> kFiles{
    "gazetteer/countries.tsv",   "gazetteer/organizations.tsv", "gazetteer/agreements.tsv",
    "gazetteer/initiatives.tsv", "gazetteer/events.tsv",        "gazetteer/places.tsv",
    "gazetteer/groups.tsv",      "gazetteer/topics.tsv",        "gazetteer/persons.tsv",
};

bool is_slug(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

bool is_wikidata(const std::string& s) {
    if (s.empty()) return true;
    if (s.size() < 2 || s[0] != 'Q') return false;
    for (std::size_t i = 1; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

bool is_iso2(const std::string& s) {
    return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
           std::isupper(static_cast<unsigned char>(s[1]));
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string entity_key(EntityType type, const std::string& slug) { return lower(to_string(type)) + "/" + slug; }

std::span<const char* const> Lexicon::files() { return kFiles; }

Lexicon Lexicon::load(const std::filesystem::path& data_dir) {
    Lexicon lex;
    auto add = [&](LexEntry entry, const TsvReader& reader) {
        if (lex.by_key_.count(entry.key)) throw reader.error("duplicate key '" + entry.key + "'");
        if (!entry.iso2.empty()) lex.by_iso2_.emplace(entry.iso2, lex.entries_.size());
        lex.by_key_.emplace(entry.key, lex.entries_.size());
        lex.entries_.push_back(std::move(entry));
    };

    {
        TsvReader reader(data_dir / kFiles[0], {"key", "iso2", "iso3", "wikidata", "name", "official_name", "aliases",
                                                "demonyms", "capitals", "ambiguous", "status"});
        while (auto row = reader.next()) {
            LexEntry e;
            if (!is_slug(row->at(0))) throw reader.error("key '" + row->at(0) + "' is not a lowercase slug");
            e.key = entity_key(EntityType::Country, row->at(0));
            e.type = EntityType::Country;
            e.iso2 = row->at(1);
            if (!e.iso2.empty() && !is_iso2(e.iso2))
                throw reader.error("iso2 '" + e.iso2 + "' is not two uppercase letters");
            e.wikidata = row->at(3);
            if (!is_wikidata(e.wikidata)) throw reader.error("wikidata '" + e.wikidata + "' is not a Q-id");
            e.name = row->at(4);
            if (e.name.empty()) throw reader.error("empty name");
            const auto ambiguous = split_list(row->at(9));
            const std::set<std::string> amb(ambiguous.begin(), ambiguous.end());
            auto push = [&](const std::string& text, SurfaceKind kind) {
                if (text.empty()) return;
                e.surfaces.push_back({text, kind, amb.count(text) > 0});
            };
            push(e.name, SurfaceKind::Name);
            push(row->at(5), SurfaceKind::Name);
            for (const auto& a : split_list(row->at(6))) push(a, SurfaceKind::Name);
            for (const auto& d : split_list(row->at(7))) {
                if (d.front() == '~') {
                    e.surfaces.push_back({d.substr(1), SurfaceKind::CombiningForm, false});
                } else {
                    push(d, SurfaceKind::Demonym);
                }
            }
            for (const auto& c : split_list(row->at(8))) push(c, SurfaceKind::Capital);
            add(std::move(e), reader);
        }
    }
    for (std::size_t f = 1; f < kFiles.size(); ++f) {
        TsvReader reader(data_dir / kFiles[f], {"key", "type", "name", "aliases", "wikidata", "links"});
        while (auto row = reader.next()) {
            LexEntry e;
            if (!is_slug(row->at(0))) throw reader.error("key '" + row->at(0) + "' is not a lowercase slug");
            const auto type = parse_entity_type(row->at(1));
            if (!type) throw reader.error("unknown type '" + row->at(1) + "' (see docs/vocabulary.md)");
            e.type = *type;
            e.key = entity_key(e.type, row->at(0));
            e.name = row->at(2);
            if (e.name.empty()) throw reader.error("empty name");
            e.surfaces.push_back({e.name, SurfaceKind::Name, false});
            for (const auto& a : split_list(row->at(3))) e.surfaces.push_back({a, SurfaceKind::Name, false});
            e.wikidata = row->at(4);
            if (!is_wikidata(e.wikidata)) throw reader.error("wikidata '" + e.wikidata + "' is not a Q-id");
            e.links = split_list(row->at(5));
            for (const auto& l : e.links)
                if (!is_iso2(l)) throw reader.error("link '" + l + "' is not an ISO 3166 alpha-2 code");
            add(std::move(e), reader);
        }
    }
    return lex;
}

const LexEntry* Lexicon::find(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : &entries_[it->second];
}

const LexEntry* Lexicon::find_iso2(const std::string& iso2) const {
    auto it = by_iso2_.find(iso2);
    return it == by_iso2_.end() ? nullptr : &entries_[it->second];
}

}  // namespace dyad
