// Unknown names by shape: capitalized phrases with a head word ("... Agreement", "... War"),
// compounds of known names with a lowercase head ("the India-Pakistan war of 1971",
// "the US-Mexico border"), and population groups ("the Mexican diaspora", "Mexican Americans").
#include "extractors/name_shapes.h"

#include <algorithm>
#include <memory>
#include <set>

#include "core/lexicon.h"
#include "core/text.h"
#include "core/tsv.h"
#include "extractors/registry.h"

namespace dyad::extractors {
namespace {

std::string form_name(ShapeForm f) {
    switch (f) {
    case ShapeForm::Capitalized: return "capitalized";
    case ShapeForm::Compound: return "compound";
    case ShapeForm::Compound1: return "compound1";
    case ShapeForm::Group: return "group";
    case ShapeForm::GroupSuffix: return "group-suffix";
    case ShapeForm::Modifier: return "modifier";
    case ShapeForm::Descent: return "descent";
    case ShapeForm::After: return "after";
    case ShapeForm::AfterKeep: return "after-keep";
    case ShapeForm::Prefix: return "prefix";
    case ShapeForm::Before: return "before";
    }
    return "";
}

bool is_year(std::string_view f) {
    return f.size() == 4 && std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool roman_numeral(std::string_view f) {
    return !f.empty() && f.size() <= 4 &&
           std::all_of(f.begin(), f.end(), [](char c) { return c == 'i' || c == 'v' || c == 'x'; });
}

}  // namespace

HeadRules HeadRules::load(const std::filesystem::path& file) {
    HeadRules rules;
    TsvReader reader(file, {"head", "type", "form", "implies", "notes"});
    while (auto row = reader.next()) {
        HeadRule r;
        const auto type = parse_entity_type(row->at(1));
        if (!type) throw reader.error("unknown type '" + row->at(1) + "'");
        r.type = *type;
        bool known = false;
        for (auto f : {ShapeForm::Capitalized, ShapeForm::Compound, ShapeForm::Compound1, ShapeForm::Group,
                       ShapeForm::GroupSuffix, ShapeForm::Modifier, ShapeForm::Descent, ShapeForm::After,
                       ShapeForm::AfterKeep, ShapeForm::Prefix, ShapeForm::Before})
            if (form_name(f) == row->at(2)) {
                r.form = f;
                known = true;
            }
        if (!known)
            throw reader.error(
                "unknown form '" + row->at(2) +
                "'; expected capitalized, compound, compound1, group, group-suffix, modifier, descent, after, "
                "after-keep, prefix or before");
        if (!row->at(3).empty()) {
            r.implies = parse_predicate(row->at(3));
            if (!r.implies) throw reader.error("unknown predicate '" + row->at(3) + "'");
        }
        const auto word = fold(row->at(0));
        auto& forms = rules.rules_[word];
        // A later row for the same word and form replaces the earlier one.
        auto same = std::find_if(forms.begin(), forms.end(), [&](const HeadRule& x) { return x.form == r.form; });
        if (same != forms.end()) *same = r;
        else forms.push_back(r);
        if (word.size() < 64) rules.lengths_ |= std::uint64_t{1} << word.size();
    }
    return rules;
}

const HeadRule* HeadRules::find(ShapeForm form, std::string_view folded_word) const {
    // Most words are no head word of any length seen in the table: answered without hashing.
    if (folded_word.size() >= 64 || !((lengths_ >> folded_word.size()) & 1)) return nullptr;
    auto it = rules_.find(folded_word);
    if (it == rules_.end()) return nullptr;
    for (const auto& r : it->second)
        if (r.form == form) return &r;
    return nullptr;
}

namespace {

class NameShapes final : public EntityExtractor {
public:
    explicit NameShapes(const Resources& r)
        : heads_(HeadRules::load(r.knowledge.data_dir / "patterns" / "name_shapes.tsv")),
          rules_(r.knowledge.sentence_rules) {}

    void find_mentions(AnnotatedDocument& doc) const override {
        const auto known = doc.candidates.size();  // dictionary and pair mentions proposed so far
        Known k(doc.tokens.size());
        for (std::size_t c = 0; c < known; ++c) {
            const auto& m = doc.candidates[c];
            if (!m.lex || m.type == EntityType::Topic) continue;
            for (auto t = m.first; t < m.last; ++t) k.covered[t] = true;
            k.starts_known[m.first] = true;
            if (m.type == EntityType::Country) k.starts_country[m.first] = true;
            if (m.kind == MentionKind::Demonym && m.last == m.first + 1) k.demonym[m.first] = true;
            else if (m.type != EntityType::Country) k.known_end[m.first] = std::max(k.known_end[m.first], m.last);
        }
        for (const auto& s : doc.sentences) {
            capitalized_phrases(doc, s, k);
            listed_organizations(doc, s, k);
        }
        compounds(doc, known);
    }

private:
    // What the dictionary named before this stage, by token.
    struct Known {
        explicit Known(std::size_t n)
            : starts_known(n, false), starts_country(n, false), covered(n, false), demonym(n, false), known_end(n, 0) {}
        std::vector<bool> starts_known;        // a dictionary name starts here: an "and" never joins into it
        std::vector<bool> starts_country;      // a country name starts here
        std::vector<bool> covered;             // inside a dictionary name
        std::vector<bool> demonym;             // a one-word demonym
        std::vector<std::uint32_t> known_end;  // the end of the longest non-country name starting here
    };

    bool connector(std::string_view f) const {
        return f == "of" || f == "on" || f == "for" || f == "de" || f == "del" || f == "des" || f == "du" ||
               f == "la" || f == "-" || f == "&";
    }

    void propose(AnnotatedDocument& doc, std::uint32_t first, std::uint32_t last, EntityType type, std::string key,
                 float confidence) const {
        Mention m;
        m.first = first;
        m.last = last;
        m.span = doc.span(first, last);
        m.type = type;
        m.kind = MentionKind::Shape;
        m.name = clean_name(doc.text(m.span));
        m.key = std::move(key);
        if (m.key.empty()) m.key = entity_key(type, slug(m.name));
        m.extractor = "name_shapes";
        m.priority = 2;
        m.confidence = confidence;
        doc.candidates.push_back(std::move(m));
    }

    // "Warsaw-based", "Russian-backed", "state-run": the lowercase half ends an adjective, not a name.
    static bool participle(std::string_view f) {
        return (f.size() > 2 && f.substr(f.size() - 2) == "ed") || f == "run" || f == "born" || f == "made" ||
               f == "built" || f == "owned" || f == "led";
    }

    // The word before a possessive that stays inside a name: "People's", "Women's", "Workers'".
    static bool possessive_in_name(std::string_view f) {
        return f == "people" || f == "peoples" || f == "women" || f == "workers" || f == "children";
    }

    // "North American Free Trade Agreement", "Permanent Joint Board on Defense", "World War II".
    void capitalized_phrases(AnnotatedDocument& doc, const Sentence& s, const Known& known) const {
        const auto& starts_known = known.starts_known;
        const auto& starts_country = known.starts_country;
        std::uint32_t i = s.first;
        while (i < s.last) {
            const auto& t = doc.tokens[i];
            if (!t.has(kCapitalized)) {
                ++i;
                continue;
            }
            // Grow a run of capitalized words with connectors between them. "and" joins only
            // after a head word: "Treaty of Peace and Friendship", not "Mexico and Canada".
            std::uint32_t end = i + 1;
            const auto* first_head = heads_.find(ShapeForm::Capitalized, doc.ftext(i));
            bool head_seen = first_head != nullptr;
            bool complement = false;  // a head followed by of/on/for: "Declaration on the Conduct of ..."
            bool treaty_head =
                first_head && (first_head->type == EntityType::Agreement || first_head->type == EntityType::Initiative);
            bool between = false;  // "Agreement between X and Y": only a title that opens with its head
            if (!treaty_head && i + 1 < s.last && rules_.sentence_starters.count(std::string(doc.ftext(i)))) {
                const auto* r = heads_.find(ShapeForm::Capitalized, doc.ftext(i + 1));
                treaty_head = r && (r->type == EntityType::Agreement || r->type == EntityType::Initiative);
            }
            const bool title_opens_with_head = treaty_head;
            while (end < s.last && end - i < 20) {
                const auto& n = doc.tokens[end];
                const auto f = doc.ftext(n);
                if (n.has(kCapitalized) && heads_.find(ShapeForm::Capitalized, f)) {
                    head_seen = true;
                    const auto type = heads_.find(ShapeForm::Capitalized, f)->type;
                    treaty_head = type == EntityType::Agreement || type == EntityType::Initiative;
                }
                if (head_seen && (f == "of" || f == "on" || f == "for")) complement = true;
                // "Agreement between Australia and the Republic of Indonesia on ...": a treaty's
                // parties belong to its formal name
                if (title_opens_with_head && treaty_head && end + 1 < s.last &&
                    (doc.tokens[end + 1].has(kCapitalized) || doc.ftext(end + 1) == "the") &&
                    (f == "between" || (between && f == "and"))) {
                    between = between || f == "between";
                    complement = true;
                    ++end;
                    continue;
                }
                // In a complement, "the" and "in" join too: "... of Parties in the South China Sea",
                // but not a date or the place where it happened ("... in Asmara in July 2018").
                if (f == "in" && end + 1 < s.last && (is_month(doc.ftext(end + 1)) || starts_country[end + 1])) break;
                // ... nor a day: "the Council of the European Union on Monday"
                if ((f == "on" || f == "in") && end + 1 < s.last && is_weekday(doc.ftext(end + 1))) break;
                if (complement && (f == "the" || f == "in") && end + 1 < s.last &&
                    (doc.tokens[end + 1].has(kCapitalized) || doc.ftext(end + 1) == "the")) {
                    ++end;
                    continue;
                }
                // ... and a list: "Treaty of Friendship, Good Neighbourliness and Cooperation"
                if (complement && f == ",") {
                    const auto list_end = list_in_name(doc, s, end + 1, starts_known);
                    if (list_end > end + 1) {
                        end = list_end;
                        continue;
                    }
                    break;
                }
                // ... but never into a known name: "the Union of India and Pakistan". Before the head
                // only when one word and the head follow: "United Nations Relief and Works Agency",
                // "Mesoamerica Integration and Development Project".
                if (f == "and" && (head_seen || (!known.covered[end - 1] && head_ahead(doc, s, end + 1))) &&
                    end + 1 < s.last && doc.tokens[end + 1].has(kCapitalized) && !starts_known[end + 1] &&
                    !rules_.sentence_starters.count(std::string(doc.ftext(end + 1)))) {
                    ++end;
                    continue;
                }
                // "Côte d'Ivoire-Ghana Cocoa Initiative": "d'" or "l'" before a capitalized word
                if ((f == "d" || f == "l") && end + 2 < s.last && doc.ftext(end + 1) == "'" &&
                    n.end == doc.tokens[end + 1].begin && doc.tokens[end + 1].end == doc.tokens[end + 2].begin &&
                    doc.tokens[end + 2].has(kCapitalized)) {
                    end += 2;
                    continue;
                }
                // "Yugoslav People's Army", "Women's Union": a possessive inside a name.
                if (f == "'" && end + 2 < s.last && doc.ftext(end + 1) == "s" &&
                    doc.tokens[end + 2].has(kCapitalized) && possessive_in_name(doc.ftext(end - 1))) {
                    end += 2;
                    continue;
                }
                if (n.has(kCapitalized) &&
                    !(end > i && rules_.sentence_starters.count(std::string(f)) && !doc.tokens[end - 1].has(kDash))) {
                    ++end;
                } else if ((roman_numeral(f) && n.has(kAllCaps)) || (n.has(kNumber) && is_year(f))) {
                    ++end;
                } else if (n.has(kDash) && end + 2 < s.last && n.end == doc.tokens[end + 1].begin &&
                           doc.tokens[end - 1].end == n.begin && !doc.tokens[end + 1].has(kCapitalized) &&
                           doc.tokens[end + 1].has(kWord) && !participle(doc.ftext(end + 1)) &&
                           doc.tokens[end + 2].has(kCapitalized) && doc.tokens[end + 2].has(kWord)) {
                    end += 2;  // "Association of Serb-majority Municipalities": a lowercase half inside a name
                } else if (n.has(kDash) && end + 1 < s.last && n.end == doc.tokens[end + 1].begin &&
                           doc.tokens[end - 1].end == n.begin) {
                    // "Mexican-American", "Dae-jung": hyphen inside a word; "Economic Co-operation": a
                    // lowercase half after a capitalized one (not "Russian-backed", "Russian-speaking")
                    const auto half = doc.ftext(end + 1);
                    const bool lower_half = !doc.tokens[end + 1].has(kCapitalized) && doc.tokens[end + 1].has(kWord) &&
                                            doc.tokens[end - 1].has(kCapitalized) && !participle(half) &&
                                            !half.ends_with("ing");
                    end += lower_half ? 2 : 1;
                } else if (connector(f) && end + 1 < s.last &&
                           (doc.tokens[end + 1].has(kCapitalized) || (complement && doc.ftext(end + 1) == "the"))) {
                    ++end;
                } else {
                    break;
                }
            }
            // Trim a leading sentence opener ("The", "In") and trailing connectors.
            std::uint32_t first = i;
            while (first < end && rules_.sentence_starters.count(std::string(doc.ftext(first)))) ++first;
            // ("the Agreement on Commerce between the two countries": "between" with no party after it)
            while (end > first &&
                   (connector(doc.ftext(end - 1)) || doc.tokens[end - 1].has(kDash) || doc.ftext(end - 1) == "the" ||
                    doc.ftext(end - 1) == "in" || doc.ftext(end - 1) == "between" || doc.ftext(end - 1) == "and"))
                --end;
            // "the Far North Region of Cameroon": a place head after other words ends the name
            // before "of <country>"; the place lies in that country. ("Gulf of Guinea" starts with
            // its head and keeps it.)
            // Not inside a name with an earlier head ("Declaration on ... the Gulf of Thailand").
            for (auto k = first; k + 2 < end; ++k) {
                const auto* r =
                    doc.tokens[k].has(kCapitalized) ? heads_.find(ShapeForm::Capitalized, doc.ftext(k)) : nullptr;
                if (!r) continue;
                if (r->type == EntityType::Place && k > first && doc.ftext(k + 1) == "of" && starts_country[k + 2])
                    end = k + 1;
                // "the Tishrin Dam on the Euphrates": where a place lies is not part of its name
                if (r->type == EntityType::Place && k > first && (doc.ftext(k + 1) == "on" || doc.ftext(k + 1) == "in"))
                    end = k + 1;
                break;
            }
            // "the Russian Wagner Group": a demonym before a dictionary name is not part of a new name
            if (end - first >= 3 && known.demonym[first] && known.known_end[first + 1] == end) {
                i = end;
                continue;
            }
            // "the Andean Highway project": a project word after the name makes it the project,
            // whatever its own head says
            const bool project =
                end < s.last && initiative_after(doc.ftext(end)) && lowercase_head(doc, s, first, end, known.covered);
            if (!project && !(end - first >= 2 && classify_run(doc, first, end)) &&
                !based(doc, s, first, end, known.covered) && !appositive(doc, s, first, end, known.covered) &&
                !noun_before(doc, s, first, end, known.covered))
                lowercase_head(doc, s, first, end, known.covered);
            i = std::max(end, i + 1);
        }
    }

    // One capitalized word, then a capitalized head that is not a place's: "Works Agency", "Development
    // Project" (not "Namanga and Athi River", "Nippon Steel and Mitsubishi Heavy Industries").
    bool head_ahead(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t from) const {
        if (from + 1 >= s.last) return false;
        const auto& word = doc.tokens[from];
        const auto& next = doc.tokens[from + 1];
        if (!word.has(kCapitalized) || !word.has(kWord) || !next.has(kCapitalized)) return false;
        if (heads_.find(ShapeForm::Capitalized, doc.ftext(from))) return false;
        const auto* r = heads_.find(ShapeForm::Capitalized, doc.ftext(from + 1));
        return r && r->type != EntityType::Place;
    }

    // After the comma in a name's complement: capitalized words, "and", capitalized words
    // ("Good Neighbourliness and Cooperation"); the end of that list, or `from` when there is none.
    // A known name in it ("the Treaty of Rome, France and Italy") means it is not part of the name.
    std::uint32_t list_in_name(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t from,
                               const std::vector<bool>& starts_known) const {
        auto j = from;
        bool and_seen = false, done = false;
        while (j < s.last && j - from < 10) {
            if (starts_known[j]) return from;
            const auto g = doc.ftext(j);
            const bool next_capitalized = j + 1 < s.last && doc.tokens[j + 1].has(kCapitalized);
            if (doc.tokens[j].has(kCapitalized) && doc.tokens[j].has(kWord)) {
                done = and_seen;
                ++j;
            } else if (g == "and" && !and_seen && j > from && next_capitalized) {
                and_seen = true;
                ++j;
            } else if ((connector(g) || g == "in" || g == "the") && j > from && next_capitalized) {
                ++j;
            } else {
                break;
            }
        }
        return done ? j : from;
    }

    // Some capitalized word of [first, end) is in no dictionary name.
    static bool unknown_word(const AnnotatedDocument& doc, std::uint32_t first, std::uint32_t end,
                             const std::vector<bool>& covered) {
        for (auto k = first; k < end; ++k)
            if (!covered[k] && doc.tokens[k].has(kCapitalized)) return true;
        return false;
    }

    // "the Warsaw-based Nexta channel", "the Doha-based Al Jazeera": a name no dictionary knows
    // after "<Place>-based" is an organization.
    bool based(AnnotatedDocument& doc, const Sentence& s, std::uint32_t first, std::uint32_t end,
               const std::vector<bool>& covered) const {
        if (end <= first || first < s.first + 3 || doc.ftext(first - 1) != "based" ||
            !doc.tokens[first - 2].has(kDash) || doc.tokens[first - 2].end != doc.tokens[first - 1].begin ||
            !doc.tokens[first - 3].has(kCapitalized) || !unknown_word(doc, first, end, covered))
            return false;
        propose(doc, first, end, EntityType::Organization, "", 0.7f);
        return true;
    }

    // "companies such as Odebrecht", "Finnish companies including Fortum, Nokian Tyres and ...": the
    // names listed after a plural organization noun are organizations (names no dictionary knows).
    void listed_organizations(AnnotatedDocument& doc, const Sentence& s, const Known& known) const {
        static const std::set<std::string_view> nouns = {
            "companies", "firms",   "groups",    "organizations", "organisations", "parties", "militias",
            "banks",     "lenders", "operators", "producers",     "airlines",      "agencies"};
        for (auto i = s.first; i + 2 < s.last; ++i) {
            // (the word after the noun first: it rules out nearly every token without a lookup)
            const auto next = doc.ftext(i + 1);
            if ((next != "," && next != "including" && next != "such") || !nouns.count(doc.ftext(i))) continue;
            auto k = i + 1;
            if (doc.ftext(k) == ",") ++k;
            if (k < s.last && doc.ftext(k) == "including") ++k;
            else if (k + 1 < s.last && doc.ftext(k) == "such" && doc.ftext(k + 1) == "as") k += 2;
            else continue;
            while (k < s.last) {
                if (doc.ftext(k) == "the") ++k;
                auto end = k;
                while (end < s.last && end - k < 4 && doc.tokens[end].has(kCapitalized) && doc.tokens[end].has(kWord))
                    ++end;
                if (end == k) break;
                if (unknown_word(doc, k, end, known.covered) && !known.starts_known[k])
                    propose(doc, k, end, EntityType::Organization, "", 0.7f);
                if (end < s.last && doc.ftext(end) == ",") ++end;
                if (end < s.last && doc.ftext(end) == "and") ++end;
                if (end == k || end >= s.last || !(doc.tokens[end].has(kCapitalized) || doc.ftext(end) == "the")) break;
                k = end;
            }
        }
    }

    // "the state news agency Petra", "the newspaper Haaretz": a lowercase noun right before a name
    // no dictionary knows (not a month or a day: "the company Monday").
    bool noun_before(AnnotatedDocument& doc, const Sentence& s, std::uint32_t first, std::uint32_t end,
                     const std::vector<bool>& covered) const {
        if (end <= first || first == s.first || doc.tokens[first - 1].has(kCapitalized) || is_month(doc.ftext(first)) ||
            is_weekday(doc.ftext(first)) || !unknown_word(doc, first, end, covered))
            return false;
        const auto* r = heads_.find(ShapeForm::Before, doc.ftext(first - 1));
        if (!r) return false;
        propose(doc, first, end, r->type, "", 0.7f);
        return true;
    }

    // "the East Shield, a 10-billion-zloty programme of fortifications": a name no dictionary
    // knows, then a comma and "a"/"an" before an initiative head within eight words.
    bool appositive(AnnotatedDocument& doc, const Sentence& s, std::uint32_t first, std::uint32_t end,
                    const std::vector<bool>& covered) const {
        if (end <= first || end + 2 >= s.last || doc.ftext(end) != "," ||
            (doc.ftext(end + 1) != "a" && doc.ftext(end + 1) != "an") || (first == s.first && end - first < 2) ||
            !unknown_word(doc, first, end, covered))
            return false;
        for (auto k = end + 2; k < s.last && k <= end + 9; ++k) {
            const auto f = doc.ftext(k);
            if (f == "," || f == "." || f == ";") return false;
            const auto* r = heads_.find(ShapeForm::After, f);
            if (!r) r = heads_.find(ShapeForm::AfterKeep, f);
            if (r && r->type == EntityType::Initiative) {
                propose(doc, first, end, EntityType::Initiative, "", 0.7f);
                return true;
            }
        }
        return false;
    }

    // A lowercase head after a name that makes it an initiative: "project", "programme".
    bool initiative_after(std::string_view f) const {
        const auto* r = heads_.find(ShapeForm::AfterKeep, f);
        if (!r) r = heads_.find(ShapeForm::After, f);
        return r && r->type == EntityType::Initiative;
    }

    // A capitalized name that no dictionary knows, then a lowercase head: "the Central Asia Regional
    // Economic Cooperation programme", "the Charana talks". Not a known name alone ("the United
    // States programme"), not one word opening the sentence. True when it proposed a name.
    bool lowercase_head(AnnotatedDocument& doc, const Sentence& s, std::uint32_t first, std::uint32_t end,
                        const std::vector<bool>& covered) const {
        if (end <= first || end >= s.last || doc.tokens[end].has(kCapitalized)) return false;
        if (first == s.first && end - first < 2) return false;
        if (!unknown_word(doc, first, end, covered)) return false;
        auto head_at = end;
        // one modifier may stand before the head: "the Zapad-2025 military exercises"
        if (head_at + 1 < s.last && heads_.find(ShapeForm::Modifier, doc.ftext(head_at)) &&
            !doc.tokens[head_at + 1].has(kCapitalized))
            ++head_at;
        const auto head = doc.ftext(head_at);
        if (const auto* r = heads_.find(ShapeForm::AfterKeep, head)) {
            propose(doc, first, head_at + 1, r->type, "", 0.7f);
            return true;
        }
        if (const auto* r2 = heads_.find(ShapeForm::After, head)) {
            propose(doc, first, end, r2->type, "", 0.7f);
            return true;
        }
        return false;
    }

    // "(AFC)" right after [first, end), and its letters are the initials of the run's words.
    static bool initials_follow(const AnnotatedDocument& doc, std::uint32_t first, std::uint32_t end) {
        if (end + 2 >= doc.tokens.size() || doc.ftext(end) != "(" || doc.ftext(end + 2) != ")" ||
            !doc.tokens[end + 1].has(kAllCaps))
            return false;
        std::string initials;
        for (auto k = first; k < end; ++k)
            if (doc.tokens[k].has(kCapitalized) && doc.tokens[k].has(kWord)) initials += doc.ftext(k).front();
        return initials == doc.ftext(end + 1);
    }

    // "Operation Storm": a prefix head, then capitalized words only (no "of", no known name)
    bool prefixed(AnnotatedDocument& doc, std::uint32_t first, std::uint32_t end) const {
        const auto* prefix = heads_.find(ShapeForm::Prefix, doc.ftext(first));
        if (!prefix || end - first > 4) return false;
        for (auto k = first + 1; k < end; ++k)
            if (!doc.tokens[k].has(kCapitalized) || !doc.tokens[k].has(kWord)) return false;
        propose(doc, first, end, prefix->type, "", 0.75f);
        return true;
    }

    bool classify_run(AnnotatedDocument& doc, std::uint32_t first, std::uint32_t end) const {
        const HeadRule* rule = nullptr;
        std::uint32_t head_at = 0;
        bool complement = false;
        for (auto k = first; k < end; ++k) {
            const auto f = doc.ftext(k);
            if (f == "of" || f == "on" || f == "for") {
                if (rule) {
                    complement = true;
                    break;
                }
                continue;
            }
            if (const auto* r = heads_.find(ShapeForm::Capitalized, f); r && doc.tokens[k].has(kCapitalized)) {
                rule = r;
                head_at = k;
            }
        }
        if (!rule) return prefixed(doc, first, end);
        // A bare head ("The Agreement") is not a name; it needs a modifier or a complement (or it is
        // a prefix head: "Project Prosperity").
        if (head_at == first && !complement) {
            // "Alliance Fleuve Congo (AFC)": a head-first name that its bracketed initials confirm
            if (!prefixed(doc, first, end) && end - first >= 2 && initials_follow(doc, first, end))
                propose(doc, first, end, rule->type, "", 0.75f);
            return true;
        }
        propose(doc, first, end, rule->type, "", 0.8f);
        return true;
    }

    // Words before "of <demonym> descent" that name no people: "is of Palestinian origin", "herself of
    // Polish descent".
    static bool not_people(std::string_view f) {
        static const std::set<std::string_view> words = {
            "is",     "are",        "was",    "were",      "be",  "been", "being", "herself", "himself",
            "itself", "themselves", "myself", "ourselves", "all", "half", "most",  "many",    "some"};
        return words.count(f) > 0;
    }

    // A capitalized plural demonym at token i after a count ("1,500", "1.2 million", "thousands
    // of") or after "ethnic".
    // (The demonym is [i, end): "New Zealanders" has two words.)
    static bool counted_people(const AnnotatedDocument& doc, const Sentence& s, std::uint32_t i, std::uint32_t end) {
        const auto word = doc.ftext(end - 1);
        if (word.size() <= 3 || word.back() != 's' || !doc.tokens[end - 1].has(kCapitalized) || i == s.first)
            return false;
        const auto before = doc.ftext(i - 1);
        if (before == "ethnic" || doc.tokens[i - 1].has(kNumber)) return true;
        static const std::set<std::string_view> counts = {"hundred", "thousand", "million"};
        static const std::set<std::string_view> many = {"hundreds", "thousands", "millions", "dozens", "tens"};
        if (counts.count(before) > 0 || before == "many") return true;
        return before == "of" && i >= s.first + 2 && many.count(doc.ftext(i - 2)) > 0;
    }

    // Compounds of known names: "India-Pakistan war of 1971", "US-Mexico border",
    // "Kashmir conflict", "Mexican diaspora", "Mexican-Americans", "Karabakh Armenians".
    void compounds(AnnotatedDocument& doc, std::size_t known) const {
        // The longest dictionary candidate starting at each token.
        std::vector<std::int32_t> at(doc.tokens.size(), -1);
        for (std::size_t c = 0; c < known; ++c) {
            const auto& m = doc.candidates[c];
            if (m.kind == MentionKind::PairReference) continue;
            // An organization only names events: "African Union summits", "ASEAN-China summit".
            if (m.type != EntityType::Country && m.type != EntityType::Place && m.type != EntityType::Organization)
                continue;
            auto& slot = at[m.first];
            if (slot < 0 || doc.candidates[static_cast<std::size_t>(slot)].last < m.last)
                slot = static_cast<std::int32_t>(c);
        }
        for (const auto& s : doc.sentences) {
            for (auto i = s.first; i < s.last; ++i) {
                if (at[i] < 0) continue;
                std::vector<std::size_t> parts{static_cast<std::size_t>(at[i])};
                std::uint32_t end = doc.candidates[parts.back()].last;
                while (end + 1 < s.last && doc.tokens[end].has(kDash) && at[end + 1] >= 0) {
                    parts.push_back(static_cast<std::size_t>(at[end + 1]));
                    end = doc.candidates[parts.back()].last;
                }
                if (end >= s.last) continue;
                // "the Greek-Turkish land border": a modifier may stand before a compound's head
                auto head_at = end;
                if (head_at + 1 < s.last && heads_.find(ShapeForm::Modifier, doc.ftext(head_at)) &&
                    !doc.tokens[head_at].has(kCapitalized))
                    ++head_at;
                const auto head = doc.ftext(end);
                const auto compound_head = doc.ftext(head_at);
                const auto& first_part = doc.candidates[parts.front()];
                const bool demonyms = first_part.kind == MentionKind::Demonym;
                // Groups: "Mexican diaspora", "Mexican-American population", "Mexican Americans".
                if (demonyms) {
                    // "ethnic Uzbeks", "more than 1,500 Colombians", "millions of Germans": a people's
                    // plural demonym that is counted (or called ethnic) is a population group
                    if (parts.size() == 1 && counted_people(doc, s, i, end)) {
                        if (doc.ftext(i - 1) == "ethnic") {
                            propose(doc, i - 1, end, EntityType::Group, "", 0.75f);
                        } else {
                            // The group takes the word; the demonym stays a candidate (empty, so
                            // never chosen) that names the group's origin for name_parties.
                            auto& people = doc.candidates[parts.front()];
                            people.last = people.first;
                            propose(doc, i, end, EntityType::Group, "", 0.75f);
                        }
                        continue;
                    }
                    // "people of Polish descent", "citizens of Turkish origin"
                    if (parts.size() == 1 && heads_.find(ShapeForm::Descent, head) && i >= s.first + 2 &&
                        doc.ftext(i - 1) == "of" && doc.tokens[i - 2].has(kWord) &&
                        !doc.tokens[i - 2].has(kCapitalized) && !not_people(doc.ftext(i - 2))) {
                        propose(doc, i - 2, end + 1, EntityType::Group, "", 0.8f);
                        continue;
                    }
                    if (const auto* r = heads_.find(ShapeForm::Group, head)) {
                        propose(doc, i, end + 1, r->type, "", 0.8f);
                        continue;
                    }
                    if (parts.size() == 1 && heads_.find(ShapeForm::GroupSuffix, head) &&
                        doc.tokens[end].has(kCapitalized)) {
                        propose(doc, i, end + 1, EntityType::Group, "", 0.8f);
                        continue;
                    }
                    // "ethnic Albanian mayors": an ethnic adjective names neither the country nor a group
                    // (the demonym stays an empty candidate, never chosen); "the ethnic Chinese minority"
                    // is a group above
                    if (parts.size() == 1 && i > s.first && doc.ftext(i - 1) == "ethnic" &&
                        doc.ftext(end - 1).back() != 's') {
                        doc.candidates[parts.front()].last = doc.candidates[parts.front()].first;
                        continue;
                    }
                    if (parts.size() == 2 && heads_.find(ShapeForm::GroupSuffix, doc.ftext(end - 1))) {
                        // "Mexican-Americans": the suffix is itself the second demonym
                        const HeadRule* r = heads_.find(ShapeForm::Group, head);
                        if (!r) propose(doc, i, end, EntityType::Group, "", 0.7f);
                    }
                }
                // "Karabakh Armenians", "Kosovo Serbs": a place (or another country) and a people's plural
                // demonym make a group
                if (!demonyms && parts.size() == 1 && at[end] >= 0 && first_part.type != EntityType::Organization) {
                    const auto& people = doc.candidates[static_cast<std::size_t>(at[end])];
                    // "Kosovo Serbs": a country with another country's people ("Turkey Turks" is no group)
                    const auto word = doc.ftext(end);
                    if (people.kind == MentionKind::Demonym && people.last == end + 1 && word.size() > 3 &&
                        people.key != first_part.key && word.back() == 's' && doc.tokens[end].has(kCapitalized)) {
                        propose(doc, i, end + 1, EntityType::Group, "", 0.7f);
                        continue;
                    }
                }
                if (doc.tokens[end].has(kCapitalized)) continue;  // a capitalized head is a name above
                // "the German invasion of Poland": a demonym, an event head and "of <country>" name an
                // event (both countries took part in it)
                if (parts.size() == 1 && demonyms && end + 2 < s.last && doc.ftext(end + 1) == "of" &&
                    at[end + 2] >= 0 &&
                    doc.candidates[static_cast<std::size_t>(at[end + 2])].type == EntityType::Country &&
                    doc.candidates[static_cast<std::size_t>(at[end + 2])].kind == MentionKind::Name) {
                    const auto* r = heads_.find(ShapeForm::Compound1, head);
                    if (r && r->type == EntityType::Event) {
                        propose(doc, i, doc.candidates[static_cast<std::size_t>(at[end + 2])].last, r->type, "", 0.75f);
                        continue;
                    }
                }
                // "a Mexican agreement" is not a name, but "the Belarusian presidential election" is:
                // a lone demonym opens an event name only with an Event modifier before the head
                if (parts.size() == 1 && demonyms) {
                    const auto* modifier = head_at > end ? heads_.find(ShapeForm::Modifier, head) : nullptr;
                    const auto* event = heads_.find(ShapeForm::Compound1, compound_head);
                    if (modifier && modifier->type == EntityType::Event && event && event->type == EntityType::Event)
                        propose(doc, i, head_at + 1, EntityType::Event, "", 0.75f);
                    continue;
                }
                const HeadRule* rule =
                    heads_.find(parts.size() >= 2 ? ShapeForm::Compound : ShapeForm::Compound1, compound_head);
                if (!rule && parts.size() >= 2) rule = heads_.find(ShapeForm::Compound1, compound_head);
                if (!rule) continue;
                const bool organization = std::any_of(parts.begin(), parts.end(), [&](std::size_t p) {
                    return doc.candidates[p].type == EntityType::Organization;
                });
                // ... and agreements between two bodies or more: "the Mercosur-European Union trade agreement"
                if (organization && rule->type != EntityType::Event &&
                    !(rule->type == EntityType::Agreement && parts.size() >= 2))
                    continue;
                std::uint32_t last = head_at + 1;
                // "the India-Pakistan war of 1971" is named by its year; "the Tigray war of
                // 2020-2022" only dated by a range
                // (a war only: "the Arica talks of 1975" are the Arica talks)
                if (rule->implies == Predicate::AtWarWith && last + 1 < s.last && doc.ftext(last) == "of" &&
                    is_year(doc.ftext(last + 1)) &&
                    !(last + 3 < s.last && doc.tokens[last + 2].has(kDash) && is_year(doc.ftext(last + 3))))
                    last += 2;
                if (parts.size() == 1) {  // "Bucharest summit", "Kashmir conflict": keyed by its own name
                    propose(doc, i, last, rule->type, "", 0.8f);
                    continue;
                }
                // The key ignores the order of the parts: "US-Mexico border" = "Mexico-US border".
                std::vector<std::string> slugs;
                for (auto p : parts) {
                    const auto& k = doc.candidates[p].key;
                    slugs.push_back(k.substr(k.find('/') + 1));
                }
                std::sort(slugs.begin(), slugs.end());
                std::string key_slug;
                for (const auto& sl : slugs) key_slug += sl + "-";
                key_slug += slug(doc.text(doc.span(end, last)));
                propose(doc, i, last, rule->type, entity_key(rule->type, key_slug), 0.8f);
            }
        }
    }

    HeadRules heads_;
    const SentenceRules& rules_;
};

}  // namespace

std::unique_ptr<EntityExtractor> make_name_shapes(const Resources& r) { return std::make_unique<NameShapes>(r); }

}  // namespace dyad::extractors
