// People by title ("President Kim Dae-jung", "Taoiseach Simon Harris", "North Korean leader
// Kim Jong Il") and by role verbs ("X became the first President of Y"); titles come from
// data/patterns/titles.tsv. A later short form ("President Kim") joins the full name it shares
// a word with. Names from the persons dictionary (data/gazetteer/persons.tsv, found by the
// gazetteer stage) are read like any other name here; a name found on one takes its key, lends it
// the country of its title, and joins later short forms to it.
#include <algorithm>
#include <memory>
#include <unordered_map>

#include "core/text.h"
#include "core/tsv.h"
#include "extractors/registry.h"
#include "extractors/token_trie.h"

namespace dyad::extractors {
namespace {

class Persons final : public EntityExtractor {
public:
    explicit Persons(const Resources& r) : rules_(r.knowledge.sentence_rules) {
        TsvReader reader(r.knowledge.data_dir / "patterns" / "titles.tsv", {"title", "role", "notes"});
        std::uint32_t id = 0;
        while (auto row = reader.next())
            if (!titles_.insert(row->at(0), id++)) throw reader.error("empty title");
    }

    void find_mentions(AnnotatedDocument& doc) const override {
        struct Found {
            std::uint32_t first, last;
            std::string affiliation;
        };
        // The country a title belongs to: "Egyptian President", "Egypt's President", "the
        // President of Egypt" (read after the name: "President X of Egypt"). Indexed by token, the
        // first such candidate ending (or starting) there, so a title costs no scan of them all.
        constexpr std::uint32_t kNo = 0xffffffffu;
        std::vector<std::uint32_t> ends_here(doc.tokens.size() + 1, kNo), names_here(doc.tokens.size(), kNo),
            names_or_demonyms_here(doc.tokens.size(), kNo);
        for (std::uint32_t c = 0; c < doc.candidates.size(); ++c) {
            const auto& m = doc.candidates[c];
            if (m.type != EntityType::Country || m.ambiguous) continue;
            if (m.kind != MentionKind::PairReference && m.kind != MentionKind::Capital && ends_here[m.last] == kNo)
                ends_here[m.last] = c;
            if (m.kind == MentionKind::Name && names_here[m.first] == kNo) names_here[m.first] = c;
            if ((m.kind == MentionKind::Name || m.kind == MentionKind::Demonym) &&
                names_or_demonyms_here[m.first] == kNo)
                names_or_demonyms_here[m.first] = c;
        }
        auto key_of = [&](std::uint32_t c) { return c == kNo ? std::string() : doc.candidates[c].key; };
        auto country_ending_at = [&](std::uint32_t k) -> std::string {
            return k < ends_here.size() ? key_of(ends_here[k]) : std::string();
        };
        // A named country starting at token k; with `demonyms`, also "French" in "the French president".
        auto country_starting_at = [&](std::uint32_t k, bool demonyms = false) -> std::string {
            if (k >= names_here.size()) return {};
            return key_of(demonyms ? names_or_demonyms_here[k] : names_here[k]);
        };
        std::vector<Found> found;
        std::vector<bool> taken(doc.tokens.size(), false);
        // Dictionary persons do not take their words, so titles and appositions read them as
        // before. `reach`: the furthest end of a candidate starting at each token.
        std::vector<std::uint32_t> reach(doc.tokens.size() + 1, 0);
        for (const auto& c : doc.candidates) {
            if (c.kind == MentionKind::PairReference || c.last <= c.first) continue;
            reach[c.first] = std::max(reach[c.first], c.last);
            if (!dictionary_person(c))
                for (auto k = c.first; k < c.last; ++k) taken[k] = true;
        }
        // The dictionary persons that lie inside no longer candidate ("Aung San" inside "Aung San
        // Suu Kyi" is not one), and for each token the one covering it.
        std::vector<std::uint32_t> dictionary;
        std::vector<std::uint32_t> dictionary_over(doc.tokens.size(), kNo);
        {
            std::vector<std::uint32_t> before(doc.tokens.size() + 1, 0);  // furthest end of one starting earlier
            for (std::size_t k = 1; k < before.size(); ++k) before[k] = std::max(before[k - 1], reach[k - 1]);
            for (std::uint32_t c = 0; c < doc.candidates.size(); ++c) {
                const auto& m = doc.candidates[c];
                if (!dictionary_person(m) || m.last <= m.first || reach[m.first] > m.last || before[m.first] >= m.last)
                    continue;
                dictionary.push_back(c);
                for (auto k = m.first; k < m.last; ++k)
                    if (dictionary_over[k] == kNo) dictionary_over[k] = c;
            }
        }
        // The dictionary person whose name contains [first, last), if any.
        auto dictionary_at = [&](std::uint32_t first, std::uint32_t last) -> const Mention* {
            if (first >= dictionary_over.size() || dictionary_over[first] == kNo) return nullptr;
            const auto& m = doc.candidates[dictionary_over[first]];
            return m.last >= last ? &m : nullptr;
        };
        // After a title, a one-word capital, place or group that opens a longer name is part of it:
        // "President Santiago Peña", "the group's leader, Milan Radoicic", "Prime Minister Mohammed
        // Shia al-Sudani".
        std::vector<bool> taken_after_title = taken;
        for (const auto& c : doc.candidates) {
            const bool word_name =
                c.kind == MentionKind::Capital || c.type == EntityType::Place || c.type == EntityType::Group;
            if (!word_name || c.last != c.first + 1 || c.last >= doc.tokens.size() || taken[c.last]) continue;
            const auto& next = doc.tokens[c.last];
            if (next.has(kWord) && (next.has(kCapitalized) || particle(doc.ftext(c.last))))
                taken_after_title[c.first] = false;
            // ... or that ends one: "spokesman Jonathan Malaya"
            if (c.first > 0 && !taken[c.first - 1] && doc.tokens[c.first - 1].has(kCapitalized) &&
                doc.tokens[c.first - 1].has(kWord))
                taken_after_title[c.first] = false;
        }

        for (const auto& s : doc.sentences) {
            for (auto i = s.first; i < s.last; ++i) {
                std::uint32_t title_end = 0;
                // the longest title: "Secretary of State Antony Blinken", not "Secretary"
                titles_.match(doc, i, s.last, [&](std::uint32_t end, const std::vector<std::uint32_t>&) {
                    title_end = std::max(title_end, end);
                });
                // titles in a row are one title: "Chief" and "Minister M. K. Stalin"
                while (title_end && title_end < s.last) {
                    auto next = title_end;
                    titles_.match(doc, title_end, s.last, [&](std::uint32_t end, const std::vector<std::uint32_t>&) {
                        next = std::max(next, end);
                    });
                    if (next == title_end) break;
                    title_end = next;
                }
                if (title_end) {
                    auto name_first = title_end;
                    auto end = name_end(doc, s, name_first, taken_after_title);
                    // "Germany's new chancellor, Friedrich Merz, travelled ...": a name set off by commas
                    // "the prosecutor of the International Criminal Court (ICC), Karim Khan, sought ...":
                    // the title's organization, then the name set off by commas
                    if (end == name_first) end = name_first = after_complement(doc, s, name_first, taken);
                    if (end == name_first && name_first + 1 < s.last && doc.ftext(name_first) == ",") {
                        const auto after = name_end(doc, s, name_first + 1, taken_after_title);
                        if (after > name_first + 2 && (after == s.last || clause_end(doc.ftext(after)))) {
                            ++name_first;
                            end = after;
                        }
                    }
                    // "in late March": a month or a day is no name
                    if (end > name_first && (is_month(doc.ftext(name_first)) || is_weekday(doc.ftext(name_first))))
                        end = name_first;
                    if (end > name_first) {
                        auto affiliation = country_ending_at(i);
                        if (affiliation.empty() && i >= s.first + 3 && doc.ftext(i - 1) == "s" &&
                            doc.ftext(i - 2) == "'")
                            affiliation = country_ending_at(i - 2);
                        // one adjective between: "Germany's new chancellor"
                        if (affiliation.empty() && i >= s.first + 4 && doc.ftext(i - 2) == "s" &&
                            doc.ftext(i - 3) == "'" && !doc.tokens[i - 1].has(kCapitalized))
                            affiliation = country_ending_at(i - 3);
                        if (affiliation.empty() && end + 1 < s.last && doc.ftext(end) == "of")
                            affiliation = country_starting_at(end + 1);
                        found.push_back({name_first, end, affiliation});
                        i = end - 1;
                        // "Presidents Jair Bolsonaro of Brazil and Alberto Fernandez of Argentina"
                        const bool plural = doc.ftext(title_end - 1).back() == 's';
                        auto k = end;
                        if (plural && k + 1 < s.last && doc.ftext(k) == "of") {
                            ++k;
                            while (k < s.last && doc.tokens[k].has(kCapitalized)) ++k;
                        }
                        if (plural && k + 1 < s.last && doc.ftext(k) == "and") {
                            const auto second_end = name_end(doc, s, k + 1, taken);
                            if (second_end > k + 2) {
                                std::string second_affiliation;
                                if (second_end + 1 < s.last && doc.ftext(second_end) == "of")
                                    second_affiliation = country_starting_at(second_end + 1);
                                found.push_back({k + 1, second_end, second_affiliation});
                                i = second_end - 1;
                            }
                        }
                    }
                    continue;
                }
                // "Gustavo Petro, Colombia's first leftist president": a name, a comma, then a title
                // within a few words, with the country the title belongs to on the way
                const auto f = doc.ftext(i);
                // (not right after a name found after its title: "Secretary of State Antony Blinken, who")
                if (f == "," && i >= s.first + 2 && (found.empty() || found.back().last != i)) {
                    auto start = name_start(doc, s, i, taken);
                    // a title before the name is not part of it: "West German Chancellor Willy Brandt, who"
                    titles_.match(doc, start, i, [&](std::uint32_t e, const std::vector<std::uint32_t>&) {
                        if (e > start && e < i) start = e;
                    });
                    // "Simón Bolívar, who led the independence campaigns": only people are "who"
                    if (i - start >= 2 && i + 1 < s.last && doc.ftext(i + 1) == "who") {
                        found.push_back({start, i, {}});
                        continue;
                    }
                    if (i - start >= 2) {
                        std::string affiliation;
                        bool titled = false;
                        for (auto k = i + 1; k < s.last && k <= i + 6 && !titled; ++k) {
                            const auto w = doc.ftext(k);
                            if (w == "," || w == "." || w == "and" || w == "who") break;
                            if (auto country = country_starting_at(k, true); !country.empty()) affiliation = country;
                            titles_.match(doc, k, s.last,
                                          [&](std::uint32_t, const std::vector<std::uint32_t>&) { titled = true; });
                        }
                        if (titled) found.push_back({start, i, affiliation});
                    }
                }
                // "the movement, led by John Garang", "signed by Omar al-Bashir and Salva Kiir": an
                // untitled name of two to four words after an agent "by" (names other stages know,
                // such as countries, are taken and end the name)
                if (f == "by" && i > s.first && agent_verb(doc.ftext(i - 1))) {
                    auto at = i + 1;
                    for (int n = 0; n < 2 && at < s.last; ++n) {
                        bool titled = false;  // "led by Chairman X": the title path reads it
                        titles_.match(doc, at, s.last,
                                      [&](std::uint32_t, const std::vector<std::uint32_t>&) { titled = true; });
                        if (titled) break;
                        const auto end = name_end(doc, s, at, taken);
                        if (end - at < 2 || end - at > 4 || (end < s.last && doc.tokens[end].has(kCapitalized))) break;
                        found.push_back({at, end, {}});
                        if (end + 1 >= s.last || doc.ftext(end) != "and") break;
                        at = end + 1;
                    }
                }
                // '..., said Thandeka Moyo, a researcher at ...': an untitled name of two to four words
                // after "said" or "says", followed by an appositive (a comma, then a lowercase word)
                if ((f == "said" || f == "says") && i + 3 < s.last) {
                    const auto at = i + 1;
                    const auto end = name_end(doc, s, at, taken);
                    if (end - at >= 2 && end - at <= 4 && end + 1 < s.last && doc.ftext(end) == "," &&
                        doc.tokens[end + 1].has(kWord) && !doc.tokens[end + 1].has(kCapitalized))
                        found.push_back({at, end, {}});
                }
                // "Kim Dae-jung became the first President of South Korea"
                if ((f == "became" || f == "becomes") && i > s.first) {
                    const auto start = name_start(doc, s, i, taken);
                    if (i - start >= 2) found.push_back({start, i, {}});
                }
                // "Lee Myung-bak and Park Geun-hye's presidencies", "Merkel's government"
                if (office_noun(f) && i >= s.first + 3 && doc.ftext(i - 1) == "s" && doc.ftext(i - 2) == "'") {
                    const auto end = i - 2;
                    const auto start = name_start(doc, s, end, taken);
                    if (end - start >= 2) {
                        found.push_back({start, end, {}});
                        if (start >= s.first + 2 && doc.ftext(start - 1) == "and") {
                            const auto other = name_start(doc, s, start - 1, taken);
                            if (start - 1 - other >= 2) found.push_back({other, start - 1, {}});
                        }
                    }
                }
            }
        }
        // Full names first, so that "President Kim" can join "Kim Dae-jung": the nearest full name
        // before it that starts or ends with that word (or, failing that, the nearest after it).
        struct FullName {
            std::uint32_t first;
            std::string key;
            std::string first_word, last_word;
            std::string name;  // the full name, also the name of a one-word mention that joins it
        };
        std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.first < b.first; });
        std::vector<FullName> full;
        for (const auto& p : found) {
            if (p.last - p.first < 2) continue;
            const auto name = clean_name(doc.text(doc.span(p.first, p.last)));
            FullName f{p.first, entity_key(EntityType::Person, slug(name)), {}, {}, name};
            if (const auto* d = dictionary_at(p.first, p.last)) {
                f.key = d->key;
                f.name = d->lex->name;
            }
            for (auto k = p.first; k < p.last; ++k)
                if (doc.tokens[k].has(kWord)) {
                    if (f.first_word.empty()) f.first_word = doc.ftext(k);
                    f.last_word = doc.ftext(k);
                }
            full.push_back(std::move(f));
        }
        // Every dictionary name is a full name too: "Julius Nyerere ... Nyerere".
        for (auto c : dictionary) {
            const auto& m = doc.candidates[c];
            FullName f{m.first, m.key, {}, {}, m.lex->name};
            // (not the title of "King Salman" or "Pope Francis": a later "the King" is no name)
            auto words = m.first;
            titles_.match(doc, m.first, m.last, [&](std::uint32_t end, const std::vector<std::uint32_t>&) {
                if (end < m.last) words = std::max(words, end);
            });
            for (auto k = words; k < m.last; ++k)
                if (doc.tokens[k].has(kWord)) {
                    if (f.first_word.empty()) f.first_word = doc.ftext(k);
                    f.last_word = doc.ftext(k);
                }
            full.push_back(std::move(f));
        }
        std::stable_sort(full.begin(), full.end(),
                         [](const FullName& a, const FullName& b) { return a.first < b.first; });
        auto join_full_name = [&](std::uint32_t at, std::string_view word) -> const FullName* {
            const FullName* before = nullptr;
            const FullName* after = nullptr;
            for (const auto& f : full) {
                if (f.first_word != word && f.last_word != word) continue;
                if (f.first < at) before = &f;  // `full` is in text order: the last one is nearest
                else if (!after) after = &f;
            }
            return before ? before : after;
        };
        // A later bare surname (or family name first: "Yoon", "Kishida") of a full name found before
        // it is a mention of that person, where no other stage named the word and it is not part of
        // a longer capitalized run.
        if (!full.empty()) {
            const auto headline_end = doc.sentences.empty() ? 0u : doc.sentences.front().last;
            std::vector<bool> used = taken;
            for (const auto& p : found)
                for (auto k = p.first; k < p.last; ++k) used[k] = true;
            for (auto c : dictionary)
                for (auto k = doc.candidates[c].first; k < doc.candidates[c].last; ++k) used[k] = true;
            auto name_word = [&](std::uint32_t k) {
                return doc.tokens[k].has(kCapitalized) && doc.tokens[k].has(kWord) && !doc.tokens[k].has(kAllCaps);
            };
            for (const auto& s : doc.sentences)
                for (auto k = s.first; k < s.last; ++k) {
                    if (used[k] || !name_word(k)) continue;
                    if (k + 1 < s.last && (name_word(k + 1) || doc.tokens[k + 1].has(kDash))) continue;
                    if (k > s.first && (name_word(k - 1) || doc.tokens[k - 1].has(kDash))) continue;
                    if (rules_.sentence_starters.count(std::string(doc.ftext(k)))) continue;
                    const auto word = doc.ftext(k);
                    // (in the headline, before the full name: "Orban meets Zelenskiy in Kyiv")
                    if (std::any_of(full.begin(), full.end(), [&](const FullName& f) {
                            return (f.first < k || k < headline_end) && (f.last_word == word || f.first_word == word);
                        }))
                        found.push_back({k, k + 1, {}});
                }
        }
        std::unordered_map<std::string, std::string> affiliations;  // person key -> country key
        std::vector<Mention> mentions;
        for (const auto& p : found) {
            Mention m;
            m.first = p.first;
            m.last = p.last;
            m.span = doc.span(p.first, p.last);
            m.type = EntityType::Person;
            m.kind = MentionKind::Person;
            m.name = clean_name(doc.text(m.span));
            m.key = entity_key(EntityType::Person, slug(m.name));
            if (const auto* d = dictionary_at(p.first, p.last)) {
                m.key = d->key;
                m.name = d->lex->name;
            } else if (p.last - p.first == 1) {
                if (const auto* f = join_full_name(p.first, doc.ftext(p.first))) {
                    m.key = f->key;
                    m.name = f->name;
                }
            }
            m.extractor = "persons";
            m.priority = 3;
            m.confidence = 0.8f;
            if (!p.affiliation.empty()) affiliations.emplace(m.key, p.affiliation);
            mentions.push_back(std::move(m));
        }
        // Every mention of a person carries the country any of them was introduced with, the
        // dictionary's own mentions too ("Egyptian President Anwar Sadat signed ...").
        for (auto c : dictionary)
            if (auto it = affiliations.find(doc.candidates[c].key); it != affiliations.end())
                doc.candidates[c].affiliation = it->second;
        for (auto& m : mentions) {
            if (auto it = affiliations.find(m.key); it != affiliations.end()) m.affiliation = it->second;
            doc.candidates.push_back(std::move(m));
        }
    }

private:
    static bool dictionary_person(const Mention& m) { return m.type == EntityType::Person && m.lex != nullptr; }

    bool name_token(const AnnotatedDocument& doc, std::uint32_t k) const {
        const auto& t = doc.tokens[k];
        if (t.has(kCapitalized) && t.has(kWord)) return true;
        // the dash and the lowercase half of a hyphenated given name: "Dae-jung"
        if (t.has(kDash)) return k > 0 && doc.tokens[k - 1].end == t.begin;
        return t.has(kWord) && k >= 2 && doc.tokens[k - 1].has(kDash) && doc.tokens[k - 1].end == t.begin &&
               doc.tokens[k - 2].end == doc.tokens[k - 1].begin && doc.tokens[k - 2].has(kCapitalized);
    }

    // A comma, period, semicolon or closing bracket ends the name set off after a title.
    static bool clause_end(std::string_view f) { return f == "," || f == "." || f == ";" || f == ")"; }

    // After a title, "of|at|for [the] <a name another stage knows> [(ACRONYM)]" when a comma follows:
    // the token of that comma; otherwise `at` itself.
    static std::uint32_t after_complement(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t at,
                                          const std::vector<bool>& taken) {
        auto k = at;
        if (k >= s.last || (doc.ftext(k) != "of" && doc.ftext(k) != "at" && doc.ftext(k) != "for")) return at;
        ++k;
        if (k < s.last && doc.ftext(k) == "the") ++k;
        const auto name = k;
        while (k < s.last && taken[k]) ++k;
        // or one or two lowercase words: "the EU's special representative for the dialogue, X Y,"
        if (k == name)
            while (k < s.last && k < name + 2 && doc.tokens[k].has(kWord) && !doc.tokens[k].has(kCapitalized)) ++k;
        if (k == name) return at;
        if (k + 2 < s.last && doc.ftext(k) == "(" && doc.ftext(k + 2) == ")") k += 3;
        return k < s.last && doc.ftext(k) == "," ? k : at;
    }

    // A name run that ends right before token `end`: at most 4 name tokens, starting capitalized.
    static bool agent_verb(std::string_view f) {
        return f == "led" || f == "headed" || f == "founded" || f == "chaired" || f == "signed" || f == "negotiated" ||
               f == "brokered" || f == "mediated";
    }

    std::uint32_t name_start(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t end,
                             const std::vector<bool>& taken) const {
        auto start = end;
        while (start > s.first && !taken[start - 1] && end - start < 5) {
            if (name_token(doc, start - 1)) --start;
            // a particle inside the name: "José de San Martín", "Lula da Silva"
            else if (start - 1 > s.first && start < end && particle(doc.ftext(start - 1)) && !taken[start - 2] &&
                     doc.tokens[start - 2].has(kCapitalized) && doc.tokens[start - 2].has(kWord))
                --start;
            else break;
        }
        while (start < end && !doc.tokens[start].has(kCapitalized)) ++start;
        if (start < end && rules_.sentence_starters.count(std::string(doc.ftext(start)))) ++start;
        return start;
    }

    static bool office_noun(std::string_view f) {
        return f == "presidency" || f == "presidencies" || f == "administration" || f == "administrations" ||
               f == "premiership" || f == "premierships" || f == "government" || f == "governments" || f == "tenure" ||
               f == "reign" || f == "term" || f == "terms" || f == "regime" || f == "regimes" || f == "cabinet" ||
               f == "dictatorship";
    }

    // Lowercase particles inside names: "Lula da Silva", "el-Sisi", "van der Leyen".
    static bool particle(std::string_view f) {
        return f == "da" || f == "de" || f == "do" || f == "dos" || f == "das" || f == "di" || f == "du" ||
               f == "van" || f == "von" || f == "der" || f == "den" || f == "bin" || f == "ibn" || f == "al" ||
               f == "el" || f == "la" || f == "le" || f == "y";
    }

    std::uint32_t name_end(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t start,
                           const std::vector<bool>& taken) const {
        auto k = start;
        auto next_capitalized = [&](std::uint32_t j) {
            return j < s.last && doc.tokens[j].has(kCapitalized) && doc.tokens[j].has(kWord) && !taken[j];
        };
        while (k < s.last && k - start < 7) {
            const auto& t = doc.tokens[k];
            if (taken[k]) break;
            const auto f = doc.ftext(k);
            if (t.has(kCapitalized) && t.has(kWord) && !t.has(kAllCaps)) {
                if (k == start && rules_.sentence_starters.count(std::string(f))) break;
                // an initial: "Donald J. Trump"
                if (t.end - t.begin == 1 && k + 2 < s.last && doc.ftext(k + 1) == "." && next_capitalized(k + 2)) {
                    k += 2;
                    continue;
                }
                ++k;
            } else if (t.has(kAllCaps) && t.has(kWord) && k > start && t.end - t.begin <= 3) {
                ++k;  // "Kim Jong IL"
            } else if (t.has(kDash) && k > start && doc.tokens[k - 1].end == t.begin && k + 1 < s.last &&
                       doc.tokens[k + 1].begin == t.end && doc.tokens[k + 1].has(kWord)) {
                k += 2;  // "Dae-jung", "el-Sisi"
            } else if (k > start && t.has(kWord) && particle(f) &&
                       (next_capitalized(k + 1) ||
                        (k + 2 < s.last && doc.tokens[k + 1].has(kDash) && next_capitalized(k + 2)))) {
                ++k;
            } else {
                break;
            }
        }
        // A name ends on a capitalized word, never on a particle or a dash.
        while (k > start && !(doc.tokens[k - 1].has(kCapitalized) || doc.tokens[k - 1].has(kWord))) --k;
        return k;
    }

    TokenTrie titles_;
    const SentenceRules& rules_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_persons(const Resources& r) { return std::make_unique<Persons>(r); }

}  // namespace dyad::extractors
