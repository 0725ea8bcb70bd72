// Tokenizer, folding and sentence splitting: one pass over the bytes, no regular expressions.
#include "core/text.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

#include "core/error.h"
#include "core/tsv.h"

namespace dyad {
namespace {

enum class CharClass { Space, Letter, Digit, Dash, Apostrophe, Ignorable, Punct };

struct Decoded {
    std::int32_t cp = 0;
    std::uint32_t len = 1;
    bool valid = true;
};

Decoded decode(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) return {c, 1, true};
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                    static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) return {0xFFFD, 1, false};
    return {cp, static_cast<std::uint32_t>(n), true};
}

CharClass classify(std::int32_t cp, bool valid) {
    if (!valid) return CharClass::Punct;
    if (cp < 0x80) {
        const auto c = static_cast<char>(cp);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return CharClass::Space;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::Letter;
        if (c >= '0' && c <= '9') return CharClass::Digit;
        if (c == '-') return CharClass::Dash;
        if (c == '\'') return CharClass::Apostrophe;
        if (cp < 0x20 || cp == 0x7f) return CharClass::Space;
        return CharClass::Punct;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) return CharClass::Apostrophe;
    if (cp == 0x2212 || cp == 0x00AD) return cp == 0x00AD ? CharClass::Ignorable : CharClass::Dash;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: return CharClass::Letter;
    case UTF8PROC_CATEGORY_ND: return CharClass::Digit;
    case UTF8PROC_CATEGORY_PD: return CharClass::Dash;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: return CharClass::Space;
    case UTF8PROC_CATEGORY_CF: return CharClass::Ignorable;
    default: return CharClass::Punct;
    }
}

// classify() of every ASCII character, computed once.
const std::array<CharClass, 128> kAsciiClass = [] {
    std::array<CharClass, 128> table{};
    for (std::int32_t c = 0; c < 128; ++c) table[static_cast<std::size_t>(c)] = classify(c, true);
    return table;
}();

bool is_upper(std::int32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

// Appends the folded form of one letter or digit: case-folded, accents stripped.
void append_folded(std::int32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        return;
    }
    utf8proc_int32_t buf[8];
    int last_boundclass = 0;
    const auto n = utf8proc_decompose_char(
        cp, buf, 8,
        static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT),
        &last_boundclass);
    if (n <= 0 || n > 8) return;
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
        utf8proc_uint8_t enc[4];
        const auto len = utf8proc_encode_char(buf[k], enc);
        out.append(reinterpret_cast<const char*>(enc), static_cast<std::size_t>(len));
    }
}

// "U.S.", "U.S.A.", "D.C.": single letters each followed by a period, at least two of them.
std::size_t dotted_length(std::string_view text, std::size_t i) {
    std::size_t j = i, letters = 0;
    while (j + 1 < text.size()) {
        const auto c = text[j];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter || text[j + 1] != '.') break;
        ++letters;
        j += 2;
    }
    if (letters < 2) return 0;
    // The abbreviation must not run into another letter ("U.S.based" is odd but "e.g.x" is not one).
    if (j < text.size()) {
        const auto c = text[j];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 0;
    }
    return j - i;
}

}  // namespace

void tokenize(std::string_view text, std::string& folded, std::vector<Token>& tokens) {
    folded.clear();
    tokens.clear();
    folded.reserve(text.size());
    tokens.reserve(text.size() / 4 + 1);
    std::size_t i = 0;
    // A UTF-8 byte order mark is not text.
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < text.size()) {
        // ASCII (nearly every byte of English text) is classified by table, without utf8proc.
        const auto c0 = static_cast<unsigned char>(text[i]);
        const auto d = c0 < 0x80 ? Decoded{c0, 1, true} : decode(text, i);
        const auto cls = c0 < 0x80 ? kAsciiClass[c0] : classify(d.cp, d.valid);
        if (cls == CharClass::Space || cls == CharClass::Ignorable) {
            i += d.len;
            continue;
        }
        Token t;
        t.begin = static_cast<std::uint32_t>(i);
        t.fbegin = static_cast<std::uint32_t>(folded.size());
        if (cls == CharClass::Letter || cls == CharClass::Digit) {
            if (cls == CharClass::Letter) {
                if (const auto n = dotted_length(text, i)) {
                    bool upper = true;
                    for (std::size_t k = i; k < i + n; k += 2) {
                        upper = upper && is_upper(static_cast<unsigned char>(text[k]));
                        append_folded(static_cast<unsigned char>(text[k]), folded);
                    }
                    t.end = static_cast<std::uint32_t>(i + n);
                    t.fend = static_cast<std::uint32_t>(folded.size());
                    t.flags = kWord | kDotted | (upper ? kAllCaps | kCapitalized : 0);
                    tokens.push_back(t);
                    i += n;
                    continue;
                }
            }
            const bool number = cls == CharClass::Digit;
            std::size_t letters = 0, uppers = 0;
            bool first_upper = false;
            bool first = true;
            std::size_t j = i;
            while (j < text.size()) {
                const auto cj0 = static_cast<unsigned char>(text[j]);
                if (cj0 < 0x80) {
                    // ASCII fast path: the same decisions as below, without decoding or utf8proc.
                    const auto ac = kAsciiClass[cj0];
                    if (ac == CharClass::Letter || ac == CharClass::Digit) {
                        // A run of ASCII letters and digits, folded in one go.
                        auto r = j + 1;
                        while (r < text.size()) {
                            const auto cr = static_cast<unsigned char>(text[r]);
                            if (cr >= 0x80 ||
                                (kAsciiClass[cr] != CharClass::Letter && kAsciiClass[cr] != CharClass::Digit))
                                break;
                            ++r;
                        }
                        const auto at = folded.size();
                        folded.resize(at + (r - j));
                        char* out = folded.data() + at;
                        for (auto k = j; k < r; ++k) {
                            auto c = static_cast<unsigned char>(text[k]);
                            if (kAsciiClass[c] == CharClass::Letter) {
                                ++letters;
                                if (c >= 'A' && c <= 'Z') {
                                    ++uppers;
                                    if (first) first_upper = true;
                                    c = static_cast<unsigned char>(c + 32);
                                }
                            }
                            first = false;
                            *out++ = static_cast<char>(c);
                        }
                        j = r;
                        continue;
                    }
                    if (number && (cj0 == ',' || cj0 == '.') && j + 1 < text.size() && text[j + 1] >= '0' &&
                        text[j + 1] <= '9') {
                        folded.push_back(static_cast<char>(cj0));
                        ++j;
                        continue;
                    }
                    break;  // no ASCII character is ignorable
                }
                const auto dj = decode(text, j);
                const auto cj = classify(dj.cp, dj.valid);
                if (cj == CharClass::Letter || cj == CharClass::Digit) {
                    // Combining marks are part of a letter, not letters of their own.
                    if (cj == CharClass::Letter &&
                        (dj.cp < 0x80 || !(utf8proc_category(dj.cp) == UTF8PROC_CATEGORY_MN ||
                                           utf8proc_category(dj.cp) == UTF8PROC_CATEGORY_MC))) {
                        ++letters;
                        if (is_upper(dj.cp)) {
                            ++uppers;
                            if (first) first_upper = true;
                        }
                    }
                    first = false;
                    append_folded(dj.cp, folded);
                    j += dj.len;
                } else if (cj == CharClass::Ignorable) {
                    j += dj.len;
                } else if (number && (text[j] == ',' || text[j] == '.') && j + 1 < text.size() && text[j + 1] >= '0' &&
                           text[j + 1] <= '9') {
                    folded.push_back(text[j]);  // "2,000", "1.8": kept in the folded form, parsed later
                    ++j;
                } else {
                    break;
                }
            }
            t.end = static_cast<std::uint32_t>(j);
            t.fend = static_cast<std::uint32_t>(folded.size());
            t.flags = number ? kNumber : kWord;
            if (first_upper) t.flags |= kCapitalized;
            if (letters >= 2 && uppers == letters) t.flags |= kAllCaps;
            tokens.push_back(t);
            i = j;
            continue;
        }
        t.end = static_cast<std::uint32_t>(i + d.len);
        if (cls == CharClass::Dash) {
            folded.push_back('-');
            t.flags = kPunct | kDash;
        } else if (cls == CharClass::Apostrophe) {
            folded.push_back('\'');
            t.flags = kPunct;
        } else if (d.valid) {
            if (d.cp == 0x201C || d.cp == 0x201D || d.cp == 0x00AB || d.cp == 0x00BB) folded.push_back('"');
            else folded.append(text.substr(i, d.len));
            t.flags = kPunct;
        } else {
            folded.push_back('?');  // an invalid byte: a placeholder that matches nothing
            t.flags = kPunct;
        }
        t.fend = static_cast<std::uint32_t>(folded.size());
        tokens.push_back(t);
        i += d.len;
    }
}

std::uint64_t token_hash(std::string_view folded_token) {
    return XXH3_64bits(folded_token.data(), folded_token.size());
}

namespace {

std::string_view ftext(std::string_view folded, const Token& t) { return folded.substr(t.fbegin, t.fend - t.fbegin); }

std::size_t newlines_between(std::string_view text, std::uint32_t a, std::uint32_t b) {
    std::size_t n = 0;
    for (auto k = a; k < b; ++k) {
        if (text[k] == '\n') ++n;
        else if (text[k] == '\r' && (k + 1 >= b || text[k + 1] != '\n')) ++n;  // lone CR
    }
    return n;
}

bool opens_sentence(std::string_view text, std::string_view folded, const Token& t) {
    if (t.has(kCapitalized) || t.has(kNumber)) return true;
    const auto f = ftext(folded, t);
    if (f == "\"" || f == "(" || f == "[" || f == "'" || f == "-") return true;
    // a bullet or other symbol that starts a list item
    const auto c = static_cast<unsigned char>(text[t.begin]);
    return c >= 0x80 && !t.has(kWord);
}

}  // namespace

void split_sentences(std::string_view text, std::string_view folded, const std::vector<Token>& tokens,
                     const SentenceRules& rules, std::vector<Sentence>& sentences) {
    sentences.clear();
    if (tokens.empty()) return;
    std::uint32_t first = 0;
    std::size_t line_start = 0;  // byte offset where the current line began
    auto close = [&](std::uint32_t last) {
        if (last <= first) return;
        sentences.push_back(Sentence{{tokens[first].begin, tokens[last - 1].end}, first, last});
        first = last;
    };
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        const bool at_end = i + 1 == tokens.size();
        if (at_end) {
            close(i + 1);
            break;
        }
        const auto& next = tokens[i + 1];
        const auto breaks = newlines_between(text, t.end, next.begin);
        const auto f = ftext(folded, t);
        bool boundary = false;
        if (breaks >= 2) {
            boundary = true;
        } else if (f == "." || f == "!" || f == "?") {
            bool abbreviation = false;
            if (f == "." && i > first) {
                const auto& prev = tokens[i - 1];
                const auto pf = ftext(folded, prev);
                if (prev.end == t.begin) {
                    if (rules.abbreviations.count(std::string(pf))) abbreviation = true;
                    if (rules.number_abbreviations.count(std::string(pf)) && next.has(kNumber)) abbreviation = true;
                    // an initial: "J. Smith"
                    if (prev.has(kCapitalized) && prev.end - prev.begin == 1) abbreviation = true;
                }
            }
            boundary = !abbreviation && (breaks > 0 || opens_sentence(text, folded, next));
        } else if (t.has(kDotted)) {
            // "... with the U.S. The talks": a dotted abbreviation ends a sentence only before a
            // word that typically opens one.
            boundary = breaks > 0 ||
                       (next.has(kCapitalized) && rules.sentence_starters.count(std::string(ftext(folded, next))));
        } else if (breaks == 1) {
            // A single line break ends a heading, a list item or a line that ends in punctuation;
            // a wrapped line inside a paragraph does not.
            const bool terminal = f == ":" || f == ";" || f == "\"" || f == ")";
            const bool short_line =
                t.end - line_start < 60 && f != "," && f != "-" && f != "and" && f != "or" && f != "the" && f != "of";
            const auto nc = static_cast<unsigned char>(text[next.begin]);
            const bool bullet = nc >= 0x80 && !next.has(kWord);
            boundary = terminal || bullet || (short_line && opens_sentence(text, folded, next));
        }
        if (breaks > 0) {
            auto k = next.begin;
            while (k > t.end && text[k - 1] != '\n' && text[k - 1] != '\r') --k;
            line_start = k;
        }
        if (boundary) close(i + 1);
    }
}

SentenceRules SentenceRules::load(const std::filesystem::path& file) {
    SentenceRules rules;
    TsvReader reader(file, {"kind", "word"});
    while (auto row = reader.next()) {
        const auto kind = row->at(0);
        const auto word = fold(row->at(1));
        if (kind == "abbreviation") rules.abbreviations.insert(word);
        else if (kind == "number-abbreviation") rules.number_abbreviations.insert(word);
        else if (kind == "sentence-starter") rules.sentence_starters.insert(word);
        else
            throw reader.error("unknown kind '" + std::string(kind) +
                               "'; expected abbreviation, number-abbreviation or sentence-starter");
    }
    return rules;
}

std::string fold(std::string_view text) {
    std::string folded, out;
    std::vector<Token> tokens;
    tokenize(text, folded, tokens);
    for (const auto& t : tokens) {
        if (!out.empty()) out.push_back(' ');
        out.append(folded, t.fbegin, t.fend - t.fbegin);
    }
    return out;
}

std::string slug(std::string_view text) {
    std::string folded, out;
    std::vector<Token> tokens;
    tokenize(text, folded, tokens);
    for (const auto& t : tokens) {
        if (!t.has(kWord) && !t.has(kNumber)) continue;
        std::string part;
        for (auto k = t.fbegin; k < t.fend; ++k) {
            const char c = folded[k];
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) part.push_back(c);
        }
        if (part.empty()) continue;
        if (!out.empty()) out.push_back('-');
        out += part;
    }
    // A name in a non-Latin script has no ASCII letters: key it by the hash of its folded form.
    if (out.empty() && !folded.empty()) {
        char buf[20];
        std::snprintf(buf, sizeof buf, "u%016llx",
                      static_cast<unsigned long long>(XXH3_64bits(folded.data(), folded.size())));
        out = buf;
    }
    return out;
}

std::string clean_name(std::string_view surface) {
    auto s = surface;
    auto trim = [&] {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
    };
    trim();
    if (s.size() > 4 && (s.substr(0, 4) == "the " || s.substr(0, 4) == "The ")) s.remove_prefix(4);
    if (s.size() > 2 && s.substr(s.size() - 2) == "'s") s.remove_suffix(2);
    if (s.size() > 4 && s.substr(s.size() - 4) == "\xE2\x80\x99s") s.remove_suffix(4);
    trim();
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

bool is_month(std::string_view f) {
    static constexpr std::array<std::string_view, 12> months = {"january",   "february", "march",    "april",
                                                                "may",       "june",     "july",     "august",
                                                                "september", "october",  "november", "december"};
    return std::find(months.begin(), months.end(), f) != months.end();
}

bool is_weekday(std::string_view f) {
    static constexpr std::array<std::string_view, 7> days = {"monday", "tuesday",  "wednesday", "thursday",
                                                             "friday", "saturday", "sunday"};
    return std::find(days.begin(), days.end(), f) != days.end();
}

}  // namespace dyad
