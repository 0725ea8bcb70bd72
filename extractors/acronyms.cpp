// "North American Free Trade Agreement (NAFTA)" makes NAFTA an alias of the long name for the
// whole document: every later "NAFTA" is a mention of the same entity.
#include <memory>
#include <unordered_map>

#include "core/text.h"
#include "extractors/registry.h"

namespace dyad::extractors {
namespace {

bool acronym_token(const AnnotatedDocument& doc, std::uint32_t k) {
    const auto& t = doc.tokens[k];
    const auto len = t.end - t.begin;
    return t.has(kWord) && t.has(kAllCaps) && len >= 2 && len <= 12;
}

class Acronyms final : public EntityExtractor {
public:
    explicit Acronyms(const Resources&) {}

    void find_mentions(AnnotatedDocument& doc) const override {
        struct Definition {
            std::string key, name;
            EntityType type;
            const LexEntry* lex;
        };
        std::unordered_map<std::string, Definition> defined;  // folded acronym -> entity
        const auto known = doc.candidates.size();
        for (std::uint32_t k = 1; k + 2 < doc.tokens.size(); ++k) {
            if (doc.ftext(k) != "(" || doc.ftext(k + 2) != ")" || !acronym_token(doc, k + 1)) continue;
            const auto acronym = std::string(doc.ftext(k + 1));
            if (defined.count(acronym)) continue;
            // The longest earlier proposal that ends right before the parenthesis.
            const Mention* best = nullptr;
            for (std::size_t c = 0; c < known; ++c) {
                const auto& m = doc.candidates[c];
                if (m.last != k || m.kind == MentionKind::PairReference || m.kind == MentionKind::Demonym)
                    continue;
                if (!best || m.first < best->first) best = &m;
            }
            if (best && best->last - best->first >= 2) {
                defined[acronym] = {best->key, best->lex ? best->lex->name : best->name, best->type, best->lex};
            }
        }
        if (defined.empty()) return;
        for (std::uint32_t k = 0; k < doc.tokens.size(); ++k) {
            if (!acronym_token(doc, k)) continue;
            auto it = defined.find(std::string(doc.ftext(k)));
            if (it == defined.end()) continue;
            Mention m;
            m.first = k;
            m.last = k + 1;
            m.span = doc.span(k, k + 1);
            m.type = it->second.type;
            m.kind = MentionKind::Acronym;
            m.key = it->second.key;
            m.name = it->second.name;
            m.lex = it->second.lex;
            m.extractor = "acronyms";
            m.priority = 4;
            m.confidence = 0.9f;
            doc.candidates.push_back(std::move(m));
        }
    }
};

}  // namespace

std::unique_ptr<EntityExtractor> make_acronyms(const Resources& r) { return std::make_unique<Acronyms>(r); }

}  // namespace dyad::extractors
