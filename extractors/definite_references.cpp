// "The treaty", "the bloc", "the war": a definite description refers to a name of its type in the
// same or the previous two sentences (data/patterns/definite_references.tsv): the nearest one
// before it in its own sentence, else the first one (the subject) of the latest sentence that has
// one. A pronoun row ("it") works at the start of a sentence, for the first name of the
// sentence before ("it", "the country" for a country only when that sentence names no other one,
// or the country after its fronted clause; a description looks one sentence further back past a
// sentence without a country), and after a clause break (", but it") for the country that opens
// its own sentence. A head title opening a sentence ("Prime Minister X ...") refers to that country
// too, for leaderOf.
// "it" or "them" after "signed" or "ratified" is the agreement or initiative named last before it.
// A phrase without an article ("full member") refers only when no "of X" follows. The reference becomes a mention of
// that entity, so a relation stated about "the treaty" lands on its node.
#include <algorithm>
#include <memory>

#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

class DefiniteReferences final : public EntityExtractor {
public:
    explicit DefiniteReferences(const Resources& r) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "definite_references.tsv", {"phrase", "type"});
        while (auto row = reader.next()) {
            const auto type = parse_entity_type(row->at(1));
            if (!type) throw reader.error("unknown type '" + row->at(1) + "'");
            types_.push_back(*type);
            // a phrase of one word without an article is a pronoun ("it")
            pronoun_.push_back(row->at(0).find(' ') == std::string::npos);
            // "full member" (no article) is only a reference when no "of X" or "in X" names its object
            bare_.push_back(row->at(0).find(' ') != std::string::npos && row->at(0).rfind("the ", 0) != 0);
            if (!trie_.insert(row->at(0), static_cast<std::uint32_t>(types_.size() - 1)))
                throw reader.error("empty phrase");
        }
        TsvReader titles(r.knowledge.data_dir / "patterns" / "titles.tsv", {"title", "role", "notes"});
        while (auto row = titles.next()) {
            if (!row->at(1).empty() && row->at(1) != "head") throw titles.error("role must be empty or 'head'");
            if (row->at(1) == "head" && !heads_.insert(row->at(0), 0)) throw titles.error("empty title");
        }
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        const auto known = doc.candidates.size();
        for (std::size_t si = 0; si < doc.sentences.size(); ++si) {
            const auto& s = doc.sentences[si];
            const auto window_start = doc.sentences[si >= 2 ? si - 2 : 0].first;
            if (si > 0) leader_title(doc, si, known);
            for (auto i = s.first; i < s.last; ++i) {
                std::uint32_t end = 0;
                const std::vector<std::uint32_t>* rows = nullptr;
                trie_.match(doc, i, s.last, [&](std::uint32_t e, const std::vector<std::uint32_t>& ids) {
                    if (end) return;
                    end = e;
                    rows = &ids;
                });
                if (!end) continue;
                const Mention* nearest = nullptr;
                const bool country = std::any_of(rows->begin(), rows->end(),
                                                 [&](std::uint32_t r) { return types_[r] == EntityType::Country; });
                if (pronoun_[rows->front()] && i > s.first && signing_verb(doc.ftext(i - 1)) &&
                    std::any_of(rows->begin(), rows->end(), [&](std::uint32_t r) {
                        return types_[r] == EntityType::Agreement || types_[r] == EntityType::Initiative;
                    })) {
                    // "... among the eighteen states that signed them": the object of "signed" or
                    // "ratified" is the agreement or initiative named last before it (this sentence or
                    // the two before)
                    for (std::size_t c = 0; c < known; ++c) {
                        const auto& m = doc.candidates[c];
                        if ((m.type != EntityType::Agreement && m.type != EntityType::Initiative) || m.key.empty() ||
                            m.last > i || m.first < window_start || m.kind == MentionKind::Reference ||
                            !maximal(doc, m, known))
                            continue;
                        if (!nearest || m.last > nearest->last) nearest = &m;
                    }
                    if (!nearest) continue;
                    // ... and no pair reference ("them" may be one elsewhere)
                    for (std::size_t c = 0; c < known; ++c)
                        if (auto& m = doc.candidates[c]; m.kind == MentionKind::PairReference && m.first == i)
                            m.last = m.first;
                } else if ((pronoun_[rows->front()] || country) && i != s.first) {
                    // "China is not a member, although it has been a dialogue partner": "it" after a
                    // clause break is the country that opens its own sentence
                    if (!country || !after_clause_break(doc, s, i)) continue;
                    if (extraposed(doc, end, s.last)) continue;
                    // the clause that holds it: from the last ";" before it
                    auto clause = s.first;
                    for (auto k = s.first; k < i; ++k)
                        if (doc.ftext(k) == ";") clause = k + 1;
                    const Sentence head{s.span, clause, i};
                    nearest = first_name(doc, head, known, [](const Mention&) { return true; });
                    if (!nearest || nearest->type != EntityType::Country || nearest->kind == MentionKind::Demonym ||
                        nearest->first > clause + 3 || !sole_country(doc, head, known, nearest->key))
                        continue;
                    // ... not when a treaty, initiative or event stands between ("X signed the
                    // treaty, but it was never ratified")
                    if (std::any_of(doc.candidates.begin(), doc.candidates.begin() + static_cast<std::ptrdiff_t>(known),
                                    [&](const Mention& m) {
                                        return m.first >= nearest->last && m.last <= i &&
                                               (m.type == EntityType::Agreement || m.type == EntityType::Initiative ||
                                                m.type == EntityType::Event);
                                    }))
                        continue;
                } else if (pronoun_[rows->front()] || country) {
                    // "It commits both parties to ...": the subject of the sentence before
                    if (i != s.first || si == 0) continue;
                    // "It is likely that ...", "It was unclear whether ...": no reference
                    if (extraposed(doc, end, s.last)) continue;
                    // The sentence before must open with a name of the pronoun's type, or with a
                    // person acting on one ("X and Y signed the Treaty of Z. It commits ...").
                    auto fits = [&](const Mention& m) {
                        return std::any_of(rows->begin(), rows->end(),
                                           [&](std::uint32_t r) { return types_[r] == m.type; });
                    };
                    // "The republic ..." after a sentence that names no country ("The bloc's treaty is
                    // named after a river."): the country of the sentence before that. Not "it", which
                    // more likely stands for something of the sentence between.
                    const bool description = country && !pronoun_[rows->front()];
                    const auto& before = doc.sentences[description ? discourse_sentence(doc, si) : si - 1];
                    nearest = first_name(doc, before, known, [](const Mention&) { return true; });
                    if (country)
                        if (const auto* r = reference_opening(doc, before, known)) nearest = r;
                    if (nearest && !fits(*nearest)) {
                        if (nearest->type == EntityType::Person) {
                            nearest = first_name(doc, before, known, fits);
                        } else {
                            // "When the civil war began, Oman stayed neutral. It ...": the subject
                            // after a fronted clause
                            nearest = country ? after_fronted_clause(doc, before, known) : nullptr;
                        }
                    }
                    if (!nearest) continue;
                    if (nearest->type == EntityType::Country && !about_country(doc, before, known, *nearest)) continue;
                } else {
                    // "the treaty of Versailles", "the War of the Triple Alliance" are names, not references
                    if (doc.tokens[end - 1].has(kCapitalized) || (end < s.last && doc.tokens[end].has(kCapitalized)) ||
                        (end + 1 < s.last && doc.ftext(end) == "of" && doc.tokens[end + 1].has(kCapitalized)))
                        continue;
                    if (bare_[rows->front()] && end < s.last &&
                        (doc.ftext(end) == "of" ||
                         (doc.ftext(end) == "in" && end + 1 < s.last && doc.ftext(end + 1) == "the")))
                        continue;
                    const auto type = types_[rows->front()];
                    for (std::size_t c = 0; c < known; ++c) {
                        const auto& m = doc.candidates[c];
                        if (m.type != type || m.key.empty() || m.last > i || m.first < window_start) continue;
                        if (m.kind == MentionKind::Reference || !maximal(doc, m, known)) continue;
                        if (!nearest) {
                            nearest = &m;
                            continue;
                        }
                        const auto& ms = doc.sentence_of(m.first);
                        const auto& ns = doc.sentence_of(nearest->first);
                        if (ms.first > ns.first) nearest = &m;  // a later sentence
                        else if (ms.first == ns.first && ms.first == s.first && m.last > nearest->last)
                            nearest = &m;  // in this sentence: the nearest before
                        else if (ms.first == ns.first && ms.first != s.first && m.first < nearest->first)
                            nearest = &m;  // in an earlier sentence: its first
                    }
                }
                if (!nearest) continue;
                Mention ref = *nearest;
                ref.first = i;
                ref.last = end;
                ref.span = doc.span(i, end);
                ref.kind = MentionKind::Reference;
                ref.extractor = "definite_references";
                ref.priority = 5;
                ref.confidence = 0.7f;
                doc.candidates.push_back(std::move(ref));
                i = end - 1;
            }
        }
    }

private:
    // "Slovakia changed course in 2023. Prime Minister Robert Fico halted ...": a head-of-state or
    // head-of-government title that opens a sentence, before a person no title ties to a country,
    // stands for the country the sentence before is about (found as for "the country"). It becomes
    // a reference to that country, from which cue patterns read leaderOf.
    void leader_title(AnnotatedDocument& doc, std::size_t si, std::size_t known) const {
        const auto& s = doc.sentences[si];
        const Mention* person = nullptr;
        std::uint32_t end = 0;
        heads_.match(doc, s.first, s.last, [&](std::uint32_t e, const std::vector<std::uint32_t>&) {
            if (person) return;
            for (std::size_t c = 0; c < known; ++c)
                if (const auto& m = doc.candidates[c]; m.first == e && m.type == EntityType::Person) {
                    person = &m;
                    end = e;
                }
        });
        if (!person) return;
        for (std::size_t c = 0; c < known; ++c)
            if (doc.candidates[c].key == person->key && !doc.candidates[c].affiliation.empty()) return;
        const auto& before = doc.sentences[discourse_sentence(doc, si)];
        // ... in the same paragraph: a new paragraph may turn to the other country
        const auto gap = std::string_view(doc.document.bytes).substr(before.span.end, s.span.begin - before.span.end);
        if (gap.find("\n\n") != std::string_view::npos || gap.find("\n\r\n") != std::string_view::npos) return;
        const Mention* country = first_name(doc, before, known, [](const Mention&) { return true; });
        if (const auto* r = reference_opening(doc, before, known)) country = r;
        if (country && country->type != EntityType::Country) country = after_fronted_clause(doc, before, known);
        // (not a capital: "Beijing rejected the ruling" speaks of the government, often the other side)
        if (!country || country->kind == MentionKind::Capital || !about_country(doc, before, known, *country)) return;
        Mention ref = *country;
        ref.first = s.first;
        ref.last = end;
        ref.span = doc.span(s.first, end);
        ref.kind = MentionKind::Reference;
        ref.extractor = "definite_references";
        ref.priority = 5;
        ref.confidence = 0.7f;
        doc.candidates.push_back(std::move(ref));
    }

    static bool signing_verb(std::string_view f) {
        return f == "signed" || f == "sign" || f == "signs" || f == "signing" || f == "ratified" || f == "ratify" ||
               f == "ratifies" || f == "ratifying";
    }

    // ", but it", ", although it": the pronoun opens a new clause.
    static bool after_clause_break(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t i) {
        if (i < s.first + 2) return false;
        const auto prev = doc.ftext(i - 1);
        const bool connector = prev == "but" || prev == "although" || prev == "though" || prev == "while" ||
                               prev == "whereas" || prev == "yet" || prev == "because" || prev == "and" || prev == "so";
        return connector && doc.ftext(i - 2) == ",";
    }

    // "It is/was/seems ... that|whether": an expletive "it", not a reference.
    static bool extraposed(const AnnotatedDocument& doc, std::uint32_t end, std::uint32_t last) {
        if (end >= last) return true;
        const auto verb = doc.ftext(end);
        if (verb != "is" && verb != "was" && verb != "seems" && verb != "seemed" && verb != "appears" &&
            verb != "remains" && verb != "remained" && verb != "has" && verb != "had")
            return false;
        for (auto k = end + 1; k < last && k < end + 6; ++k) {
            const auto w = doc.ftext(k);
            if (w == "that" || w == "whether" || w == "if" || w == "how" || w == "why") return true;
        }
        return false;
    }

    // No country other than `key` is named in the sentence (pair phrases count as two).
    static bool sole_country(const AnnotatedDocument& doc, const Sentence& s, std::size_t known,
                             const std::string& key) {
        for (std::size_t c = 0; c < known; ++c) {
            const auto& m = doc.candidates[c];
            if (m.first < s.first || m.last > s.last || m.type != EntityType::Country) continue;
            if (!maximal(doc, m, known)) continue;  // "Sudan" inside "South Sudan"
            // "whose headquarters is in Lima": the city, not Peru's government
            if (m.kind == MentionKind::Capital && after_locative(doc, m)) continue;
            if (m.kind == MentionKind::PairReference || (!m.key.empty() && m.key != key)) return false;
        }
        return true;
    }

    // The sentence a country description opening sentence si looks back to: the one before, or the
    // one before that when the one before names no country at all (nor refers to one).
    static std::size_t discourse_sentence(const AnnotatedDocument& doc, std::size_t si) {
        if (si < 2) return si - 1;
        const auto& before = doc.sentences[si - 1];
        const bool names = std::any_of(doc.candidates.begin(), doc.candidates.end(), [&](const Mention& m) {
            return m.type == EntityType::Country && m.first >= before.first && m.last <= before.last &&
                   m.last > m.first;
        });
        return names ? si - 1 : si - 2;
    }

    // "The country ... . The kingdom ...": a country reference (found by this stage, after `known`)
    // opening sentence s; the last one when there are several.
    static const Mention* reference_opening(const AnnotatedDocument& doc, const Sentence& s, std::size_t known) {
        const Mention* found = nullptr;
        for (auto c = known; c < doc.candidates.size(); ++c)
            if (const auto& r = doc.candidates[c]; r.first == s.first && r.type == EntityType::Country) found = &r;
        return found;
    }

    // Country c is what sentence `before` is about: the only country it names ("It" after "Kenya and
    // Uganda ..." could be either, or neither), named (not a demonym), as the subject that opens it
    // or follows its fronted clause ("the defeat of the Greek army. It was followed by ...": "it" is
    // the defeat).
    static bool about_country(const AnnotatedDocument& doc, const Sentence& before, std::size_t known,
                              const Mention& c) {
        const bool fronted = after_fronted_clause(doc, before, known) == &c;
        return sole_country(doc, before, known, c.key) && c.kind != MentionKind::Demonym &&
               (fronted || c.first <= before.first + 3);
    }

    // "When the civil war began in 2014, Oman stayed neutral": the country right after the first
    // comma of the sentence, before a lowercase word (its verb).
    static const Mention* after_fronted_clause(const AnnotatedDocument& doc, const Sentence& s, std::size_t known) {
        auto comma = s.first + 1;
        while (comma < s.last && comma < s.first + 20 && doc.ftext(comma) != ",") ++comma;
        if (comma + 2 >= s.last || doc.ftext(comma) != ",") return nullptr;
        const auto at = comma + 1 + (doc.ftext(comma + 1) == "the" ? 1u : 0u);
        for (std::size_t c = 0; c < known; ++c) {
            const auto& m = doc.candidates[c];
            if (m.first != at || m.type != EntityType::Country || m.key.empty() || m.kind == MentionKind::Demonym ||
                m.kind == MentionKind::PairReference || !maximal(doc, m, known) || m.last >= s.last)
                continue;
            const auto& next = doc.tokens[m.last];
            if (!next.has(kWord) || next.has(kCapitalized) || doc.ftext(m.last) == "and" || doc.ftext(m.last) == "or")
                return nullptr;
            return &m;
        }
        return nullptr;
    }

    // The first name of a sentence that `accept`s (the longest at its start), pair phrases and topics aside.
    template <class Accept>
    static const Mention* first_name(const AnnotatedDocument& doc, const Sentence& s, std::size_t known,
                                     Accept&& accept) {
        const Mention* first = nullptr;
        for (std::size_t c = 0; c < known; ++c) {
            const auto& m = doc.candidates[c];
            if (m.first < s.first || m.last > s.last || m.key.empty() || m.type == EntityType::Topic ||
                m.kind == MentionKind::PairReference || !accept(m))
                continue;
            if (!first || m.first < first->first || (m.first == first->first && m.last > first->last)) first = &m;
        }
        return first;
    }

    // Not inside a longer proposal ("Union" inside "Union of India"): only names that can win.
    static bool maximal(const AnnotatedDocument& doc, const Mention& m, std::size_t known) {
        for (std::size_t c = 0; c < known; ++c) {
            const auto& o = doc.candidates[c];
            if (&o != &m && o.first <= m.first && o.last >= m.last && o.last - o.first > m.last - m.first &&
                o.kind != MentionKind::PairReference)
                return false;
        }
        return true;
    }

    TokenTrie trie_;
    TokenTrie heads_;  // titles of a head of state or government (titles.tsv, role "head")
    std::vector<EntityType> types_;
    std::vector<bool> pronoun_;
    std::vector<bool> bare_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_definite_references(const Resources& r) {
    return std::make_unique<DefiniteReferences>(r);
}

}  // namespace dyad::extractors
