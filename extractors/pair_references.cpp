// "both countries", "the two nations", "these neighboring nations": phrases that refer to the pair
// of countries the document is about (data/patterns/pair_references.tsv). A `*` in a phrase stands
// for any one word ("the two * countries": "the two East African countries").
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"

#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

class PairReferences final : public EntityExtractor {
public:
    explicit PairReferences(const Resources& r) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "pair_references.tsv", {"phrase", "context", "notes"});
        while (auto row = reader.next()) {
            if (row->at(1) != "any" && row->at(1) != "pair-named")
                throw reader.error("context '" + row->at(1) + "' must be 'any' or 'pair-named'");
            weak_.push_back(row->at(1) == "pair-named");
            const auto id = static_cast<std::uint32_t>(weak_.size() - 1);
            if (row->at(0).find('*') != std::string::npos) {
                Wild w{{}, {}, {}, id};
                std::istringstream words(row->at(0));
                for (std::string word; words >> word;) {
                    w.words.push_back(word == "*" ? word : fold(word));
                    w.any.push_back(word == "*");
                    w.hashes.push_back(token_hash(w.words.back()));
                }
                if (w.words.empty() || w.words.front() == "*" || w.words.back() == "*")
                    throw reader.error("a '*' must stand between two words");
                wild_by_first_[w.hashes.front()].push_back(static_cast<std::uint32_t>(wild_.size()));
                wild_.push_back(std::move(w));
            } else if (!trie_.insert(row->at(0), id)) {
                throw reader.error("empty phrase");
            }
        }
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        for (const auto& sentence : doc.sentences) {
            for (auto i = sentence.first; i < sentence.last; ++i) {
                bool taken = false;
                trie_.match(doc, i, sentence.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
                    if (taken) return;  // longest only
                    taken = true;
                    add(doc, i, end, ids.front());
                });
                if (taken) continue;
                std::uint32_t best = 0, best_id = 0;
                const auto candidates = wild_by_first_.find(doc.fhash[i]);  // most tokens start no phrase
                if (candidates == wild_by_first_.end()) continue;
                for (const auto k : candidates->second) {
                    const auto& w = wild_[k];
                    const auto end = match_wild(doc, w, i, sentence.last);
                    if (end > best) best = end, best_id = w.id;
                }
                if (best > 0 && !covers_name(doc, i, best)) add(doc, i, best, best_id);
            }
        }
    }

private:
    struct Wild {
        std::vector<std::string> words;     // folded words, "*" for any one word
        std::vector<bool> any;              // the word is "*"
        std::vector<std::uint64_t> hashes;  // token_hash of each word: most tokens differ there, without a compare
        std::uint32_t id = 0;
    };

    // The end of `w` matched at token i, or 0. A `*` takes one word that is not a number.
    static std::uint32_t match_wild(const AnnotatedDocument& doc, const Wild& w, std::uint32_t i, std::uint32_t limit) {
        for (std::size_t k = 0; k < w.words.size(); ++k) {
            if (i >= limit) return 0;
            if (w.any[k]) {
                if (!doc.tokens[i].has(kWord) || doc.tokens[i].has(kNumber)) return 0;
            } else if (doc.fhash[i] != w.hashes[k] || doc.ftext(i) != w.words[k]) {
                return 0;
            }
            ++i;
        }
        return i;
    }

    // The words of a phrase with `*` hold a whole name found before, other than a country, group or
    // topic: "the two Horn of Africa neighbours" leaves the place alone. A name that ends with the
    // phrase ("the two Nordic countries") is the phrase itself.
    static bool covers_name(const AnnotatedDocument& doc, std::uint32_t first, std::uint32_t last) {
        for (const auto& c : doc.candidates)
            if (c.first > first && c.last < last && c.type != EntityType::Country && c.type != EntityType::Group &&
                c.type != EntityType::Topic)
                return true;
        return false;
    }

    void add(AnnotatedDocument& doc, std::uint32_t first, std::uint32_t last, std::uint32_t id) const {
        // "the leaders of Egypt, Ethiopia and Sudan": the phrase names its own countries
        if (last + 1 < doc.tokens.size() && doc.ftext(last) == "of")
            for (const auto& c : doc.candidates)
                if (c.first == last + 1 && c.type == EntityType::Country && c.kind != MentionKind::PairReference)
                    return;
        // "Both Serbia and Montenegro fought ...": a lone "both" before a name is the correlative
        // "both X and Y", which names its own countries
        if (last == first + 1 && last < doc.tokens.size()) {
            const auto name_at = last + (doc.ftext(last) == "the" ? 1u : 0u);
            for (const auto& c : doc.candidates)
                if (c.first == name_at && c.kind != MentionKind::PairReference && !c.key.empty() &&
                    c.type != EntityType::Topic)
                    return;
        }
        Mention m;
        m.first = first;
        m.last = last;
        m.span = doc.span(first, last);
        m.type = EntityType::Country;
        m.kind = MentionKind::PairReference;
        m.extractor = "pair_references";
        m.priority = 1;
        // A pronoun needs the pair named close by; cue_patterns checks (see `ambiguous`).
        m.ambiguous = weak_[id];
        m.confidence = m.ambiguous ? 0.7f : 0.9f;
        doc.candidates.push_back(std::move(m));
    }

    TokenTrie trie_;
    std::vector<Wild> wild_;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> wild_by_first_;  // first word's hash -> wild_
    std::vector<bool> weak_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_pair_references(const Resources& r) {
    return std::make_unique<PairReferences>(r);
}

}  // namespace dyad::extractors
