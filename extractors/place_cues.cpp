// Unknown places by the noun that introduces them: "the Colombian city of
// Cúcuta", "the Donbas region", "Argentina's Vaca Muerta shale field",
// "Perejil, an uninhabited islet", "Kashgar in China" (data/patterns/place_cues.tsv), and by the
// country after them: "Foz do Iguaçu (Brazil)", "Ciudad del Este, Paraguay,". A name
// learned this way is also found where the document repeats it without the noun.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

enum class CueForm { Of, After, Appos, Country };

struct PlaceCue {
    CueForm form = CueForm::Of;
    bool keep_noun = false;
};

class PlaceCues final : public EntityExtractor {
public:
    explicit PlaceCues(const Resources& r) : rules_(r.knowledge.sentence_rules) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "place_cues.tsv", {"noun", "form", "keep", "notes"});
        while (auto row = reader.next()) {
            PlaceCue cue;
            if (row->at(1) == "of") cue.form = CueForm::Of;
            else if (row->at(1) == "after") cue.form = CueForm::After;
            else if (row->at(1) == "appos") cue.form = CueForm::Appos;
            else if (row->at(1) == "country") cue.form = CueForm::Country;
            else throw reader.error("unknown form '" + row->at(1) + "'; expected of, after, appos or country");
            if (row->at(2) != "yes" && row->at(2) != "no")
                throw reader.error("keep must be yes or no, not '" + row->at(2) + "'");
            cue.keep_noun = row->at(2) == "yes";
            if (!nouns_.insert(row->at(0), static_cast<std::uint32_t>(cues_.size()))) throw reader.error("empty noun");
            cues_.push_back(cue);
        }
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        // What earlier stages named: a country, an organization or a person is
        // never re-typed; a known place may sit inside a name that keeps its noun
        // ("the Caribbean coast").
        std::vector<std::uint8_t> known(doc.tokens.size(),
                                        0);  // 0 free, 1 place, 2 other name
        // Where a country (or a place) mention ends, by its first token: "Foz do Iguaçu (Brazil)".
        std::vector<std::uint32_t> country_end(doc.tokens.size(), 0), place_end(doc.tokens.size(), 0);
        for (const auto& c : doc.candidates) {
            if (c.kind == MentionKind::PairReference || c.type == EntityType::Topic) continue;
            const std::uint8_t mark = c.type == EntityType::Place ? 1 : 2;
            for (auto k = c.first; k < c.last; ++k) known[k] = std::max(known[k], mark);
            // (a country by name: "Zelenskiy in Kyiv" is no place)
            if (c.type == EntityType::Country && c.kind != MentionKind::Capital)
                country_end[c.first] = std::max(country_end[c.first], c.last);
            if (c.type == EntityType::Place) place_end[c.first] = std::max(place_end[c.first], c.last);
        }
        std::set<std::vector<std::string>> learned;
        for (const auto& s : doc.sentences) {
            for (auto i = s.first; i < s.last; ++i) {
                if (doc.tokens[i].has(kCapitalized)) continue;  // the nouns are lowercase
                nouns_.match(doc, i, s.last, [&](std::uint32_t end, const std::vector<std::uint32_t>& ids) {
                    for (auto id : ids) {
                        const auto& cue = cues_[id];
                        // "the city of Cúcuta"; also "a new state called Guayana Esequiba", "a
                        // village named Ghajar"
                        // and a plural noun before "including" or "such as": "four northern municipalities,
                        // including Zvecan and Leposavic"
                        const auto listed = cue.form == CueForm::Of ? list_after(doc, s, end) : 0;
                        if (cue.form == CueForm::Of && end + 1 < s.last &&
                            (listed || doc.ftext(end) == "of" || doc.ftext(end) == "called" ||
                             doc.ftext(end) == "named")) {
                            auto from = listed ? listed : end + 1;
                            auto last = run_forward(doc, s, from, known);
                            // A list: "the provinces of Lang Son, Cao Bang and Lao Cai".
                            while (last > from) {
                                propose(doc, from, last, learned);
                                from = last;
                                if (from < s.last && doc.ftext(from) == ",") ++from;
                                if (from < s.last && doc.ftext(from) == "and" && from > last) ++from;
                                else if (from < s.last && doc.ftext(from) == "and") ++from;
                                if (from == last) break;
                                last = run_forward(doc, s, from, known);
                            }
                        } else if (cue.form == CueForm::After && i > s.first) {
                            auto first = run_backward(doc, s, i, known, cue.keep_noun);
                            // "an Arab state": an indefinite article before it means no name
                            if (first < i && first > s.first &&
                                (doc.ftext(first - 1) == "a" || doc.ftext(first - 1) == "an"))
                                continue;
                            if (first < i) propose(doc, first, cue.keep_noun ? end : i, learned);
                            // a plural noun after a list: "the Cilvegozu and Oncupinar crossings", "the
                            // Suchiate and Usumacinta rivers"
                            const auto noun = doc.ftext(end - 1);
                            while (first < i && !cue.keep_noun && noun.size() > 1 && noun.back() == 's' &&
                                   first > s.first + 1 &&
                                   (doc.ftext(first - 1) == "and" || doc.ftext(first - 1) == ",")) {
                                const auto before = run_backward(doc, s, first - 1, known, false);
                                if (before >= first - 1) break;
                                propose(doc, before, first - 1, learned);
                                first = before;
                            }
                        } else if (cue.form == CueForm::Country && i > s.first) {
                            // "Kashgar in China", "Maiduguri in northeastern Nigeria": the words
                            // must be followed by a country, and the name must not be a month.
                            auto at = end;
                            if (at < s.last && doc.ftext(at) == "the") ++at;
                            if (at >= s.last || country_end[at] == 0) continue;
                            const auto first = run_backward(doc, s, i, known, false);
                            if (first < i && !is_month(doc.ftext(first))) propose(doc, first, i, learned);
                        } else if (cue.form == CueForm::Appos) {
                            const auto comma = appos_comma(doc, s, i, end);
                            if (comma == 0) continue;
                            auto first = run_backward(doc, s, comma, known, false);
                            // "Narva, a city on the border": one word opening the sentence is a
                            // name when an appositive follows it
                            if (first == comma && comma == s.first + 1 && !known[s.first] &&
                                doc.tokens[s.first].has(kCapitalized) && !doc.tokens[s.first].has(kNumber) &&
                                !rules_.sentence_starters.count(std::string(doc.ftext(s.first))))
                                first = s.first;
                            if (first < comma) propose(doc, first, comma, learned);
                        }
                    }
                });
            }
        }
        // "Name (Country)": a capitalized name that no stage has named, then a country in
        // brackets ("Foz do Iguaçu (Brazil) and Puerto Iguazú (Argentina)").
        for (const auto& s : doc.sentences)
            for (auto i = s.first + 1; i + 2 < s.last; ++i) {
                if (doc.ftext(i) != "(" || country_end[i + 1] == 0) continue;
                const auto close = country_end[i + 1];
                if (close >= s.last || doc.ftext(close) != ")") continue;
                const auto first = run_backward(doc, s, i, known, false);
                if (first < i) propose(doc, first, i, learned);
            }
        // "Name, Country," as an address: a capitalized name that no stage has named, a comma, a
        // country, then a comma, a full stop, ";" or ")" ("links Foz do Iguaçu, Brazil, with Ciudad
        // del Este, Paraguay."). Not after a comma, where the name is an item of a list.
        for (const auto& s : doc.sentences)
            for (auto i = s.first + 1; i + 2 < s.last; ++i) {
                if (doc.ftext(i) != "," || country_end[i + 1] == 0) continue;
                const auto close = country_end[i + 1];
                if (close >= s.last) continue;
                const auto after = doc.ftext(close);
                if (after != "," && after != "." && after != ";" && after != ")") continue;
                const auto first = run_backward(doc, s, i, known, false);
                if (first < i && first > s.first && doc.tokens[first - 1].has(kWord) &&
                    !doc.tokens[first - 1].has(kCapitalized))
                    propose(doc, first, i, learned);
            }
        // "near Erbil and Koya", "between Tapachula and Retalhuleu", "from Shalamcheh to Basra": an
        // unknown name joined to a known place after a locative preposition is a place too.
        for (const auto& s : doc.sentences)
            for (auto i = s.first; i + 3 < s.last; ++i) {
                const auto prep = doc.ftext(i);
                if (prep != "in" && prep != "near" && prep != "between" && prep != "from" && prep != "around" &&
                    prep != "outside" && prep != "through" && prep != "via" && prep != "at")
                    continue;
                auto at = i + 1;
                if (doc.ftext(at) == "the") ++at;
                const auto joined = [&](std::uint32_t k) {
                    return k + 1 < s.last && (doc.ftext(k) == "and" || (prep == "from" && doc.ftext(k) == "to"));
                };
                const auto alone = [&](std::uint32_t k) { return k >= s.last || !doc.tokens[k].has(kCapitalized); };
                if (at < s.last && place_end[at] > at && joined(place_end[at])) {
                    const auto from = place_end[at] + 1;
                    const auto last = run_forward(doc, s, from, known);
                    if (last > from && last - from <= 3 && alone(last)) propose(doc, from, last, learned);
                } else if (at < s.last && !known[at]) {
                    const auto last = run_forward(doc, s, at, known);
                    if (last > at && last - at <= 3 && joined(last) && place_end[last + 1] > last + 1)
                        propose(doc, at, last, learned);
                }
            }
        if (learned.empty()) return;
        // Later bare mentions of a learned name: "Cúcuta" after "the city of
        // Cúcuta".
        std::vector<bool> taken(doc.tokens.size(), false);
        for (const auto& c : doc.candidates)
            if (c.kind != MentionKind::PairReference)
                for (auto k = c.first; k < c.last; ++k) taken[k] = true;
        for (const auto& s : doc.sentences)
            for (auto i = s.first; i < s.last; ++i) {
                if (taken[i] || !doc.tokens[i].has(kCapitalized)) continue;
                for (const auto& words : learned) {
                    if (i + words.size() > s.last) continue;
                    bool same = true;
                    for (std::size_t w = 0; same && w < words.size(); ++w)
                        same = !taken[i + w] && doc.ftext(i + static_cast<std::uint32_t>(w)) == words[w];
                    // a longer capitalized run is another name ("Santa Marta Bay")
                    const auto after = i + static_cast<std::uint32_t>(words.size());
                    if (!same || (after < s.last && doc.tokens[after].has(kCapitalized))) continue;
                    add(doc, i, after, 0.7f);
                    i = after - 1;
                    break;
                }
            }
    }

private:
    bool connector(std::string_view f) const {
        return f == "de" || f == "del" || f == "do" || f == "da" || f == "dos" || f == "das" || f == "la" ||
               f == "el" || f == "al" || f == "-";
    }

    // After a plural noun ("municipalities"), ", including" or "such as": where the list starts, or 0.
    static std::uint32_t list_after(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t end) {
        const auto noun = doc.ftext(end - 1);
        if (noun.size() < 3 || noun.back() != 's') return 0;
        auto k = end;
        if (k < s.last && doc.ftext(k) == ",") ++k;
        if (k + 1 < s.last && doc.ftext(k) == "including") return k + 1;
        if (k + 2 < s.last && doc.ftext(k) == "such" && doc.ftext(k + 1) == "as") return k + 2;
        return 0;
    }

    // The capitalized name that starts at `from`: "San Antonio del Táchira", "Foz
    // do Iguaçu".
    std::uint32_t run_forward(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t from,
                              const std::vector<std::uint8_t>& known) const {
        auto end = from;
        while (end < s.last && end - from < 6) {
            const auto& t = doc.tokens[end];
            if (known[end]) break;
            if (t.has(kCapitalized) && !t.has(kNumber)) {
                ++end;
            } else if (end > from && connector(doc.ftext(end)) && end + 1 < s.last &&
                       doc.tokens[end + 1].has(kCapitalized) && !known[end + 1]) {
                ++end;
            } else if (end > from && connector(doc.ftext(end)) && end + 2 < s.last && connector(doc.ftext(end + 1)) &&
                       doc.tokens[end + 2].has(kCapitalized) && !known[end + 2]) {
                end += 2;  // "Amatenango de la Frontera"
            } else {
                break;
            }
        }
        if (end == from || rules_.sentence_starters.count(std::string(doc.ftext(from)))) return from;
        // "the city of Cúcuta" only when the name ends there: not "the region of
        // Tigray People's ..."
        if (end < s.last && known[end]) return from;
        return end;
    }

    // "Name, a|an|the (up to three words) noun": the comma before the article, or 0. Not a
    // possessive noun ("Sánchez, the region's leader").
    static std::uint32_t appos_comma(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t noun,
                                     std::uint32_t end) {
        if (end < s.last && doc.ftext(end) == "'") return 0;
        for (std::uint32_t back = 1; back <= 4 && noun >= s.first + back + 1; ++back) {
            const auto k = noun - back;
            const auto f = doc.ftext(k);
            if (f == "a" || f == "an" || f == "the") return doc.ftext(k - 1) == "," && k - 1 > s.first ? k - 1 : 0;
            if (!doc.tokens[k].has(kWord) || doc.tokens[k].has(kNumber)) return 0;
        }
        return 0;
    }

    // The capitalized name that ends just before `noun`: "the Donbas region".
    std::uint32_t run_backward(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t noun,
                               const std::vector<std::uint8_t>& known, bool keep_noun) const {
        auto first = noun;
        while (first > s.first && noun - first < 5) {
            const auto k = first - 1;
            const auto& t = doc.tokens[k];
            const bool allowed = known[k] == 0 || (keep_noun && known[k] == 1);
            if (allowed && t.has(kCapitalized) && !t.has(kNumber)) {
                --first;
            } else if (first < noun && connector(doc.ftext(k)) && k > s.first && doc.tokens[k - 1].has(kCapitalized)) {
                --first;
            } else {
                break;
            }
        }
        // Trim a sentence opener ("The Donbas region ...") and require a name to
        // remain.
        while (first < noun && rules_.sentence_starters.count(std::string(doc.ftext(first)))) ++first;
        // a lowercase connector after a known name is not part of the new one; a capitalized
        // particle opens it ("Al Udeid", "El Paso", "La Guajira")
        if (first < noun && connector(doc.ftext(first)) && !doc.tokens[first].has(kCapitalized)) ++first;
        // A name that runs on from a known one is part of it ("Mexican Gulf
        // region"): skip it.
        if (first < noun && first > s.first && known[first - 1] == 2 &&
            doc.tokens[first - 1].end == doc.tokens[first].begin)
            return noun;
        // Only the name at the start of a sentence is capitalized anyway: needs two
        // words there.
        if (first == s.first && noun - first < 2) return noun;
        return first;
    }

    void propose(AnnotatedDocument& doc, std::uint32_t first, std::uint32_t last,
                 std::set<std::vector<std::string>>& learned) const {
        add(doc, first, last, 0.75f);
        std::vector<std::string> words;
        for (auto k = first; k < last; ++k) words.emplace_back(doc.ftext(k));
        learned.insert(std::move(words));
    }

    void add(AnnotatedDocument& doc, std::uint32_t first, std::uint32_t last, float confidence) const {
        Mention m;
        m.first = first;
        m.last = last;
        m.span = doc.span(first, last);
        m.type = EntityType::Place;
        m.kind = MentionKind::Shape;
        m.name = clean_name(doc.text(m.span));
        m.key = entity_key(EntityType::Place, slug(m.name));
        m.extractor = "place_cues";
        m.priority = 6;
        m.confidence = confidence;
        doc.candidates.push_back(std::move(m));
    }

    const SentenceRules& rules_;
    TokenTrie nouns_;
    std::vector<PlaceCue> cues_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_place_cues(const Resources& r) { return std::make_unique<PlaceCues>(r); }

}  // namespace dyad::extractors
