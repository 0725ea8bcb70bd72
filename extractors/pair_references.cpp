// "both countries", "the two nations", "these neighboring nations": phrases that refer to the pair
// of countries the document is about (data/patterns/pair_references.tsv).
#include <memory>

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
            if (!trie_.insert(row->at(0), static_cast<std::uint32_t>(weak_.size() - 1)))
                throw reader.error("empty phrase");
        }
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        for (const auto& sentence : doc.sentences) {
            for (auto i = sentence.first; i < sentence.last; ++i) {
                bool taken = false;
                trie_.match(doc, i, sentence.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
                    if (taken) return;  // longest only
                    taken = true;
                    Mention m;
                    m.first = i;
                    m.last = end;
                    m.span = doc.span(i, end);
                    m.type = EntityType::Country;
                    m.kind = MentionKind::PairReference;
                    m.extractor = "pair_references";
                    m.priority = 1;
                    // A pronoun needs the pair named close by; cue_patterns checks (see `ambiguous`).
                    m.ambiguous = weak_[ids.front()];
                    m.confidence = m.ambiguous ? 0.7f : 0.9f;
                    doc.candidates.push_back(std::move(m));
                });
            }
        }
    }

private:
    TokenTrie trie_;
    std::vector<bool> weak_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_pair_references(const Resources& r) {
    return std::make_unique<PairReferences>(r);
}

}  // namespace dyad::extractors
