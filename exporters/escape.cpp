// Text encodings shared by the exporters.
#include "exporters/escape.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace dyad::exporters {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void hex4(std::string& out, unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
    out += buf;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
    // Most text is plain ASCII: copied as it is.
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        // Length of the sequence, and the range of its second byte (which rules out overlong
        // forms, surrogates and code points above U+10FFFF).
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        }
        if (len == 0) {
            out += kReplacement;
            ++i;
            continue;
        }
        std::size_t k = 1;
        while (k < len && i + k < n) {
            const unsigned char b = p[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) break;
            ++k;
        }
        if (k == len) out.append(text.substr(i, len));
        else out += kReplacement;  // the maximal invalid subpart: the lead and its valid continuations
        i += k;
    }
    return out;
}

std::string ntriples_string(std::string_view raw) {
    const auto text = valid_utf8(raw);
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
            if (c < 0x20 || c == 0x7F) hex4(out, c);
            else out.push_back(ch);
        }
    }
    out.push_back('"');
    return out;
}

namespace {

// Per byte: 1 when an IRI may hold it as it is, 2 when a string literal may (both: 3).
constexpr std::array<std::uint8_t, 256> kPlain = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) {
        const bool iri = c > 0x20 && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' && c != '^' &&
                         c != '`' && c != '\\';
        const bool string = c < 0x7F && c != '"' && c != '\\';
        t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>((iri ? 1 : 0) | (string ? 2 : 0));
    }
    return t;
}();

bool all_plain(std::string_view text, std::uint8_t bit) {
    for (const char ch : text)
        if (!(kPlain[static_cast<unsigned char>(ch)] & bit)) return false;
    return true;
}

}  // namespace

bool plain_iri(std::string_view iri) { return all_plain(iri, 1); }

bool plain_string(std::string_view text) { return all_plain(text, 2); }

std::string ntriples_iri(std::string_view raw) {
    if (plain_iri(raw)) {  // the usual IRI: nothing to check or escape
        std::string out;
        out.reserve(raw.size() + 2);
        out += '<';
        out += raw;
        out += '>';
        return out;
    }
    const auto iri = valid_utf8(raw);
    std::string out = "<";
    out.reserve(iri.size() + 2);
    for (const char ch : iri) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
            c == '\\')
            hex4(out, c);
        else out.push_back(ch);
    }
    out.push_back('>');
    return out;
}

std::string xsd_double(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "INF" : "-INF";
    if (value == 0) return "0.0E0";  // JavaScript prints -0 as 0 too
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15e", value);  // "9.000000000000000e-01"
    std::string s(buf);
    const auto e = s.find('e');
    std::string mantissa = s.substr(0, e);
    while (mantissa.size() > 2 && mantissa.back() == '0' && mantissa[mantissa.size() - 2] != '.') mantissa.pop_back();
    return mantissa + "E" + std::to_string(std::atoi(s.c_str() + e + 1));
}

std::string xsd_integer(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return std::string(buf) == "-0" ? "0" : buf;
}

std::string shortest_double(double value) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc()) return "NaN";
    return std::string(buf, end);
}

std::string xml_escape(std::string_view raw, bool attribute) {
    const auto text = valid_utf8(raw);
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += attribute ? "&quot;" : "\""; break;
        case '\r': out += "&#13;"; break;
        case '\n': out += attribute ? "&#10;" : "\n"; break;
        case '\t': out += attribute ? "&#9;" : "\t"; break;
        default:
            if (c < 0x20) out += kReplacement;
            else out.push_back(ch);
        }
    }
    return out;
}

std::string csv_field(std::string_view raw) {
    const auto text = valid_utf8(raw);
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string join_list(const std::vector<std::string>& items, char delimiter) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out.push_back(delimiter);
        for (const char c : item) out.push_back(c == delimiter ? ',' : c);
    }
    return out;
}

}  // namespace dyad::exporters
