// Dictionary mentions: every surface form of every lexicon entry, matched leftmost-longest over
// folded tokens, with the dictionary's capitalization as a constraint ("US" is not "us").
#include <memory>
#include <unordered_map>

#include "core/text.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

struct Entry {
    const LexEntry* lex;
    SurfaceKind kind;
    bool ambiguous;
    std::vector<std::uint8_t> profile;
};

MentionKind mention_kind(SurfaceKind k) {
    switch (k) {
    case SurfaceKind::Name: return MentionKind::Name;
    case SurfaceKind::Demonym: return MentionKind::Demonym;
    case SurfaceKind::CombiningForm: return MentionKind::CombiningForm;
    case SurfaceKind::Capital: return MentionKind::Capital;
    }
    return MentionKind::Name;
}

class Gazetteer final : public EntityExtractor {
public:
    explicit Gazetteer(const Resources& r) {
        for (const auto& lex : r.knowledge.lexicon.entries()) {
            for (const auto& s : lex.surfaces) {
                auto profile = case_profile(s.text);
                const auto id = static_cast<std::uint32_t>(entries_.size());
                entries_.push_back({&lex, s.kind, s.ambiguous, std::move(profile)});
                trie_.insert(s.text, id);
                if (s.kind == SurfaceKind::Name && !s.ambiguous) by_name_.emplace(fold(s.text), &lex);
            }
        }
    }

    // "al-Qaeda": the article "al" or "el", a dash and a capitalized word open the match.
    static bool article_start(const AnnotatedDocument& doc, std::uint32_t i, std::uint32_t end) {
        const auto f = doc.ftext(i);
        return (f == "al" || f == "el") && i + 2 < end && doc.tokens[i + 1].has(kDash) &&
               doc.tokens[i + 2].has(kCapitalized);
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        for (const auto& sentence : doc.sentences) {
            const auto sentence_candidates = doc.candidates.size();  // this sentence's come after
            for (auto i = sentence.first; i < sentence.last; ++i) {
                const auto& first = doc.tokens[i];
                if (!first.has(kWord) && !first.has(kNumber) && !first.has(kPunct)) continue;
                trie_.match(doc, i, sentence.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
                    for (auto id : ids) {
                        const auto& e = entries_[id];
                        if (!case_matches(doc, i, e.profile)) continue;
                        // A proper name must start with a capital even when the dictionary form
                        // is lowercase-tolerant ("iran" in a URL is not the country).
                        // ("al-Qaeda", "al-Shabaab": a lowercase Arabic article before a capitalized word
                        // may open it)
                        if (e.lex->type != EntityType::Topic && !first.has(kCapitalized) && !first.has(kNumber) &&
                            !article_start(doc, i, end))
                            continue;
                        if (e.kind == SurfaceKind::CombiningForm &&
                            (end >= sentence.last || !doc.tokens[end].has(kDash)))
                            continue;
                        Mention m;
                        m.first = i;
                        m.last = end;
                        m.span = doc.span(i, end);
                        m.type = e.lex->type;
                        m.kind = mention_kind(e.kind);
                        m.key = e.lex->key;
                        m.lex = e.lex;
                        m.ambiguous = e.ambiguous;
                        m.extractor = "gazetteer";
                        m.priority = 0;
                        m.confidence = e.ambiguous ? 0.6f : 1.0f;
                        doc.candidates.push_back(std::move(m));
                    }
                });
            }
            elliptical(doc, sentence, sentence_candidates);
        }
    }

private:
    // "North and South Korea", "East and West Germany": the first direction word names the other
    // entity of the pair when "<it> <rest of the second name>" is a dictionary name too.
    // `from`: the first candidate of this sentence (earlier ones lie in earlier sentences).
    void elliptical(AnnotatedDocument& doc, const Sentence& sentence, std::size_t from) const {
        const auto known = doc.candidates.size();
        for (std::size_t c = from; c < known; ++c) {
            const auto& m = doc.candidates[c];
            if (m.kind != MentionKind::Name || m.last - m.first < 2 || m.first < sentence.first + 2 ||
                m.last > sentence.last || doc.ftext(m.first - 1) != "and")
                continue;
            const auto d = m.first - 2;
            if (!doc.tokens[d].has(kCapitalized) || doc.tokens[d].fend - doc.tokens[d].fbegin < 3) continue;
            std::string phrase(doc.ftext(d));
            for (auto k = m.first + 1; k < m.last; ++k) phrase += " " + std::string(doc.ftext(k));
            auto it = by_name_.find(phrase);
            if (it == by_name_.end() || it->second->type != m.type || it->second == m.lex) continue;
            Mention e;
            e.first = d;
            e.last = d + 1;
            e.span = doc.span(d, d + 1);
            e.type = it->second->type;
            e.kind = MentionKind::Name;
            e.key = it->second->key;
            e.lex = it->second;
            e.extractor = "gazetteer";
            e.confidence = 0.8f;
            doc.candidates.push_back(std::move(e));
        }
    }

    std::unordered_map<std::string, const LexEntry*> by_name_;
    std::vector<Entry> entries_;
    TokenTrie trie_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_gazetteer(const Resources& r) { return std::make_unique<Gazetteer>(r); }

}  // namespace dyad::extractors
