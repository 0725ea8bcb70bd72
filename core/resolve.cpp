// Name resolution: folded forms of keys, names, alternate names and dictionary surfaces.
#include "core/resolve.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "core/text.h"

namespace dyad {
namespace {

// Folded, with dashes dropped: "Egypt–Israel", "egypt-israel" and "Egypt Israel" are one form.
std::string normalize(std::string_view name) {
    std::string out;
    const auto folded = fold(clean_name(name));
    std::size_t i = 0;
    while (i < folded.size()) {
        auto j = folded.find(' ', i);
        if (j == std::string::npos) j = folded.size();
        const auto word = std::string_view(folded).substr(i, j - i);
        if (word != "-") {
            if (!out.empty()) out.push_back(' ');
            out.append(word);
        }
        i = j + 1;
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string describe(const Entity& e) { return e.name + " (" + e.key + ", " + std::string(to_string(e.type)) + ")"; }

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

void NameResolver::add(const std::string& text, const Entity* entity, int level) {
    auto folded = level == 1 && text.find('/') != std::string::npos ? lower_ascii(text) : normalize(text);
    if (folded.empty()) return;
    by_folded_.emplace(folded, forms_.size());
    forms_.push_back({std::move(folded), entity, level});
}

NameResolver::NameResolver(const KnowledgeGraph& graph, const Lexicon* lexicon) : graph_(&graph) {
    for (const auto* e : graph.entities_sorted()) {
        add(e->key, e, 1);
        add(e->name, e, 2);
        const auto slash = e->key.find('/');
        if (slash != std::string::npos) add(e->key.substr(slash + 1), e, 2);
        for (const auto& a : e->alt_names) add(a, e, 3);
    }
    if (!lexicon) return;
    for (const auto& entry : lexicon->entries()) {
        const Entity* e = graph.find(entry.key);
        if (!e) {
            for (const auto& s : entry.surfaces)
                if (s.kind == SurfaceKind::Name) dictionary_only_.emplace(normalize(s.text), entry.key);
            continue;
        }
        for (const auto& s : entry.surfaces) {
            if (s.kind == SurfaceKind::CombiningForm) continue;  // "Franco" only means France before a hyphen
            add(s.text, e, s.kind == SurfaceKind::Name ? 3 : 4);
        }
        if (!entry.iso2.empty()) add(entry.iso2, e, 4);
    }
}

const Entity& NameResolver::resolve(std::string_view name) const {
    // A key is matched as typed (lowercased); everything else folded.
    const auto folded = normalize(name);
    std::vector<std::size_t> matches;
    for (const auto& form : {lower_ascii(name), folded}) {
        auto [b, e] = by_folded_.equal_range(form);
        for (auto it = b; it != e; ++it) matches.push_back(it->second);
    }
    int best = 99;
    for (auto i : matches) best = std::min(best, forms_[i].level);
    std::map<std::string, const Entity*> found;  // by key: sorted, unique
    for (auto i : matches)
        if (forms_[i].level == best) found.emplace(forms_[i].entity->key, forms_[i].entity);
    if (found.size() == 1) return *found.begin()->second;
    const std::string quoted = "'" + std::string(name) + "'";
    if (found.size() > 1) {
        std::string list;
        for (const auto& [key, entity] : found) list += (list.empty() ? "" : "; ") + describe(*entity);
        throw Error(ErrorKind::Usage, quoted + ": ambiguous, it names " + list + "; pass the key of the one you mean");
    }
    std::string message = quoted + ": no entity of this name in the database";
    if (auto it = dictionary_only_.find(folded); it != dictionary_only_.end())
        message = quoted + ": " + it->second + " is in the dictionary but no document in the database mentions it";
    std::string list;
    for (const auto* c : closest(name, 5)) list += (list.empty() ? "" : "; ") + describe(*c);
    if (list.empty()) throw Error(ErrorKind::Usage, message + "; extract documents that mention it first");
    throw Error(ErrorKind::Usage, message + "; closest: " + list + "; pass one of these names or keys");
}

std::vector<const Entity*> NameResolver::closest(std::string_view name, std::size_t n) const {
    const auto folded = normalize(name);
    // Per entity, its best form: containing the query beats any edit distance.
    std::map<std::string, std::pair<std::size_t, const Entity*>> best;
    for (const auto& f : forms_) {
        if (f.level == 1) continue;  // keys are matched exactly; their tails are level 2
        std::size_t d = edit_distance(folded, f.folded);
        if (!folded.empty() && f.folded.find(folded) != std::string::npos) d = 0;
        auto [it, added] = best.emplace(f.entity->key, std::make_pair(d, f.entity));
        if (!added) it->second.first = std::min(it->second.first, d);
    }
    std::vector<std::pair<std::size_t, const Entity*>> ranked;
    for (const auto& [key, v] : best) ranked.push_back(v);  // in key order
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const Entity*> out;
    for (std::size_t i = 0; i < ranked.size() && i < n; ++i) out.push_back(ranked[i].second);
    return out;
}

}  // namespace dyad
